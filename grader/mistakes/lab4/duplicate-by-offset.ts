// Any chunk at an offset already written is ignored as a duplicate, whatever its bytes.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'duplicates matched by offset only',
  caughtBy: { 'lab4b.data.overlap': /different bytes at offset 64 \(already written\): the receiver aborts/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '      if (w?.length === data.length && w.crc32 === sum) return false;\n',
      replace: '      if (w !== undefined) return false;\n',
    },
  ],
});
