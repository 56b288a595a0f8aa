// The install leaves PeerStorage's entry cache as it was.
import { mistake } from '../mistake.js';

export default mistake({
  row: "not resetting PeerStorage's cache",
  caughtBy: { 'lab3c.install.continues-after': /continue the snapshot/ },
  edits: [
    { file: 'store/peer-storage.ts', part: 'lab3c', find: '    this.cache.reset(index + 1);\n', replace: '' },
  ],
});
