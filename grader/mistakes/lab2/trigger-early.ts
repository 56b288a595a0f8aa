// The GC trigger fires one entry before the limit.
import { mistake } from '../mistake.js';

export default mistake({
  row: '`>` instead of `>=` in the trigger, or firing one entry early',
  caughtBy: { 'lab2b.tick.trigger-at-limit': /no CompactLog may be proposed/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: 'if (applied - first < this.gcCountLimit) return;',
      replace: 'if (applied - first < this.gcCountLimit - 1) return;',
    },
  ],
});
