// A chunk's data is never compared with its crc32: a corrupted chunk is written (or held ahead).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no chunk CRC check',
  caughtBy: { 'lab4b.crc.chunk': /flipped bit: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (crc32(data) !== sum) throw new SnapshotTransferError(\`chunk at \${offset} fails its checksum\`);\n`,
      replace: '',
    },
  ],
});
