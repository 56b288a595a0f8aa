// Class 11 of issue 10, correct but slow code: the solution, plus about SLOW_WORK_MS of deterministic CPU
// work per lab2a region call (~11 calls in the file's 9 synchronous tests). No single test comes near
// the CPU budget, so nothing may be stopped as "an infinite loop": full marks.
import { before, type HostileCase } from './case.js';

export const slowCases: HostileCase[] = [
  {
    id: '11.slow-correct',
    title: 'the solution with ~0.3 s of CPU work per region call: full marks, no test killed as a loop',
    base: 'solution',
    edits: [
      before(String.raw`let h = 0;
for (let i = 0; i < @@ITERS@@; i++) h = (h * 31 + i) | 0;
if (h === 0.5) return;`),
    ],
    expect: { score: 'full', statuses: ['passed'] },
    quick: true,
  },
];
