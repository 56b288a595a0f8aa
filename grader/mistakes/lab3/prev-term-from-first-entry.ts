// term(first - 1) answers the term of the first held entry.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'the term of `prev` at `next == firstIndex` taken from the first held entry',
  caughtBy: { 'lab3a.fallback.next-at-first': /not from the first held entry/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab1a',
      find: '    return this.storage.term(i);\n',
      replace: '    return this.entries[0]?.term ?? this.storage.term(i);\n',
    },
  ],
});
