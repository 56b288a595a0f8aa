// The sender never waits for acks before a chunk: the whole file goes out at once.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no window',
  caughtBy: { 'lab4a.window.bounded': /the sender stops at the window/ },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: '        while (offset + n - acked > windowBytes) await awaitAck();\n',
      replace: '',
    },
  ],
});
