// The compact index is the applied index, whatever the followers hold.
import { mistake } from '../mistake.js';

export default mistake({
  row: "Compacting to `applied` without looking at the followers' match",
  caughtBy: { 'lab2b.tick.compact-index': /match is below the first index/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: '    for (const [id, pr] of this.raft.prs) if (id !== this.id) compactIndex = Math.min(compactIndex, pr.match);\n',
      replace: '',
    },
  ],
});
