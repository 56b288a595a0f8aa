// finish never compares the running CRC32 of the file with the header's.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no file CRC check',
  caughtBy: { 'lab4b.crc.file': /CRC32 is not the header’s: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (t.crc !== t.crc32) {\n      throw new SnapshotTransferError(\n        \`checksum mismatch: the file's crc32 is \${t.crc}, the header says \${t.crc32}\`,\n      );\n    }\n`,
      replace: '',
    },
  ],
});
