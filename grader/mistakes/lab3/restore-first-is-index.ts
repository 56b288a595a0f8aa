// restore sets first = snapshot index.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`restore` without setting `committed`, or keeping the old entries, or `first = index`',
  caughtBy: { 'lab3a.follower.restore-fields': /the log restarts from the snapshot/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab3a',
      find: '    this.first = index + 1;\n',
      replace: '    this.first = index;\n',
    },
  ],
});
