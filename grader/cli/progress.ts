// Progress lines printed (to stderr) while a grading run is in progress: the type check, one per finished test
// file, and a note when a test process died and the rest of its file is re-run.
import chalk from 'chalk';
import { formatMs } from '../report/style.js';
import type { ProgressEvent } from '../runner/host/options.js';
import { displayPath } from '../runner/host/paths.js';

export function progressPrinter(out: NodeJS.WritableStream): (e: ProgressEvent) => void {
  return (e) => {
    switch (e.kind) {
      case 'file': {
        const mark = e.failed > 0 || e.broken ? chalk.red('✗') : chalk.green('✓');
        const counts = [
          `${e.passed} passed`,
          e.failed > 0 ? chalk.red(`${e.failed} failed`) : undefined,
          e.broken ? chalk.red('the file failed outside its tests') : undefined,
        ]
          .filter((x) => x !== undefined)
          .join(', ');
        const again = e.pass > 1 ? chalk.dim(' (re-run)') : '';
        out.write(
          `  ${mark} ${displayPath(e.file)}${again}  ${counts}  ${chalk.dim(formatMs(e.durationMs))}\n`,
        );
        break;
      }
      case 'died':
        out.write(
          `  ${chalk.magenta('!')} ${displayPath(e.file)}: a test stopped its test process; re-running the ${e.remaining} remaining test(s)\n`,
        );
        break;
      case 'typecheck': {
        const how = chalk.dim(`${e.cached ? 'cached' : formatMs(e.durationMs)}`);
        if (e.errors === 0) out.write(`  ${chalk.green('✓')} type check: no errors  ${how}\n`);
        else if (e.errors > 0)
          out.write(
            `  ${chalk.red('✗')} type check: ${e.errors} error(s), listed under Problems below (the tests run anyway)  ${how}\n`,
          );
        else out.write(`  ${chalk.magenta('!')} type check skipped (see Problems below)\n`);
        break;
      }
      case 'listing':
        out.write(
          `  ${chalk.magenta('!')} could not load ${e.files.map(displayPath).join(', ')}; listing its tests from the reference\n`,
        );
        break;
    }
  };
}
