// What `raftlab grade-batch` does once its command line is checked: runs the batch (batch.ts) with a
// progress bar and an ETA on a terminal (a line per submission otherwise), then prints the slowest and
// the failing submissions. Loaded on demand by grader/cli/grade-batch-command.ts.
import chalk from 'chalk';
import { formatMs } from '../report/style.js';
import { type BatchEvent, type BatchOptions, runBatch } from './batch.js';
import { isFailing, recordProblems, slowest } from './batch-summary.js';

const SHOW_SLOWEST = 5;
const BAR_WIDTH = 30;

function progress(out: NodeJS.WriteStream): (e: BatchEvent) => void {
  const started = performance.now();
  let todo = 0;
  let graded = 0;
  return (e) => {
    if (e.kind === 'start') {
      todo = e.todo;
      out.write(`${e.total} submission(s), ${e.total - e.todo} already graded\n`);
      return;
    }
    if (!e.reused) graded++;
    const r = e.record;
    const score = `${r.report.total.score}/${r.report.total.max}`;
    if (!out.isTTY) {
      if (!e.reused)
        out.write(`  [${e.finished}/${e.total}] ${r.student}  ${score}  ${formatMs(r.wallMs)}\n`);
      return;
    }
    const elapsed = performance.now() - started;
    const eta = graded > 0 ? formatMs((elapsed / graded) * (todo - graded)) : '?';
    const fill = Math.round((e.finished / Math.max(1, e.total)) * BAR_WIDTH);
    const bar = `${'█'.repeat(fill)}${'░'.repeat(BAR_WIDTH - fill)}`;
    out.write(`\r${bar} ${e.finished}/${e.total}  ETA ${eta}  ${chalk.dim(r.student)}\x1b[K`);
    if (e.finished === e.total) out.write('\n');
  };
}

/** Runs the batch and prints what to look at; true when every grading went cleanly. */
export async function gradeBatch(
  opts: Omit<BatchOptions, 'onEvent'>,
  print: (line: string) => void,
): Promise<boolean> {
  const result = await runBatch({ ...opts, onEvent: progress(process.stderr) });
  if (result.records.length === 0)
    print(chalk.yellow(`No submissions in ${opts.dir} (folders, .zip, .tar.gz).`));
  const slow = slowest(result.records, SHOW_SLOWEST);
  if (slow.length > 0) print(chalk.bold('Slowest:'));
  for (const r of slow) print(`  ${r.student}  ${formatMs(r.wallMs)}`);
  const failing = result.records.filter(isFailing);
  if (failing.length > 0)
    print(chalk.bold(chalk.red(`Failing (${failing.length}): grading problems, not only lost points`)));
  for (const r of failing) print(`  ${r.student}: ${recordProblems(r).join('; ')}`);
  print(
    `Summary: ${result.summary} (${result.reused} reused, ${result.records.length - result.reused} graded)`,
  );
  return failing.length === 0;
}
