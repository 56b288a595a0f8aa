// saveReadyState writes the new entries but leaves a replaced persisted tail past the new last index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Not deleting a replaced persisted tail in `saveReadyState` (keys past the new last index)',
  caughtBy: { 'lab1d.save.replaced-tail-keys': /no entry past the new last index/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab1d',
      find: '        wb.delete(raftLogKey(this.regionId, i));\n',
      replace: '        void i;\n',
    },
  ],
});
