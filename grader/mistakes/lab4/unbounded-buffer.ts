// Chunks ahead of a missing one wait in t.ahead without limit: a gap is never noticed.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'unbounded buffer',
  caughtBy: { 'lab4b.data.gap': /chunks ahead: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `      if (t.ahead.size >= this.o.limits.reorderChunks) {\n        throw new SnapshotTransferError(\`gap at \${t.next}: \${t.ahead.size} chunks wait ahead of it already\`);\n      }\n`,
      replace: '',
    },
  ],
});
