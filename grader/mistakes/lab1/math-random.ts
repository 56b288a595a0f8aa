// The tick draws on Math.random() instead of the seeded random source: the grader refuses the file
// before grading (its regions are graded as stubs) and says where and why.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Calling `Math.random()`, `Date.now()` or `setTimeout` in your code',
  caughtBy: { 'lab1a.election.timeout-starts-election': /LabTodo\(lab1a\)/ },
  refusedWith: /raft\/raft\.ts:\d+ math-random: Math\.random\(\) is unseeded/,
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: '    this.electionElapsed++;\n',
      replace: '    this.electionElapsed += Math.random() < 2 ? 1 : 0;\n',
    },
  ],
});
