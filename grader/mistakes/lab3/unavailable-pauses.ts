// sendSnapshot enters the Snapshot state although no snapshot was sent.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'treating "temporarily unavailable" as an error, or entering the Snapshot state anyway',
  caughtBy: { 'lab3a.fallback.temporarily-unavailable': /must not change \(no Snapshot state/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: '      if (e instanceof SnapshotTemporarilyUnavailableError) return false;\n',
      replace:
        '      if (e instanceof SnapshotTemporarilyUnavailableError) {\n        pr.becomeSnapshot(this.raftLog.storage.firstIndex() - 1);\n        return false;\n      }\n',
    },
  ],
});
