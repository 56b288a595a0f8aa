// The truncated state is written in a kv batch of its own instead of in the apply batch's apply state.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Writing the truncated state in another batch than the applied index',
  caughtBy: { 'lab2b.apply.truncated-state': /the truncated index is \d+ and the first index/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    applyState.truncatedState = { index, term };\n',
      replace: `    const own = new WriteBatch();
    putApplyState(own, this.storage.regionId, { ...applyState, truncatedState: { index, term } });
    void this.kvEngine.write(own);
`,
    },
  ],
});
