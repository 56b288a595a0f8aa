// The snapshot's term is always the truncated term.
import { mistake } from '../mistake.js';

export default mistake({
  row: "the snapshot's term from the raft state's last term, or always the truncated term",
  caughtBy: { 'lab3b.generate.state-at-applied-index': /term = term of entry/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3b',
      find: '    if (index !== truncated.index) {',
      replace: '    if (index < 0) {',
    },
  ],
});
