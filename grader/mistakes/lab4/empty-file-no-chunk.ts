// The chunk loop tests before its first round: an empty file is a header and no chunk at all.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'empty file sends no chunk',
  caughtBy: { 'lab4a.chunks.empty-file': /one empty chunk, marked last/ },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: '      do {\n',
      replace: '      while (offset < info.size) {\n',
    },
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: '      } while (offset < info.size);\n',
      replace: '      }\n',
    },
  ],
});
