// maybeCompact ignores applied: entries not yet applied are dropped.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Dropping unstable or unapplied entries in `maybeCompact`',
  caughtBy: { 'lab2a.compact.keeps-unapplied': /committed but not applied/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab2a',
      find: 'Math.min(storageFirst, this.stabled + 1, this.applied + 1)',
      replace: 'Math.min(storageFirst, this.stabled + 1)',
    },
  ],
});
