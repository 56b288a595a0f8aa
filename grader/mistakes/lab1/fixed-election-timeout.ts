// becomeFollower sets the election timeout to the same value every time instead of the random draw.
import { mistake } from '../mistake.js';

export default mistake({
  row: "Overriding the randomized election timeout with a fixed value (the kit's `reset()` draws a new one)",
  caughtBy: { 'lab1a.election.timeout-randomized-follower': /randomized timeout must take every value/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: 'this.reset(term);\n',
      replace: 'this.reset(term);\n    this.randomizedElectionTimeout = this.electionTimeout;\n',
    },
  ],
});
