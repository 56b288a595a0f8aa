// A snapshot at exactly the truncated index is taken as stale.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'treating a snapshot at exactly the truncated index as stale (`>` instead of `>=`)',
  caughtBy: { 'lab3b.snapshot.at-truncated-index-reused': /at the truncated index \d+ is sent again/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: 's.snapshot.metadata.index >= this.applyState.truncatedState.index',
      replace: 's.snapshot.metadata.index > this.applyState.truncatedState.index',
    },
  ],
});
