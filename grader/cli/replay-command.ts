// `raftlab replay <test-id> --seed S`: runs exactly one test with one seed (the test's console
// output is shown), optionally writes its trace, and prints the outcome in the words of grade.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import chalk from 'chalk';
import { labOfPart } from '../registry.js';
import { renderFailure, renderProblems } from '../report/failures.js';
import { allTests } from '../report/model.js';
import { formatMs, score, statusLabel } from '../report/style.js';
import { runGrade } from '../runner/host/grade.js';
import { resolveTarget } from '../runner/host/paths.js';
import { labsWithTests, labTestFiles } from '../runner/host/select.js';
import { defineCommand, type OptionDefs, type Parsed } from './command.js';
import { exitFor } from './exit.js';
import { seedOption } from './grade-command.js';
import { UsageError } from './usage.js';
import { checkTargetLayout, checkTestId } from './validate.js';

/** Test files that mention the id literally (rule ids are string literals); else the id's lab; else all. */
export function filesForTest(id: string): string[] {
  const all = labsWithTests().flatMap((l) => labTestFiles(l.id));
  const literal = new RegExp(`['"\`]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
  const direct = all.filter((f) => literal.test(readFileSync(f, 'utf8')));
  if (direct.length > 0) return direct;
  const lab = labOfPart(id.split('.')[0] ?? '');
  return lab ? labTestFiles(lab.id) : all;
}

const OPTIONS = {
  seed: seedOption('the seed (ignored by tests that are not seeded)'),
  target: {
    type: 'string',
    arg: 'T',
    default: 'labs',
    help: 'labs, solutions, or a folder laid out like labs/',
  },
  trace: {
    type: 'string',
    arg: 'FILE',
    help: "write the run's trace (JSON lines, one event per line) to FILE",
  },
} as const satisfies OptionDefs;

export const replayCommand = defineCommand({
  name: 'replay',
  invocation: 'npx raftlab replay',
  positionals: '<test-id>',
  summary: 're-run one test with one seed, e.g. to debug a failure',
  description:
    "Runs exactly one test with one seed and prints its outcome, with the test's console output.\n" +
    'Copy the replay line that grade prints for a failure.',
  options: OPTIONS,
  run: replay,
});

async function replay(p: Parsed<typeof OPTIONS>): Promise<number> {
  const [id, ...extra] = p.positionals;
  if (id === undefined)
    throw new UsageError('replay: which test? e.g. npx raftlab replay lab1a.vote.one-per-term --seed 7');
  if (extra.length > 0) throw new UsageError(`replay: one test at a time (unexpected: ${extra.join(' ')})`);
  checkTestId(id);
  const seed = p.values.seed;
  const target = resolveTarget(p.values.target);
  const part = id.split('.')[0] ?? '';
  if (labOfPart(part)) checkTargetLayout(target, [part]);
  const traceArg = p.values.trace;
  const traceFile = traceArg === undefined ? undefined : resolve(traceArg);
  const files = filesForTest(id);
  if (files.length === 0) throw new UsageError(`replay: no test files yet (grader/labs/<lab>/*.test.ts)`);

  if (traceFile !== undefined) rmSync(traceFile, { force: true }); // never report a stale trace
  console.error(chalk.bold(`Replaying ${id} with seed ${seed} against ${target.arg}`));
  const report = await runGrade({
    target,
    files,
    only: id,
    seeds: [seed],
    ...(traceFile !== undefined ? { traceFile } : {}),
    console: { stdout: process.stdout, stderr: process.stderr },
  });
  const tests = allTests(report);
  const t = tests[0];
  if (t === undefined) {
    const problems = renderProblems(report);
    if (problems.length > 0) console.log(problems.join('\n'));
    throw new UsageError(`replay: no test with id "${id}" (see npx raftlab list)`);
  }
  console.log(
    `\n  ${statusLabel(t.status)} ${chalk.bold(t.id)} ${chalk.dim(`— ${t.name}`)}  ${score(t.points, t.max)}  ${chalk.dim(
      formatMs(t.durationMs),
    )}${t.seed !== undefined ? chalk.dim(`  seed ${t.seed}`) : ''}`,
  );
  if (t.status !== 'passed' && t.status !== 'skipped') {
    // the message, without the heading (printed above) and the replay line (what was just run)
    console.log(
      renderFailure({ ...t, replay: undefined })
        .slice(1)
        .join('\n'),
    );
  }
  if (traceFile !== undefined) {
    if (existsSync(traceFile)) {
      const events = readFileSync(traceFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '').length;
      console.log(chalk.dim(`  trace: ${events} events written to ${traceFile}`));
    } else {
      console.log(
        chalk.dim(
          `  trace: none written (${t.seed === undefined ? 'not a seeded test' : 'the run ended before the test finished'})`,
        ),
      );
    }
  }
  const problems = renderProblems(report);
  if (problems.length > 0) console.log(problems.join('\n'));
  return exitFor(t.status === 'passed');
}
