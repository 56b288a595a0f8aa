// finishInstall takes the snapshot's newer term but keeps the old term's vote.
import { mistake } from '../mistake.js';

export default mistake({
  row: "`finishInstall` moving the hard state to the snapshot's newer term but keeping the old term's vote",
  caughtBy: { 'lab3c.install.hard-state-term': /never voted in/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: '{ term, vote: 0, commit }',
      replace: '{ ...hs, term, commit }',
    },
  ],
});
