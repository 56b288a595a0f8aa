// maybeCompact ignores stabled: entries not yet persisted are dropped.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Dropping unstable or unapplied entries in `maybeCompact`',
  caughtBy: { 'lab2a.compact.keeps-unstable': /applied but not persisted/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab2a',
      find: 'Math.min(storageFirst, this.stabled + 1, this.applied + 1)',
      replace: 'Math.min(storageFirst, this.applied + 1)',
    },
  ],
});
