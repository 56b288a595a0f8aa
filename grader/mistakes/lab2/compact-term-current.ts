// The CompactLog carries the leader's current term instead of the term of the entry at the compact index.
import { mistake } from '../mistake.js';

export default mistake({
  row: "The leader's current term as compact term",
  caughtBy: { 'lab2b.tick.compact-index': /its term that of entry/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: 'this.raft.raftLog.term(compactIndex)',
      replace: 'this.raft.term',
    },
  ],
});
