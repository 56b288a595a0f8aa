// maybeCommit commits the quorum-th highest match whatever its term (Figure 8).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Committing an old-term entry by counting replicas',
  caughtBy: { 'lab1b.commit.current-term-only': /must not commit it by counting/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1b',
      find: 'n > this.raftLog.committed && this.raftLog.term(n) === this.term',
      replace: 'n > this.raftLog.committed',
    },
  ],
});
