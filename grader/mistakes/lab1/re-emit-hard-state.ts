// The RawNode does not remember the hard state it starts with: the first Ready re-emits it.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Re-emitting stable entries or the hard state after restart',
  caughtBy: { 'lab1c.restart.from-storage': /Ready\.hardState must be null/ },
  edits: [
    {
      file: 'raft/rawnode.ts',
      part: 'lab1c',
      find: '    this.prevHardState = this.raft.hardState();\n',
      replace: '',
    },
  ],
});
