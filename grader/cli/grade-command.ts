// `raftlab grade`: select labs/parts/tests, run them against a target with the given seeds (a target
// other than `labs` is sealed: only its regions are graded), print progress, the table, the failures,
// the rejected regions and ignored changes, and the summary; optionally write the JSON report, after
// every test process is dead. The command line is checked before anything runs (validate.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import { LABS, labOfPart } from '../registry.js';
import { renderGradescope } from '../report/gradescope.js';
import { writeFileAtomic, writeReportJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { allTests, buildReport, type Report, reportPassed } from '../report/model.js';
import {
  renderDeterminism,
  renderFailures,
  renderProblems,
  renderSubmission,
  renderSummary,
} from '../report/failures.js';
import { renderTable } from '../report/table.js';
import { gradeTwice } from '../runner/host/determinism.js';
import { runGrade } from '../runner/host/grade.js';
import type { GradeOptions } from '../runner/host/options.js';
import { displayPath, resolveTarget, type Target } from '../runner/host/paths.js';
import { DEFAULT_SEED } from '../runner/contract.js';
import { labTestFiles, selectLabs } from '../runner/host/select.js';
import { defineCommand, type OptionDefs, type Parsed } from './command.js';
import { exitFor } from './exit.js';
import {
  gradeWithSeedSet,
  loadSeedSet,
  type SeedSet,
  SeedSetError,
  seedsFor,
  studentView,
} from '../instructor/seed-set.js';
import { writeFailurePages } from '../viewer/pages.js';
import { progressPrinter } from './progress.js';
import { UsageError } from './usage.js';
import {
  checkJsonPath,
  checkLabWords,
  checkTargetLayout,
  checkTestPrefixes,
  describeSelection,
  STDOUT,
} from './validate.js';

export const MAX_SEEDS = 10_000;
/** The largest first seed: every seed of a run stays a safe integer. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER - MAX_SEEDS;

/** The --seed option of grade and replay. */
export function seedOption(help: string) {
  return { type: 'int', arg: 'S', default: DEFAULT_SEED, min: 0, max: MAX_SEED, help } as const;
}

export function seedList(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Where grade writes the trace viewer pages of failing tests (relative to the working folder). */
export const DEFAULT_PAGES_DIR = '.raftlab/pages';

const OPTIONS = {
  target: {
    type: 'string',
    arg: 'T',
    default: 'labs',
    help: 'what to grade: labs, solutions, or a folder laid out like labs/ (e.g. a submission)',
  },
  seed: seedOption('first seed for seeded tests'),
  seeds: {
    type: 'int',
    arg: 'N',
    default: 1,
    min: 1,
    max: MAX_SEEDS,
    help: 'run seeded tests with N seeds: S, S+1, …, S+N-1',
  },
  tests: { type: 'list', arg: 'PREFIX', help: 'only tests whose id starts with PREFIX' },
  json: {
    type: 'string',
    arg: 'FILE',
    help: 'also write the full report as JSON to FILE (- : to stdout, the table to stderr)',
  },
  'check-determinism': {
    type: 'boolean',
    help: "run everything twice; fail if a test's status or trace differs",
  },
  junit: { type: 'string', arg: 'FILE', help: 'also write the report as JUnit XML to FILE (for CI)' },
  gradescope: {
    type: 'string',
    arg: 'FILE',
    help: "also write Gradescope's results.json to FILE (what a student may see: no hidden seed)",
  },
  pages: {
    type: 'string',
    arg: 'DIR',
    default: DEFAULT_PAGES_DIR,
    help: 'write a trace viewer page (HTML) for each failing seeded test into DIR',
  },
  'no-pages': { type: 'boolean', help: 'write no trace viewer pages' },
  'seed-set': {
    type: 'string',
    arg: 'FILE',
    help: 'seeds from an instructor seed set (JSON, see docs/instructors.md) instead of --seed/--seeds; the output shows no seed, the --json report keeps them',
  },
} as const satisfies OptionDefs;

export const gradeCommand = defineCommand({
  name: 'grade',
  invocation: 'npx raftlab grade',
  positionals: '[lab1|lab1a|…|all …]',
  summary: 'run the tests of labs or parts and show your score',
  description:
    'Runs the tests of the given labs or parts (default: all labs that have tests) against your code\n' +
    'and prints a table of points, then each failure with its message and a replay command.',
  options: OPTIONS,
  examples: [
    'npx raftlab grade lab1a',
    'npx raftlab grade lab1 --seeds 20',
    'npx raftlab grade all --target /path/to/submission --seed 9001 --json report.json',
  ],
  footer: 'Exit code 0 only when every selected test passed.',
  run: grade,
});

/** The grading run a command line asks for, checked before anything runs. */
interface Plan {
  opts: GradeOptions & { target: Target; seeds: number[] };
  /** Every selected part (the parts of a report written when the run fails). */
  parts: string[];
  json: string | undefined;
  header: string;
  /** --seed-set: the instructor seed set (replaces opts.seeds). */
  seedSet?: SeedSet;
}

function plan(p: Parsed<typeof OPTIONS>): Plan {
  const { values: v, positionals } = p;
  checkLabWords('grade', positionals);
  const seeds = seedList(v.seed, v.seeds);
  const idPrefixes = v.tests;
  const selection = selectLabs(positionals.length > 0 ? positionals : labsOfPrefixes(idPrefixes));
  const files = selection.labs.flatMap((l) => labTestFiles(l.id));
  if (files.length === 0) {
    const named = positionals.length > 0 ? positionals.join(' ') : 'all';
    throw new UsageError(`no test files for "${named}" yet (tests live in grader/labs/<lab>/*.test.ts)`);
  }
  checkTestPrefixes(idPrefixes, selection);
  const target = resolveTarget(v.target);
  checkTargetLayout(target, selection.parts);
  checkJsonPath(v.json);
  // With only --tests, show just the parts those prefixes reach (not every part as "no tests yet").
  const showParts =
    positionals.length === 0 && idPrefixes.length > 0
      ? selection.parts.filter((pid) => idPrefixes.some((x) => x.startsWith(pid) || pid.startsWith(x)))
      : selection.parts;
  const only = idPrefixes.length > 0 ? ` (only --tests ${idPrefixes.join(',')})` : '';
  const seedSet = seedSetOf(v['seed-set'], v.seed !== DEFAULT_SEED || v.seeds !== 1, selection.labs);
  const seedText =
    seedSet !== undefined
      ? `seeds of instructor set ${seedSet.name}`
      : v.seeds > 1
        ? `seeds ${seeds[0]}..${seeds.at(-1)}`
        : `seed ${v.seed}`;
  const header =
    chalk.bold(
      `Grading ${describeSelection({ ...selection, parts: showParts })}${only} against ${target.arg}`,
    ) + chalk.dim(` (${displayPath(target.dir)}, ${seedText})\n`);
  const opts: Plan['opts'] = {
    target,
    files,
    seeds,
    showParts,
    ...(selection.partial ? { parts: selection.parts } : {}),
    ...(idPrefixes.length > 0 ? { idPrefixes } : {}),
  };
  return {
    opts,
    parts: selection.parts,
    json: v.json,
    header,
    ...(seedSet !== undefined ? { seedSet } : {}),
  };
}

/** The --seed-set file, checked (a SeedSetError is a command-line error), or undefined. */
function seedSetOf(
  file: string | undefined,
  seedGiven: boolean,
  labs: readonly { id: string }[],
): SeedSet | undefined {
  if (file === undefined) return undefined;
  if (seedGiven) throw new UsageError('--seed-set replaces --seed and --seeds: give one or the other');
  try {
    const set = loadSeedSet(file);
    for (const l of labs) seedsFor(set, l.id);
    return set;
  } catch (e) {
    if (e instanceof SeedSetError) throw new UsageError(`--seed-set: ${e.message}`);
    throw e;
  }
}

async function grade(p: Parsed<typeof OPTIONS>): Promise<number> {
  const { opts: planned, parts, json: jsonFile, header, seedSet } = plan(p);
  const err = process.stderr;
  err.write(header);
  // Pages show seeds and traces: none for an instructor's hidden seeds.
  const pagesDir = p.values['no-pages'] || seedSet !== undefined ? undefined : resolve(p.values.pages);
  const traces = pagesDir === undefined ? undefined : mkdtempSync(join(tmpdir(), 'raftlab-traces-'));
  const opts = {
    ...planned,
    onProgress: progressPrinter(err),
    ...(traces !== undefined ? { failureTraces: traces } : {}),
  };
  let report: Report;
  try {
    const run = (o: GradeOptions): Promise<Report> =>
      p.values['check-determinism']
        ? gradeTwice(o, () => err.write(chalk.bold('Second run (determinism check)\n')))
        : runGrade(o);
    report = seedSet !== undefined ? await gradeWithSeedSet(seedSet, opts, run) : await run(opts);
  } catch (e) {
    // The report is written whatever happens, so that an autograder always finds one.
    const { target, seeds } = opts;
    const header = {
      target: target.arg,
      targetDir: target.dir,
      seeds,
      wallMs: 0,
      problems: [`internal error: ${String(e)}`],
    };
    const failed = buildReport(header, [], parts);
    if (jsonFile) {
      if (jsonFile === STDOUT) process.stdout.write(`${JSON.stringify(failed, null, 2)}\n`);
      else writeReportJson(jsonFile, failed);
    }
    writeFormats(p, failed, failed);
    if (traces !== undefined) rmSync(traces, { recursive: true, force: true });
    throw e;
  }
  if (traces !== undefined && pagesDir !== undefined) {
    try {
      addPages(report, traces, pagesDir);
    } catch (e) {
      // the grade stands without its pages
      report.problems.push(`the trace viewer pages could not be written: ${String(e).split('\n')[0]}`);
    } finally {
      rmSync(traces, { recursive: true, force: true });
    }
  }
  const idPrefixes = opts.idPrefixes ?? [];
  if (idPrefixes.length > 0 && report.labs.every((l) => l.tests.length === 0)) {
    throw new UsageError(`no test matches ${idPrefixes.map((x) => `--tests ${x}`).join(' ')}`);
  }
  // What is printed is what a student may see: with a seed set, no seed (the JSON report keeps them).
  const shown = studentView(report);
  const out = [
    ...renderTable(shown),
    ...renderFailures(shown),
    ...renderProblems(shown),
    ...renderSubmission(shown),
    ...renderDeterminism(shown),
    ...renderSummary(shown),
  ];
  for (const f of writeFormats(p, report, shown)) out.push(chalk.dim(`Report written to ${f}`));
  if (jsonFile === STDOUT) {
    // stdout carries the report alone (for a pipe); the table goes to stderr.
    err.write(`${out.join('\n')}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    console.log(out.join('\n'));
    if (jsonFile) console.log(chalk.dim(`Report written to ${writeReportJson(jsonFile, report)}`));
  }
  return exitFor(reportPassed(report));
}

/** One viewer page per failing seeded test (its first failing seed), named in its report as `page`. */
function addPages(report: Report, traces: string, pagesDir: string): void {
  // a timed-out seed's trace is written too (up to where it stopped); a crashed worker's is not there
  const failed = allTests(report).filter(
    (t) => t.seed !== undefined && t.status !== 'passed' && t.status !== 'skipped',
  );
  const runs = failed.map((t) => ({
    id: t.id,
    seed: t.seed!,
    target: report.target,
    ...(t.replay !== undefined ? { replay: t.replay } : {}),
    ...(t.error !== undefined ? { error: t.error } : {}),
  }));
  const pages = writeFailurePages(traces, pagesDir, runs);
  for (const t of failed) {
    const page = pages.get(t.id);
    if (page !== undefined) t.page = displayPath(page);
  }
}

/** --junit (the whole report, for CI) and --gradescope (`shown`: what a student may see); the paths written. */
function writeFormats(p: Parsed<typeof OPTIONS>, report: Report, shown: Report): string[] {
  const { junit, gradescope } = p.values;
  return [
    ...(junit !== undefined ? [writeFileAtomic(junit, renderJunit(report))] : []),
    ...(gradescope !== undefined
      ? [writeFileAtomic(gradescope, `${JSON.stringify(renderGradescope(shown), null, 2)}\n`)]
      : []),
  ];
}

/** `--tests lab1a.vote` alone: only lab1's files need to run. */
function labsOfPrefixes(prefixes: string[]): string[] {
  const heads = prefixes.map((x) => x.split('.')[0] ?? '');
  const known = new Set(LABS.flatMap((l) => [l.id, ...l.parts.map((q) => q.id)]));
  return heads.length > 0 && heads.every((h) => known.has(h)) ? heads.map((h) => labOfPart(h)?.id ?? h) : [];
}
