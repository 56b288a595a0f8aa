// The GC task deletes [start, end] instead of [start, end).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Off by one at the first index (truncated = compactIndex + 1, first = truncated, deleting `[lo, hi]`)',
  caughtBy: { 'lab2c.worker.deletes-exact-range': /deleted, \d+\.\.\d+ kept/ },
  edits: [
    {
      file: 'store/log-gc-worker.ts',
      part: 'lab2c',
      find: 'raftLogKeyRange(task.regionId, start, end)',
      replace: 'raftLogKeyRange(task.regionId, start, end + 1)',
    },
  ],
});
