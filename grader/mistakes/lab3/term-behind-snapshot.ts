// finishInstall keeps the hard state's term even when the snapshot's is newer.
import { mistake } from '../mistake.js';

export default mistake({
  row: "the install's raft state keeping a term older than the snapshot's",
  caughtBy: { 'lab3c.install.term-not-behind-snapshot': /not behind the snapshot's term/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: 'hardState: hs.term >= term ? { ...hs, commit } : { term, vote: 0, commit },',
      replace: 'hardState: { ...hs, commit },',
    },
  ],
});
