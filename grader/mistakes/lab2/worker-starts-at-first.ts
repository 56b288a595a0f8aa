// After a restart the first task starts at the durable first index, not at the lowest key there is.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Starting the worker at the first index after a restart',
  caughtBy: { 'lab2c.worker.restart-before-delete': /restart|key|below/ },
  edits: [
    {
      file: 'store/log-gc-worker.ts',
      part: 'lab2c',
      find: 'const start = this.lastCompacted;',
      replace: 'const start = this.lastCompacted === 0 ? this.o.firstIndex() : this.lastCompacted;',
    },
  ],
});
