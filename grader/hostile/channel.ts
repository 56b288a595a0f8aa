// Class 4 of issue 10, forging the worker→host channel: a region appends records to the results sidecar
// named in its environment (every test of its file passed, or skipped so that it leaves the maximum),
// then SIGKILLs its own process so that vitest's own results for the file are lost.
import { before, type HostileCase } from './case.js';

function forge(record: string): string {
  return String.raw`const fs = process.getBuiltinModule('node:fs');
const sidecar = process.env['RAFTLAB_SIDECAR'];
const file = globalThis['__vitest_worker__']?.filepath;
const records = fs.readFileSync(sidecar, 'utf8').split('\n').filter((l) => l.trim() !== '');
const tests = records.map((l) => JSON.parse(l)).filter((r) => r.t === 'file' && r.file === file).flatMap((r) => r.tests);
for (const d of tests) {
  fs.appendFileSync(sidecar, JSON.stringify(${record}) + '\n');
}
process.kill(process.pid, 'SIGKILL');`;
}

export const channelCases: HostileCase[] = [
  {
    id: '4.sidecar-pass',
    title:
      "a region appends an 'end: pass' record for every test of its file to the sidecar, then SIGKILLs itself",
    base: 'partial',
    edits: [before(forge("{ t: 'end', file, pid: process.pid, key: d.key, state: 'pass', durationMs: 1 }"))],
    expect: { score: 'zero' },
  },
  {
    id: '4.sidecar-skip',
    title:
      "a region marks every test of its file 'skip' in the sidecar (out of the maximum), then SIGKILLs itself",
    base: 'partial',
    edits: [before(forge("{ t: 'end', file, pid: process.pid, key: d.key, state: 'skip', durationMs: 0 }"))],
    expect: { score: 'zero' },
  },
];
