// Class 8 of issue 10, silencing the watchdog: a region keeps bumping the watchdog's shared heartbeat word
// (found through Symbol.for) while it loops, stops its own process (SIGSTOP), or kills the grader (its
// parent, or its whole process group). The grading must still end, with a complete report, in bounded time.
import { before, type HostileCase } from './case.js';

/** Worst case with honest host-side limits: every lab2a test hits the per-test wall-clock limit. */
const HANG_LIMIT_MS = 180_000;
const notPassed = ['failed', 'timeout', 'crashed'] as const;

export const watchdogCases: HostileCase[] = [
  {
    id: '8.heartbeat',
    title: "a region loops forever bumping the watchdog's heartbeat word (Symbol.for('raftlab.watchdog'))",
    base: 'partial',
    edits: [
      before(String.raw`const w = globalThis[Symbol.for('raftlab.watchdog')];
for (;;) if (w?.words) Atomics.add(w.words, 0, 1);`),
    ],
    expect: { score: 'zero', statuses: notPassed, limitMs: HANG_LIMIT_MS },
  },
  {
    id: '8.sigstop',
    title:
      "a region stops its own process: process.kill(process.pid, 'SIGSTOP') (the watchdog thread stops too)",
    base: 'partial',
    edits: [before("process.kill(process.pid, 'SIGSTOP');")],
    expect: { score: 'zero', statuses: notPassed, limitMs: HANG_LIMIT_MS },
  },
  {
    id: '8.kill-ppid',
    title: "a region kills its parent, the grader: process.kill(process.ppid, 'SIGKILL')",
    base: 'partial',
    edits: [before("process.kill(process.ppid, 'SIGKILL');")],
    expect: { score: 'zero', statuses: notPassed },
    quick: true,
  },
  {
    id: '8.kill-ppid-term',
    title: 'a region sends SIGTERM to the grader: process.kill(process.ppid)',
    base: 'partial',
    edits: [before('process.kill(process.ppid);')],
    expect: { score: 'zero', statuses: notPassed },
  },
  {
    id: '8.kill-group',
    title: "a region kills its whole process group, the grader with it: process.kill(0, 'SIGKILL')",
    base: 'partial',
    edits: [before("process.kill(0, 'SIGKILL');")],
    expect: { score: 'zero', statuses: notPassed },
  },
];
