// The truncated state is set one past the compact index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Off by one at the first index (truncated = compactIndex + 1, first = truncated, deleting `[lo, hi]`)',
  caughtBy: { 'lab2b.apply.truncated-state': /the truncated index is 8 and the first index 9/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    applyState.truncatedState = { index, term };\n',
      replace: '    applyState.truncatedState = { index: index + 1, term };\n',
    },
  ],
});
