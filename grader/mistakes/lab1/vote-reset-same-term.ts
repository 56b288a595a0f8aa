// becomeFollower clears the vote although the term does not change (a candidate that lost, or a node
// that learns its term's leader, may then vote again in that term).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Two votes in one term (clearing `vote` when the term does not change, e.g. in `becomeFollower` after a lost election, or granting without looking at `vote`)',
  caughtBy: { 'lab1a.term.same-term-keeps-vote': /must survive becomeFollower/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: 'this.reset(term);\n',
      replace: 'this.reset(term);\n    this.vote = NONE;\n',
    },
  ],
});
