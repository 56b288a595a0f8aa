// Neither the writes nor finish compare the bytes received with the header's total size.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no size check',
  caughtBy: { 'lab4b.size.mismatch': /whose header says 350: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `      if (t.next + bytes.length > t.totalSize) {\n        throw new SnapshotTransferError(\`chunk at \${t.next} goes past the total size \${t.totalSize}\`);\n      }\n`,
      replace: '',
    },
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (t.next !== t.totalSize) {\n      throw new SnapshotTransferError(\n        \`size mismatch: \${t.next} bytes received, the header says \${t.totalSize}\`,\n      );\n    }\n`,
      replace: '',
    },
  ],
});
