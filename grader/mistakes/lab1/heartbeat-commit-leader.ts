// A follower takes the heartbeat's commit as is, past the entries it holds.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Heartbeat sets `commit = leaderCommit`',
  caughtBy: { 'lab1a.heartbeat.commit-within-log': /never commits an entry it does not hold/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1a',
      find: '    this.raftLog.commitTo(m.commit);\n    this.send(newMessage({ msgType: MessageType.MsgHeartbeatResponse',
      replace:
        '    this.raftLog.committed = Math.max(this.raftLog.committed, m.commit);\n    this.send(newMessage({ msgType: MessageType.MsgHeartbeatResponse',
    },
  ],
});
