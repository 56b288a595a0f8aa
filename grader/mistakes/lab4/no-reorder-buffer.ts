// A chunk beyond the next expected offset aborts the stream instead of waiting in t.ahead.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no reorder buffer',
  caughtBy: { 'lab4b.data.reordered': /chunks within the reorder buffer do not abort/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '    if (offset > t.next) {\n',
      replace:
        "    if (offset > t.next) {\n      throw new SnapshotTransferError('a chunk ahead of the next offset');\n",
    },
  ],
});
