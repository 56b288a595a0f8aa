// A chunk's CRC32 is checked only when it is written in order: a corrupted chunk held ahead is not.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no chunk CRC check',
  caughtBy: {
    'lab4b.crc.chunk': /a corrupted chunk ahead of the next offset: the receiver aborts the transfer/,
  },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (crc32(data) !== sum) throw new SnapshotTransferError(\`chunk at \${offset} fails its checksum\`);\n`,
      replace: '',
    },
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '      const bytes = chunk.data;\n',
      replace:
        "      const bytes = chunk.data;\n      if (crc32(bytes) !== chunk.crc32) throw new SnapshotTransferError('a chunk fails its checksum');\n",
    },
  ],
});
