// Every stream of a snapshot writes the same temporary file.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'one temp name shared by streams',
  caughtBy: { 'lab4b.files.two-streams-one-snapshot': /each stream gets a temporary file of its own/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `createTemp(t.key, \`s\${t.from}x\${t.stream}\`)`,
      replace: "createTemp(t.key, 'rcv')",
    },
  ],
});
