// Proposals overtaken by a snapshot are answered as stale (definitely not applied).
import { mistake } from '../mistake.js';

export default mistake({
  row: 'answering overtaken proposals as stale (definitely not applied)',
  caughtBy: { 'lab3c.install.overtaken-proposals': /none as applied or as definitely failed/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab3c',
      find: 'const error = notLeaderError(this.storage.regionId, this.raft.lead, true);',
      replace: 'const error = staleCommandError();',
    },
  ],
});
