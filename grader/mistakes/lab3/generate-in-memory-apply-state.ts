// Generation reads the in-memory apply state instead of the view's.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'generating from the in-memory apply state (`this.applyState`, even read before the first `await`) or the commit index',
  caughtBy: { 'lab3b.generate.one-read-view': /the snapshot is the view's state/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: '    const applyState = await readApplyState(view, this.regionId);\n',
      replace: '    const applyState = { ...this.applyState };\n',
    },
  ],
});
