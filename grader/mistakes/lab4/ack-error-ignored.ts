// An ack carrying an error is taken like any other: the sender streams on until the ack timeout.
import { mistake } from '../mistake.js';

export default mistake({
  row: "ignores an ack's error",
  caughtBy: {
    'lab4a.fail.ack-error': /an ack with an error: the transfer is reported to Raft exactly once, failed/,
  },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: `        if (ack.error) throw new SnapshotTransferError(\`store \${t.to} aborted the transfer: \${ack.error}\`);\n`,
      replace: '',
    },
  ],
});
