// The install's kv batch marks the region Normal instead of Applying.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no `Applying` marker, or clearing it before the raft batch',
  caughtBy: { 'lab3c.crash.every-install-write': /must restart after a crash/ },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: 'putRegionLocalState(wb, this.regionId, { state: storepb.PeerState.Applying, region });',
      replace: 'putRegionLocalState(wb, this.regionId, { state: storepb.PeerState.Normal, region });',
    },
  ],
});
