// The install moves the applied index but keeps the old truncated state.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'not moving the truncated state with the applied index',
  caughtBy: { 'lab3c.install.states': /must be the snapshot's/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: 'const applyState: ApplyState = { appliedIndex: index, truncatedState: { index, term } };',
      replace:
        'const applyState: ApplyState = { appliedIndex: index, truncatedState: { ...this.applyState.truncatedState } };',
    },
  ],
});
