// The raft batch (finishInstall) is written before the kv batch, which then marks the region Normal.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'writing the raft state before the kv batch',
  caughtBy: {
    'lab3c.crash.every-install-write':
      /must restart after a crash|as before the snapshot or as after it|crash after write/,
  },
  edits: [
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: '    await kvEngine.write(wb);\n    const engines = { raftEngine: this.raftEngine, kvEngine, regionId: this.regionId };\n    this.raftState = await PeerStorage.finishInstall(engines, applyState, region, this.raftState);\n',
      replace:
        '    const engines = { raftEngine: this.raftEngine, kvEngine, regionId: this.regionId };\n    this.raftState = await PeerStorage.finishInstall(engines, applyState, region, this.raftState);\n    await kvEngine.write(wb);\n',
    },
    {
      file: 'store/peer-storage.ts',
      part: 'lab3c',
      find: 'putRegionLocalState(wb, this.regionId, { state: storepb.PeerState.Applying, region });',
      replace: 'putRegionLocalState(wb, this.regionId, { state: storepb.PeerState.Normal, region });',
    },
  ],
});
