// The reader is closed after a transfer that succeeded, not in a finally: a failed one leaks it.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'reader closed only on success',
  caughtBy: { 'lab4a.fail.ack-error': /after an ack with an error: the file's reader is closed/ },
  edits: [
    {
      file: 'store/snap-sender.ts',
      part: 'lab4a',
      find: '    } finally {\n      await reader.close();\n    }\n',
      replace: '      await reader.close();\n    } catch (err) {\n      throw err;\n    }\n',
    },
  ],
});
