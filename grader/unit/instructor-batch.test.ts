// `raftlab grade-batch` end to end on lab2a: two honest submissions (the solution as a folder, lab 1
// only as a .tar.gz) and two hostile ones from the hostile suite (3.promise-then as a .zip,
// 8.escape-kill-ppid as a folder) graded two at a time. The hostile ones score 0, the honest ones get
// exactly the score and statuses a single `raftlab grade` gives the same tree; a second run reuses
// every record. The hostile cases chosen never write files (the static check and the frozen built-ins
// stop them), so they are safe to grade with this checkout.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { c as tarCreate } from 'tar';
import yazl from 'yazl';
import { afterAll, expect, test } from 'vitest';
import { HOSTILE_CASES } from '../hostile/index.js';
import { applyOverlay } from '../hostile/overlay.js';
import type { BatchRecord } from '../instructor/batch-grade.js';
import type { Report } from '../report/model.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'grader', 'bin', 'raftlab.mjs');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'raftlab-batch-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function raftlab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function hostileTree(id: string, base: string, dest: string): void {
  const c = HOSTILE_CASES.find((h) => h.id === id);
  if (c === undefined) throw new Error(`no hostile case ${id}`);
  cpSync(base, dest, { recursive: true });
  applyOverlay(dest, c.edits, { kit: ROOT, tree: dest, iters: 1 });
}

function zipFolder(dir: string, prefix: string): Promise<Buffer> {
  const z = new yazl.ZipFile();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  );
  for (const f of files.sort()) z.addFile(join(dir, f), `${prefix}/${f}`);
  z.end();
  return new Promise((res) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (b: Buffer) => chunks.push(b));
    z.outputStream.on('end', () => res(Buffer.concat(chunks)));
  });
}

const summary = (r: Report) => ({
  total: r.total,
  tests: r.labs.flatMap((l) => l.tests.map((t) => `${t.id}:${t.status}:${t.points}`)),
});

test('hostile submissions cost only themselves; honest ones get their single grade', {
  timeout: 240_000,
}, async () => {
  const solved = join(work, 'solved');
  const partial = join(work, 'partial');
  const subs = join(work, 'subs');
  const out = join(work, 'out');
  mkdirSync(subs);
  expect((await raftlab(['make-labs', '--solved', 'all', '--out', solved])).code).toBe(0);
  expect((await raftlab(['make-labs', '--solved', 'lab1', '--out', partial])).code).toBe(0);
  cpSync(solved, join(subs, 'alice'), { recursive: true });
  await tarCreate({ gzip: true, file: join(subs, 'bob.tar.gz'), cwd: work }, ['partial']);
  const mallory = join(work, 'mallory');
  hostileTree('3.promise-then', partial, mallory);
  writeFileSync(join(subs, 'mallory.zip'), await zipFolder(mallory, 'mallory'));
  hostileTree('8.escape-kill-ppid', partial, join(subs, 'trudy'));
  writeFileSync(join(subs, 'notes.txt'), 'not a submission');

  const [batch, single] = await Promise.all([
    raftlab(['grade-batch', subs, '--out', out, '--labs', 'lab2a', '--jobs', '2']),
    raftlab(['grade', 'lab2a', '--target', solved, '--json', join(work, 'alice.json')]),
  ]);
  const rec = (s: string) => JSON.parse(readFileSync(join(out, `${s}.json`), 'utf8')) as BatchRecord;
  const alice = rec('alice');
  const bob = rec('bob');
  expect(alice.status).toBe('graded');
  expect(summary(alice.report)).toEqual(
    summary(JSON.parse(readFileSync(join(work, 'alice.json'), 'utf8')) as Report),
  );
  expect(alice.report.total.score).toBe(alice.report.total.max);
  expect(bob.report.total).toEqual({ score: 0, max: alice.report.total.max });
  expect(bob.kind).toBe('tar.gz');
  expect(bob.root).toBe('partial');
  for (const s of ['mallory', 'trudy']) {
    const r = rec(s);
    expect(r.report.total.score, `${s} gains nothing`).toBe(0);
    expect(
      r.report.labs.flatMap((l) => l.tests).some((t) => t.status === 'passed'),
      s,
    ).toBe(false);
  }
  const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
  expect(csv[0]).toMatch(/^student,lab2 \(\/\d+\),total,max,status,seconds,problems$/);
  expect(csv.map((l) => l.split(',')[0])).toEqual(['student', 'alice', 'bob', 'mallory', 'trudy']);
  expect(csv.find((l) => l.startsWith('trudy,'))).toMatch(
    /static check rejected: (labs\/)?raft\/log\.ts:\d+ \[computed-key\]/,
  );
  expect(batch.stdout).toContain('Failing');
  expect(batch.stdout).toMatch(/trudy: .*static check rejected/);
  expect(single.code).toBe(0);

  const again = await raftlab(['grade-batch', subs, '--out', out, '--labs', 'lab2a']);
  expect(again.stdout).toContain('(4 reused, 0 graded)');
  expect(readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n')).toEqual(csv);
});
