// A failed generation is never retried: snapshot() stays temporarily unavailable.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no retry after a failed generation (TinyKV #198)',
  caughtBy: { 'lab3b.retry.failed-then-generated': /requests a new generation/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: "    if (s.kind === 'failed' && ++this.snapFailures",
      replace:
        "    if (s.kind === 'failed') throw new SnapshotTemporarilyUnavailableError();\n    if (s.kind === 'failed' && ++this.snapFailures",
    },
  ],
});
