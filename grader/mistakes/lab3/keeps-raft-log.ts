// The install keeps the old raft-log keys.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'keeping the old raft-log keys, or deleting them only up to the snapshot index',
  caughtBy: { 'lab3c.install.clears-raft-log': /no log entry of the old log/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: '    for (const { key } of await raftEngine.scan(raftLogKeyRange(regionId))) wb.delete(key);\n',
      replace: '',
    },
  ],
});
