// Applying CompactLog mutates the live truncated state in place instead of replacing it: the first index
// moves before the apply batch is durable.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Mutating `applyState.truncatedState` in place instead of replacing it',
  caughtBy: { 'lab2b.apply.truncated-state': /while the apply batch of CompactLog \{10, 6\} is in flight/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    applyState.truncatedState = { index, term };\n',
      replace: '    applyState.truncatedState.index = index;\n    applyState.truncatedState.term = term;\n',
    },
  ],
});
