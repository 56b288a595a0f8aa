// A missing snapshot file ends the transfer quietly: transfer() resolves, so the send is reported ok.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'reporting ok on failure',
  caughtBy: {
    'lab4a.fail.no-file': /no snapshot file: the transfer is reported to Raft exactly once, failed/,
  },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: `    if (info === null) throw new SnapshotTransferError(\`no complete snapshot file \${snapFileName(t.key)}\`);\n`,
      replace: '    if (info === null) return;\n',
    },
  ],
});
