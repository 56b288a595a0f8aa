// saveReadyState writes nothing for a Ready that carries only a hard state (a vote, a new term).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Writing nothing in `saveReadyState` for a Ready that has a hard state but no entries',
  caughtBy: { 'lab1d.persist.one-store': /before persisting that term/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab1d',
      find: 'if (last === undefined && rd.hardState === null) return;',
      replace: 'if (last === undefined) return;',
    },
  ],
});
