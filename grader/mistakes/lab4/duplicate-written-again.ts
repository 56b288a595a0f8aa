// Nothing handles a chunk below the next expected offset: it is appended again.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no duplicate handling',
  caughtBy: { 'lab4b.data.duplicates': /duplicated chunks: the stream is accepted without an error/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (offset < t.next) {\n      const w = t.written.get(offset);\n      if (w?.length === data.length && w.crc32 === sum) return false;\n      throw new SnapshotTransferError(\`chunk at \${offset} overlaps the \${t.next} bytes written\`);\n    }\n`,
      replace: '',
    },
  ],
});
