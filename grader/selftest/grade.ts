// Drives the grader as a user would: `node grader/bin/raftlab.mjs grade <what> --target T --json F`,
// as a subprocess (the self-test never imports the runner), and reads back the JSON report.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { StepFailure } from './errors.js';
import { type ExecResult, exec, requireFile } from './exec.js';
import { type Report, readReport } from './report.js';
import type { StepContext } from './sequence.js';

export const GRADE_TIMEOUT_MS = 240_000;

export interface GradeRequest {
  /** What to grade: `all`, or lab and part ids (`raftlab grade [lab…]`). */
  what: readonly string[];
  /** `solutions`, `labs`, or an absolute folder. */
  target: string;
  /** Extra flags, e.g. a part selection. */
  args?: readonly string[];
  /** File stem of the report in the scratch folder. */
  tag: string;
}

export interface GradeRun {
  exit: ExecResult;
  report: Report;
  reportPath: string;
}

export async function grade(ctx: StepContext, req: GradeRequest): Promise<GradeRun> {
  const cli = requireFile(ctx.root, 'grader/bin/raftlab.mjs', 'the raftlab command');
  requireFile(ctx.root, 'grader/cli/main.ts', 'the raftlab CLI');
  const reportPath = join(ctx.scratch, `report-${req.tag}.json`);
  rmSync(reportPath, { force: true });
  const args = [
    cli,
    'grade',
    ...req.what,
    '--target',
    req.target,
    '--json',
    reportPath,
    '--no-pages',
    ...(req.args ?? []),
  ];
  const exit = await exec(process.execPath, args, {
    cwd: ctx.root,
    timeoutMs: GRADE_TIMEOUT_MS,
    stream: ctx.verbose,
  });
  if (exit.timedOut) {
    throw new StepFailure(
      `raftlab grade ${req.what.join(' ')} --target ${req.target} timed out`,
      exit.output,
    );
  }
  return { exit, report: readReport(reportPath), reportPath };
}
