// Applying a CompactLog moves the truncated state but schedules no GC task.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Forgetting the GC task, or deleting nothing',
  caughtBy: { 'lab2c.system.bounded-log': /must not keep compacted log keys/ },
  edits: [{ file: 'store/peer.ts', part: 'lab2b', find: '    this.logGc.schedule(index);\n', replace: '' }],
});
