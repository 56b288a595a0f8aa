// A repeat of a chunk already written is taken as an overlap: the stream aborts.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no duplicate handling',
  caughtBy: { 'lab4b.data.duplicates': /duplicated chunks: the stream is accepted without an error/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '      if (w?.length === data.length && w.crc32 === sum) return false;\n',
      replace: '',
    },
  ],
});
