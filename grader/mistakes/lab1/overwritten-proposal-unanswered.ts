// A proposal whose log slot now holds another entry is dropped without an answer.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Forgetting to answer a proposal whose entry was overwritten',
  caughtBy: { 'lab1d.partition.old-leader-minority': /never answered a client request/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab1d',
      find: '        else p.fail(staleCommandError(), this.raft.term);\n',
      replace: '',
    },
  ],
});
