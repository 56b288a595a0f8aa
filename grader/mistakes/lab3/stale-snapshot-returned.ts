// A ready snapshot below the truncated index is returned.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'returning a snapshot below the truncated index',
  caughtBy: { 'lab3b.snapshot.stale-regenerated': /is stale: a new generation/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: '      if (s.snapshot.metadata.index >= this.applyState.truncatedState.index) return s.snapshot;',
      replace: '      return s.snapshot;',
    },
  ],
});
