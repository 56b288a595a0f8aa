// A rejection counts as stale only when its index is not next - 1 (not also when it is <= match).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Taking a delayed or duplicated rejection at or below `match` as fresh (checking only `index == next − 1`)',
  caughtBy: {
    'lab1b.leader.stale-reject-at-match': /is stale and must be ignored/,
    'lab1b.network.late-duplicate-rejection': /is stale and must be ignored/,
  },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab1b',
      find: 'if (m.index !== pr.next - 1 || m.index <= pr.match) return;',
      replace: 'if (m.index !== pr.next - 1) return;',
    },
  ],
});
