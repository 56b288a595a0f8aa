// handleSnapshot restores every snapshot, also one at or below its commit index.
import { mistake } from '../mistake.js';

export default mistake({
  row: "not ignoring a stale snapshot, or answering it with the snapshot's index",
  caughtBy: { 'lab3a.follower.stale-snapshot-ignored': /must change nothing in the log/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: 'if (index > this.raftLog.committed) {',
      replace: 'if (index > 0) {',
    },
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: 'if (this.raftLog.matchTerm(index, term)) {',
      replace: 'if (index < 0 && this.raftLog.matchTerm(index, term)) {',
    },
  ],
});
