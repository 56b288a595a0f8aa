// Runs the self-test's named steps in order: one result line each with its wall time, stop at the
// first failure (unless --keep-going), then a summary table of step times and the closing line
// `N passed, N failed` that CI reads.
import { MissingDependency, StepFailure } from './errors.js';

export interface StepContext {
  /** Repo root. */
  root: string;
  /** Scratch folder inside the repo (gitignored), emptied at start. */
  scratch: string;
  verbose: boolean;
  /** Prints an indented progress line under the current step. */
  note(line: string): void;
}

/** What a step returns when it did not fail: a short detail for its result line, or a skip. */
export type StepResult = { kind: 'pass'; detail: string } | { kind: 'skip'; detail: string };

export interface Step {
  name: string;
  /** One line on what the step checks (for --list). */
  summary: string;
  run(ctx: StepContext): Promise<StepResult>;
}

type Status = 'pass' | 'fail' | 'skip' | 'not run';

interface Row {
  name: string;
  status: Status;
  ms: number;
  detail: string;
}

export interface SequenceOptions {
  keepGoing: boolean;
  /** Names to skip on purpose (printed as skipped). */
  skipped: ReadonlySet<string>;
  out(line: string): void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

/** Runs the steps; returns the number of failures. */
export async function runSequence(
  steps: readonly Step[],
  ctx: StepContext,
  opts: SequenceOptions,
): Promise<number> {
  const width = Math.max(...steps.map((s) => s.name.length));
  const rows: Row[] = [];
  let stopped = false;
  for (const step of steps) {
    const label = step.name.padEnd(width);
    if (stopped) {
      rows.push({ name: step.name, status: 'not run', ms: 0, detail: 'an earlier step failed' });
      continue;
    }
    if (opts.skipped.has(step.name)) {
      rows.push({ name: step.name, status: 'skip', ms: 0, detail: 'skipped by --only/--skip' });
      continue;
    }
    const started = performance.now();
    try {
      const result = await step.run(ctx);
      const ms = performance.now() - started;
      const status: Status = result.kind === 'pass' ? 'pass' : 'skip';
      rows.push({ name: step.name, status, ms, detail: result.detail });
      opts.out(
        `${status === 'pass' ? 'PASS' : 'SKIP'}  ${label}  ${seconds(ms).padStart(7)}  ${result.detail}`,
      );
    } catch (e) {
      const ms = performance.now() - started;
      const message = e instanceof Error ? e.message : String(e);
      const kind = e instanceof MissingDependency ? 'missing dependency: ' : '';
      rows.push({ name: step.name, status: 'fail', ms, detail: `${kind}${message.split('\n')[0]}` });
      opts.out(`FAIL  ${label}  ${seconds(ms).padStart(7)}  ${kind}${message}`);
      if (e instanceof StepFailure && e.output.trim() !== '') opts.out(indent(e.output));
      if (!(e instanceof StepFailure) && e instanceof Error && e.stack) opts.out(indent(e.stack));
      if (!opts.keepGoing) {
        stopped = true;
        opts.out(`Stopping: step '${step.name}' failed (use --keep-going to run the remaining steps).`);
      }
    }
  }
  printSummary(rows, width, opts.out);
  const passed = rows.filter((r) => r.status === 'pass').length;
  const failed = rows.filter((r) => r.status === 'fail').length;
  opts.out(`${passed} passed, ${failed} failed`);
  return failed;
}

function printSummary(rows: readonly Row[], width: number, out: (line: string) => void): void {
  const total = rows.reduce((sum, r) => sum + r.ms, 0);
  out('');
  out(`${'step'.padEnd(width)}  ${'result'.padEnd(7)}  ${'time'.padStart(7)}`);
  for (const r of rows) {
    const time = r.status === 'pass' || r.status === 'fail' ? seconds(r.ms) : '-';
    out(`${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${time.padStart(7)}`);
  }
  out(`${'total'.padEnd(width)}  ${''.padEnd(7)}  ${seconds(total).padStart(7)}`);
  const skipped = rows.filter((r) => r.status === 'skip' || r.status === 'not run').length;
  if (skipped > 0) out(`(${skipped} step${skipped === 1 ? '' : 's'} skipped or not run)`);
}
