// restore leaves committed where it was.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`restore` without setting `committed`, or keeping the old entries, or `first = index`',
  caughtBy: { 'lab3a.follower.restore-fields': /the log restarts from the snapshot/ },
  edits: [{ file: 'raft/log.ts', part: 'lab3a', find: '    this.committed = index;\n', replace: '' }],
});
