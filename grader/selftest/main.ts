// The kit's self-test, what `npm test` runs: generated code is current, everything type-checks and
// lints, the framework's unit tests pass, the solutions get full marks, the skeleton gets zero, and
// partly solved trees get exactly the marks of what they solve. Ends with `N passed, N failed`.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { exitFor, runProgram } from '../cli/exit.js';
import { isEntryPoint, REPO_ROOT as ROOT } from '../paths.js';
import { parseSelftestArgs, SELFTEST_HELP } from './args.js';
import { browserStep } from './browser.js';
import { lintStep, makeLabsStep, protoStep, typecheckStep, unitStep } from './checks.js';
import { cumulativeStep } from './cumulative.js';
import { exportStep } from './export-check.js';
import { gradeSkeletonStep, gradeSolutionsStep } from './grading.js';
import { hostileStep } from './hostile.js';
import { mistakesStep } from './mistakes.js';
import { robustnessStep } from './robustness.js';
import { runSequence, type Step } from './sequence.js';
import { testListStep } from './test-list.js';

/** Partly solved trees graded at once: each `raftlab grade` keeps about one core busy. */
export const DEFAULT_JOBS = Math.min(2, availableParallelism());

export async function main(argv: readonly string[]): Promise<number> {
  const cumulative = { thorough: false, jobs: DEFAULT_JOBS };
  const steps: Step[] = [
    protoStep,
    makeLabsStep,
    testListStep,
    typecheckStep,
    lintStep,
    unitStep,
    gradeSolutionsStep,
    gradeSkeletonStep,
    cumulativeStep(() => cumulative),
    mistakesStep(() => cumulative),
    robustnessStep,
    hostileStep(() => ({ all: cumulative.thorough, jobs: cumulative.jobs })),
    exportStep,
    browserStep,
  ];
  const names = steps.map((s) => s.name);
  const args = parseSelftestArgs(argv, names);
  if (args.help) {
    console.log(SELFTEST_HELP);
    return 0;
  }
  if (args.list) {
    for (const s of steps) console.log(`${s.name.padEnd(16)} ${s.summary}`);
    return 0;
  }
  cumulative.thorough = args.thorough;
  cumulative.jobs = args.jobs ?? DEFAULT_JOBS;
  const skipped = new Set(
    names.filter((n) => (args.only.length > 0 && !args.only.includes(n)) || args.skip.includes(n)),
  );

  const scratch = makeScratch(join(ROOT, '.raftlab', 'selftest'));
  console.log(
    `RaftLab self-test: ${steps.length - skipped.size} of ${steps.length} steps, node ${process.version}`,
  );
  const failed = await runSequence(
    steps,
    { root: ROOT, scratch, verbose: args.verbose, note: (line) => console.log(`      ${line}`) },
    { keepGoing: args.keepGoing, skipped, out: (line) => console.log(line) },
  );
  if (failed === 0) rmSync(scratch, { recursive: true, force: true });
  else console.log(`(reports and trees of this run kept in ${scratch})`);
  return exitFor(failed === 0);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A scratch folder for this run inside the repo (so that partly solved trees resolve the repo's
 * node_modules), named by pid so concurrent runs do not clash; folders of dead runs are removed.
 */
function makeScratch(base: string): string {
  mkdirSync(base, { recursive: true });
  for (const name of readdirSync(base)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(join(base, name), { recursive: true, force: true });
  }
  const dir = join(base, `run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

if (isEntryPoint(import.meta.url)) {
  const argv = process.argv.slice(2);
  process.exitCode = await runProgram('selftest', () => main(argv), { helpCommand: 'npm test -- --help' });
}
