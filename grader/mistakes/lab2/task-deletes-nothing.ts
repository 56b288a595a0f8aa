// The GC task moves its position but deletes nothing.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Forgetting the GC task, or deleting nothing',
  caughtBy: { 'lab2c.worker.deletes-exact-range': /deleted, \d+\.\.\d+ kept/ },
  edits: [
    {
      file: 'store/log-gc-worker.ts',
      part: 'lab2c',
      find: 'return this.o.raftEngine.deleteRange(raftLogKeyRange(task.regionId, start, end));',
      replace: 'return 0;',
    },
  ],
});
