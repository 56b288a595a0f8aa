// maybeAppend truncates at the first entry of every append, even when the entries already match.
import { mistake } from '../mistake.js';

export default mistake({
  row: "Truncating the follower's log on every AppendEntries, not only on conflict",
  caughtBy: { 'lab1b.follower.append-and-truncate': /entries we already hold are kept/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab1b',
      find: '      if (e.index <= this.lastIndex() && this.matchTerm(e.index, e.term)) continue;\n',
      replace: '',
    },
  ],
});
