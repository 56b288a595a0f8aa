// handleRequestVote grants whenever no leader is known, whatever it voted for in this term.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Two votes in one term (clearing `vote` when the term does not change, e.g. in `becomeFollower` after a lost election, or granting without looking at `vote`)',
  caughtBy: { 'lab1a.vote.one-per-term': /at most one vote per term/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: 'this.vote === m.from || (this.vote === NONE && this.lead === NONE)',
      replace: 'this.lead === NONE',
    },
  ],
});
