// A log-GC task deletes up to its own end index, without the bound of the durable first index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'A GC task without `min(task.endIndex, firstIndex())`',
  caughtBy: { 'lab2c.worker.crash-before-apply-lands': /durable first index is still 6 must delete nothing/ },
  edits: [
    {
      file: 'store/log-gc-worker.ts',
      part: 'lab2c',
      find: '    const end = Math.min(task.endIndex, this.o.firstIndex());\n',
      replace: '    const end = task.endIndex;\n',
    },
  ],
});
