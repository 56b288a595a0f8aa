// handleSnapshot answers with the snapshot's index instead of its commit index.
import { mistake } from '../mistake.js';

export default mistake({
  row: "not ignoring a stale snapshot, or answering it with the snapshot's index",
  caughtBy: { 'lab3a.follower.stale-snapshot-ignored': /the reply carries the commit index/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: '      newMessage({ msgType: MessageType.MsgAppendResponse, to: m.from, index: this.raftLog.committed }),',
      replace: '      newMessage({ msgType: MessageType.MsgAppendResponse, to: m.from, index }),',
    },
  ],
});
