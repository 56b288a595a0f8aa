// Applying a CompactLog deletes the log keys itself instead of leaving it to the background task.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Deleting inside the apply step instead of in the background',
  caughtBy: { 'lab2b.apply.truncated-state': /deletes nothing itself/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    this.logGc.schedule(index);\n',
      replace: '    void this.logGc.run({ regionId: this.storage.regionId, endIndex: index + 1 });\n',
    },
  ],
});
