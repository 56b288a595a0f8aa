// The term at the truncated index is read from the raft log.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'reading the term from the log when the index is the truncated index',
  caughtBy: { 'lab3b.generate.term-at-truncated-index': /log entry \d+ is not in the raft engine/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: '    if (index !== truncated.index) {',
      replace: '    if (index >= truncated.index) {',
    },
  ],
});
