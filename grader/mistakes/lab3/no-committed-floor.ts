// The RaftLog constructor takes committed from the hard state alone.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no committed floor in the `RaftLog` constructor (lab1a)',
  caughtBy: { 'lab3a.restart.snapshot-only-storage': /starts with committed = applied/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab1a',
      find: 'this.committed = Math.max(storage.initialState().hardState.commit, firstIndex - 1);',
      replace: 'this.committed = storage.initialState().hardState.commit;',
    },
  ],
});
