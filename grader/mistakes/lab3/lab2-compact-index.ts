// With snapshots on, the compact index still waits for every follower's match.
import { mistake } from '../mistake.js';

export default mistake({
  row: "keeping lab 2's compact index with snapshots on",
  caughtBy: { 'lab3c.compact.own-pace': /CompactLog at the applied index/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab3c',
      find: '    return applied;\n',
      replace: '    return this.compactIndexKeepingFollowers(applied);\n',
    },
  ],
});
