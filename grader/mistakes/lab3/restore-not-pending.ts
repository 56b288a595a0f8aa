// restore does not keep the snapshot pending.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`restore` not keeping the snapshot pending',
  caughtBy: { 'lab3a.ready.carries-snapshot': /keeps the snapshot pending/ },
  edits: [
    { file: 'raft/log.ts', part: 'lab3a', find: '    this.pendingSnapshot = snapshot;\n', replace: '' },
  ],
});
