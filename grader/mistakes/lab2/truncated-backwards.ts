// Applying an older CompactLog moves the truncated state back.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Moving the truncated state backwards (no `>` check)',
  caughtBy: { 'lab2b.apply.only-forward': /truncated index stays/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    if (index <= applyState.truncatedState.index) return;\n',
      replace: '',
    },
  ],
});
