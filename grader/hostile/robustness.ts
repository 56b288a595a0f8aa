// The robustness cases of issue 10, each on the solution with a fault in (or around) the lab2a region:
// a loop at import time, a microtask loop, process.exit, throws of non-errors, running out of memory, a
// syntax error, a missing export or file. Every grading must end with a complete report in bounded time.
// Last, honest submissions the defences must not penalise: a helper function, everyday language
// features, CRLF line ends with a byte-order mark.
import { before, type HostileCase, helpers, region, replace } from './case.js';

const notPassed = ['failed', 'timeout', 'crashed'] as const;

export const robustnessCases: HostileCase[] = [
  {
    id: 'r.import-loop',
    title: 'the helpers region of raft/log.ts loops forever at import time',
    base: 'solution',
    edits: [helpers('const spin = (() => {\n  for (;;) {}\n})();')],
    expect: { score: 'zero', statuses: notPassed, limitMs: 180_000 },
  },
  {
    id: 'r.import-loop-outside',
    title: 'raft/log.ts loops forever at import time (module level, outside every region)',
    base: 'solution',
    edits: [replace('raft/log.ts', '\nexport class RaftLog {', '\nfor (;;) {}\n\nexport class RaftLog {')],
    expect: { score: 'any', limitMs: 180_000 },
  },
  {
    id: 'r.microtask-loop',
    title: 'the lab2c region (async LogGcWorker.run, awaited by the tests) awaits resolved promises forever',
    base: 'solution',
    what: ['lab2c'],
    edits: [region('for (;;) await null;', { file: 'store/log-gc-worker.ts', part: 'lab2c' })],
    expect: { score: 'zero', statuses: notPassed, limitMs: 180_000 },
  },
  {
    id: 'r.exit',
    title: 'the region calls process.exit(0)',
    base: 'solution',
    edits: [region('process.exit(0);')],
    expect: { score: 'zero', statuses: notPassed },
  },
  {
    id: 'r.throw-non-errors',
    title: 'the region throws null, undefined, a symbol, or an object whose message and toString throw',
    base: 'solution',
    edits: [
      region(String.raw`const k = storageFirst % 4;
if (k === 0) throw null;
if (k === 1) throw undefined;
if (k === 2) throw Symbol('not an error');
throw {
  get message() { throw new Error('a message getter that throws'); },
  toString() { throw new Error('a toString that throws'); },
};`),
    ],
    expect: { score: 'zero', statuses: ['failed'] },
  },
  {
    id: 'r.oom',
    title: 'the region allocates without bound (JavaScript heap exhausted)',
    base: 'solution',
    edits: [region('const hoard = [];\nfor (;;) hoard.push(new Array(1 << 20).fill(storageFirst));')],
    expect: { score: 'zero', statuses: notPassed, limitMs: 240_000 },
  },
  {
    id: 'r.syntax-error',
    title: 'the region does not parse',
    base: 'solution',
    edits: [region('this.first = ;')],
    expect: { score: 'zero', statuses: ['failed'] },
  },
  {
    id: 'r.missing-export',
    title: 'raft/log.ts no longer exports RaftLog (export removed outside the regions)',
    base: 'solution',
    edits: [replace('raft/log.ts', '\nexport class RaftLog {', '\nclass RaftLog {')],
    expect: { score: 'any' },
  },
  {
    id: 'r.output-flood',
    title: 'the solution printing 5 MB with console.log on every region call (about 50 MB in all)',
    base: 'solution',
    edits: [before("for (let i = 0; i < 5_000; i++) console.log('x'.repeat(1_000));")],
    expect: { score: 'full', statuses: ['passed'], limitMs: 180_000 },
  },
  {
    id: 'r.giant-error',
    // A worker that keeps several such errors may pass its memory limit: `crashed` costs the submission
    // too. What must hold is a complete, bounded report (messages are cut at 16 KiB).
    title: 'the region throws an Error whose message is 20 MB long',
    base: 'solution',
    edits: [region("throw new Error('x'.repeat(20_000_000));")],
    expect: { score: 'zero', statuses: ['failed', 'crashed'], limitMs: 180_000 },
  },
  {
    id: 'r.honest-helper',
    title: 'the solution written with a helper function (helpers region) and everyday language features',
    base: 'solution',
    edits: [
      helpers(String.raw`/** The new first index: nothing unstable or unapplied is ever dropped. */
function compactionPoint(storageFirst: number, stabled: number, applied: number): number {
  return Math.min(storageFirst, stabled + 1, applied + 1);
}`),
      region(String.raw`const newFirst = compactionPoint(storageFirst, this.stabled, this.applied);
if (newFirst <= this.first) return;
const kept = new Map<number, Entry>();
for (const [i, e] of this.entries.entries()) if (i >= newFirst - this.first) kept.set(e.index, e);
try {
  this.entries = Array.from(kept.values());
} catch (err) {
  throw new Error(JSON.stringify({ newFirst, err: String(err) }));
}
this.first = newFirst;`),
    ],
    expect: { score: 'full', statuses: ['passed'] },
  },
  {
    id: 'r.crlf',
    title: 'the solution saved with CRLF line ends and a byte-order mark (raft/log.ts)',
    base: 'solution',
    edits: [{ kind: 'crlf', file: 'raft/log.ts' }],
    expect: { score: 'full', statuses: ['passed'] },
  },
  {
    id: 'r.missing-file',
    title: 'raft/log.ts is missing from the submission',
    base: 'solution',
    edits: [{ kind: 'delete', file: 'raft/log.ts' }],
    expect: { score: 'zero', statuses: ['failed'] },
  },
];
