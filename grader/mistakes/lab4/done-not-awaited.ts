// The transfer resolves as soon as the last chunk is out, without waiting for the receiver's `done`.
import { mistake } from '../mistake.js';

export default mistake({
  row: "doesn't wait for done",
  caughtBy: { 'lab4a.done.awaited': /no `done` yet: nothing is reported/ },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: '      let done = false;\n      while (!done) done = (await awaitAck()).done;\n',
      replace: '',
    },
  ],
});
