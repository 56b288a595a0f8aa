// No chunk is marked `last`: the receiver never finishes the stream.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`last` never set',
  caughtBy: { 'lab4a.chunks.split': /only the final chunk is marked last/ },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: 'dataFrame(t, offset, data, offset + n === info.size)',
      replace: 'dataFrame(t, offset, data, false)',
    },
  ],
});
