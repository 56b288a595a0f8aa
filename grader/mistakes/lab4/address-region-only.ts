// onHeader checks the region and the store, not which peer of the region the message is for.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no address check',
  caughtBy: { 'lab4b.header.misaddressed': /another peer on this store: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '      Number(toPeer?.id ?? 0) !== p.peerId ||\n',
      replace: '',
    },
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: ' ||\n      Number(m.to ?? 0) !== p.peerId\n',
      replace: '\n',
    },
  ],
});
