// The MsgSnapshot is stepped into Raft before its file is committed.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'step before commit',
  caughtBy: { 'lab4b.data.in-order': /stepped only after the file was renamed into place/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: '    await this.o.manager.commitTemp(name, t.key!, { size: t.next, crc32: t.crc });\n    this.o.step(t.msg!);\n',
      replace:
        '    this.o.step(t.msg!);\n    await this.o.manager.commitTemp(name, t.key!, { size: t.next, crc32: t.crc });\n',
    },
  ],
});
