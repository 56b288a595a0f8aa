// The install writes the snapshot's keys but deletes none of the region's old ones.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'deleting only the user keys the snapshot overwrites, not every key of the region',
  caughtBy: { 'lab3c.install.replaces-user-data': /no user data but the snapshot's/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: '    for (const { key } of await kvEngine.scan(dataKeyRange(region.startKey, region.endKey))) wb.delete(key);\n',
      replace: '',
    },
  ],
});
