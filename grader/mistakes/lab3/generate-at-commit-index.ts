// Generation puts the snapshot at the persisted commit index instead of the view's applied index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'generating from the in-memory apply state (`this.applyState`, even read before the first `await`) or the commit index',
  caughtBy: { 'lab3b.generate.persisted-apply-state': /the snapshot is at the persisted applied index/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: '    const index = applyState.appliedIndex;\n',
      replace: '    const index = Math.max(applyState.appliedIndex, this.raftState.hardState.commit);\n',
    },
  ],
});
