// sendAppend falls back to a snapshot already when next == firstIndex.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'falling back to a snapshot already at `next == firstIndex`',
  caughtBy: { 'lab3a.fallback.next-at-first': /gets a MsgAppend, not a snapshot/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: '    try {\n      prevTerm = this.raftLog.term(prevIndex);',
      replace:
        '    try {\n      if (pr.next <= this.raftLog.first && prevIndex > 0) return this.sendSnapshot(to);\n      prevTerm = this.raftLog.term(prevIndex);',
    },
  ],
});
