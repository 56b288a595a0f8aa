// The failure count is not reset after a successful generation.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'not resetting the failure count after a successful generation',
  caughtBy: { 'lab3b.retry.cap-counts-failures-in-a-row': /failure 1 in a row/ },
  edits: [
    { file: 'store/peer-storage.ts', part: 'lab3b', find: '      this.snapFailures = 0;\n', replace: '' },
  ],
});
