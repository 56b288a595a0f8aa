// The GC trigger fires only past the limit (`>` instead of `>=`).
import { mistake } from '../mistake.js';

export default mistake({
  row: '`>` instead of `>=` in the trigger, or firing one entry early',
  caughtBy: { 'lab2b.tick.trigger-at-limit': /must propose one CompactLog/ },
  edits: [
    {
      file: 'store/peer.ts',
      part: 'lab2b',
      find: 'if (applied - first < this.gcCountLimit) return;',
      replace: 'if (applied - first <= this.gcCountLimit) return;',
    },
  ],
});
