// finishInstall returns early when the raft state already looks installed, leaving the Applying marker.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'a recovery that skips work when the raft state "looks done" (so the marker is never cleared)',
  caughtBy: { 'lab3c.crash.recovery-idempotent': /as before the snapshot or as after it/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: '    const { index, term } = applyState.truncatedState;\n    const wb = new WriteBatch();\n',
      replace:
        '    const { index, term } = applyState.truncatedState;\n    if (raftState.lastIndex === index && raftState.lastTerm === term) return raftState;\n    const wb = new WriteBatch();\n',
    },
  ],
});
