// sendSnapshot lets SnapshotTemporarilyUnavailableError escape.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'treating "temporarily unavailable" as an error, or entering the Snapshot state anyway',
  caughtBy: {
    'lab3a.fallback.temporarily-unavailable': /temporarily unavailable.*must carry on, not fail the step/,
  },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: '      if (e instanceof SnapshotTemporarilyUnavailableError) return false;\n',
      replace: '',
    },
  ],
});
