// A repeat of a chunk waiting ahead is taken as a second, different chunk at its offset: the stream aborts.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no duplicate handling',
  caughtBy: { 'lab4b.data.duplicates': /duplicated chunks: the stream is accepted without an error/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '      if (held !== undefined && held.data.length === data.length && held.crc32 === sum) return false;\n',
      replace: '',
    },
  ],
});
