// `raftlab replay <test-id> --seed S`: runs exactly one test with one seed (the test's console
// output is shown), optionally writes its trace, and prints the outcome in the words of grade.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import { labOfPart } from '../registry.js';
import { renderFailure, renderProblems } from '../report/failures.js';
import { allTests } from '../report/model.js';
import { formatMs, score, statusLabel } from '../report/style.js';
import { runGrade } from '../runner/host/grade.js';
import { replayCommand as replayLine } from '../runner/contract.js';
import { displayPath, resolveTarget, type Target } from '../runner/host/paths.js';
import { labsWithTests, labTestFiles } from '../runner/host/select.js';
import type { TraceMeta } from '../viewer/model/types.js';
import { buildPage, readTraceLines } from '../viewer/page.js';
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
  html: {
    type: 'string',
    arg: 'FILE',
    help: "write the run's trace as a trace viewer page (one HTML file, opens offline) to FILE",
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
  const htmlFile = p.values.html === undefined ? undefined : resolve(p.values.html);
  // --html alone: the trace goes through a scratch file
  const scratch =
    htmlFile !== undefined && traceArg === undefined ? mkdtempSync(join(tmpdir(), 'raftlab-')) : undefined;
  const traceFile =
    traceArg !== undefined
      ? resolve(traceArg)
      : scratch !== undefined
        ? join(scratch, 'trace.jsonl')
        : undefined;
  try {
    return await replayRun(id, seed, target, files(id), {
      traceFile,
      htmlFile,
      showTrace: traceArg !== undefined,
    });
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}

interface Outputs {
  traceFile: string | undefined;
  htmlFile: string | undefined;
  /** The user asked for the trace file itself (else it is a scratch file for the page). */
  showTrace: boolean;
}

function files(id: string): string[] {
  const found = filesForTest(id);
  if (found.length === 0) throw new UsageError(`replay: no test files yet (grader/labs/<lab>/*.test.ts)`);
  return found;
}

async function replayRun(
  id: string,
  seed: number,
  target: Target,
  files: string[],
  o: Outputs,
): Promise<number> {
  const { traceFile, htmlFile } = o;
  if (traceFile !== undefined) rmSync(traceFile, { force: true }); // never report a stale trace
  if (htmlFile !== undefined) rmSync(htmlFile, { force: true });
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
  if (htmlFile !== undefined && traceFile !== undefined && existsSync(traceFile)) {
    const meta: TraceMeta = {
      title: id,
      testId: id,
      target: target.arg,
      open: 'lanes',
      ...(t.seed !== undefined ? { seed: t.seed, replay: replayLine(id, t.seed, target.arg) } : {}),
      ...(t.status !== 'passed' && t.error !== undefined ? { failure: t.error } : {}),
    };
    writeFileSync(htmlFile, buildPage({ meta, lines: readTraceLines(traceFile) }));
    console.log(chalk.dim(`  page: ${displayPath(htmlFile)} (open it in a browser)`));
  } else if (htmlFile !== undefined) {
    console.log(
      chalk.dim(`  page: none written (${t.seed === undefined ? 'not a seeded test' : 'no trace'})`),
    );
  }
  if (traceFile !== undefined && o.showTrace) {
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
