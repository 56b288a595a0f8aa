// The temporary file is committed (renamed into place) first, and synced only after.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'rename before sync',
  caughtBy: { 'lab4b.finish.sync-rename-step': /synced after its last write and before the rename/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '    await writer.sync();\n    await writer.close();\n    await this.o.manager.commitTemp(name, t.key!, { size: t.next, crc32: t.crc });\n',
      replace:
        '    await this.o.manager.commitTemp(name, t.key!, { size: t.next, crc32: t.crc });\n    await writer.sync();\n    await writer.close();\n',
    },
  ],
});
