// sendSnapshot sends the snapshot but leaves the follower in the Probe state.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`sendSnapshot` forgets `pr.becomeSnapshot(index)`',
  caughtBy: { 'lab3a.fallback.next-below-first': /waits in Snapshot state/ },
  edits: [
    {
      file: 'raft/raft.ts',
      part: 'lab3a',
      find: '    pr.becomeSnapshot(snapshot.metadata.index);\n',
      replace: '',
    },
  ],
});
