// onHeader accepts a snapshot at or below the applied index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no stale check',
  caughtBy: { 'lab4b.header.stale': /applied 10: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (meta.index <= p.appliedIndex) {\n      throw new SnapshotTransferError(\n        \`stale: snapshot index \${meta.index} <= applied index \${p.appliedIndex}\`,\n      );\n    }\n`,
      replace: '',
    },
  ],
});
