// onHeader takes any raft message that has snapshot metadata, not only a MsgSnapshot.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no address check',
  caughtBy: { 'lab4b.header.misaddressed': /a header of a MsgAppend: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: ' || m.msgType !== MessageType.MsgSnapshot',
      replace: '',
    },
  ],
});
