// The CRC covers the region too, not only the encoded kvs.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'the CRC over the wrong bytes',
  caughtBy: { 'lab3b.data.checksum-detects-damage': /fails its checksum/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: 'crc32(storepb.SnapshotData.encode({ kvs }).finish())',
      replace: 'crc32(storepb.SnapshotData.encode({ region, kvs }).finish())',
    },
  ],
});
