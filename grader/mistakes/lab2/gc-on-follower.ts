// The GC tick proposes a CompactLog on every replica, not only on the leader.
import { mistake } from '../mistake.js';

export default mistake({
  row: "GC on a follower's own initiative (no leader check, or TinyKV's `appliedIdx − 1` without the match rule)",
  caughtBy: { 'lab2b.tick.leader-only': /a follower must not propose CompactLog on its GC tick/ },
  edits: [{ file: 'store/peer.ts', part: 'lab2b', find: '    if (!this.isLeader()) return;\n', replace: '' }],
});
