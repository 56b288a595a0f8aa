// isUpToDate compares only the last indexes, not the last terms first.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Comparing only last indexes in `isUpToDate`',
  caughtBy: { 'lab1a.vote.up-to-date': /last term decides first/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab1a',
      find: 'return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());',
      replace: 'return myTerm >= 0 && lastIndex >= this.lastIndex();',
    },
  ],
});
