// unstableEntries hands out every in-memory entry, the stable ones too.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'Re-emitting stable entries or the hard state after restart',
  caughtBy: { 'lab1c.restart.from-storage': /Ready\.entries must be empty/ },
  edits: [
    {
      file: 'raft/log.ts',
      part: 'lab1c',
      find: 'return this.entries.slice(Math.max(0, this.stabled + 1 - this.first));',
      replace: 'return this.entries.slice(0);',
    },
  ],
});
