// The install deletes the raft-log keys only up to the snapshot index.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'keeping the old raft-log keys, or deleting them only up to the snapshot index',
  caughtBy: { 'lab3c.install.clears-raft-log': /no log entry of the old log/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: 'raftEngine.scan(raftLogKeyRange(regionId))',
      replace: 'raftEngine.scan(raftLogKeyRange(regionId, 0, index + 1))',
    },
  ],
});
