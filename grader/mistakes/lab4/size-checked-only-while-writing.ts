// The writes never go past the header's size, but finish does not check that the stream reached it.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no size check',
  caughtBy: { 'lab4b.size.mismatch': /whose header says 350: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (t.next !== t.totalSize) {\n      throw new SnapshotTransferError(\n        \`size mismatch: \${t.next} bytes received, the header says \${t.totalSize}\`,\n      );\n    }\n`,
      replace: '',
    },
  ],
});
