// `raftlab grade`: select labs/parts/tests, run them against a target with the given seeds (a target
// other than `labs` is sealed: only its regions are graded), print progress, the table, the failures,
// the rejected regions and ignored changes, and the summary; optionally write the JSON report, after
// every test process is dead.
import chalk from 'chalk';
import { LABS, labOfPart } from '../registry.js';
import { writeReportJson } from '../report/json.js';

/** `--json -`: the JSON report goes to standard output. */
const STDOUT = '-';
import { buildReport, type Report, reportPassed } from '../report/model.js';
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
import { displayPath, resolveTarget } from '../runner/host/paths.js';
import { DEFAULT_SEED } from '../runner/contract.js';
import { labTestFiles, selectLabs } from '../runner/host/select.js';
import { flag, intOption, parse, str, strs, UsageError } from './args.js';
import { GRADE_HELP } from './help.js';
import { progressPrinter } from './progress.js';

export const MAX_SEEDS = 10_000;

export function seedList(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export async function gradeCommand(args: readonly string[]): Promise<number> {
  const p = parse('grade', args, {
    target: { type: 'string' },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    json: { type: 'string' },
    tests: { type: 'string', multiple: true },
    'check-determinism': { type: 'boolean' },
  });
  if (flag(p, 'help')) {
    console.log(GRADE_HELP);
    return 0;
  }
  const seed = intOption(p, 'seed') ?? DEFAULT_SEED;
  const count = intOption(p, 'seeds', { min: 1, max: MAX_SEEDS }) ?? 1;
  const seeds = seedList(seed, count);
  const idPrefixes = strs(p, 'tests')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const selection = selectLabs(p.positionals.length > 0 ? p.positionals : labsOfPrefixes(idPrefixes));
  const files = selection.labs.flatMap((l) => labTestFiles(l.id));
  if (files.length === 0) {
    const named = p.positionals.length > 0 ? p.positionals.join(' ') : 'all';
    throw new UsageError(`no test files for "${named}" yet (tests live in grader/labs/<lab>/*.test.ts)`);
  }
  const target = resolveTarget(str(p, 'target') ?? 'labs');
  const jsonFile = str(p, 'json');

  const err = process.stderr;
  const seedText = count > 1 ? `seeds ${seeds[0]}..${seeds.at(-1)}` : `seed ${seed}`;
  err.write(chalk.bold(`Grading ${selection.labs.map((l) => l.id).join(', ')} against ${target.arg}`));
  err.write(chalk.dim(` (${displayPath(target.dir)}, ${seedText})\n`));
  const opts: GradeOptions = {
    target,
    files,
    seeds,
    // With only --tests, show just the parts those prefixes reach (not every part as "no tests yet").
    showParts:
      p.positionals.length === 0 && idPrefixes.length > 0
        ? selection.parts.filter((pid) => idPrefixes.some((x) => x.startsWith(pid) || pid.startsWith(x)))
        : selection.parts,
    ...(selection.partial ? { parts: selection.parts } : {}),
    ...(idPrefixes.length > 0 ? { idPrefixes } : {}),
    onProgress: progressPrinter(err),
  };
  let report: Report;
  try {
    report = flag(p, 'check-determinism')
      ? await gradeTwice(opts, () => err.write(chalk.bold('Second run (determinism check)\n')))
      : await runGrade(opts);
  } catch (e) {
    // The report is written whatever happens, so that an autograder always finds one.
    if (jsonFile) {
      const header = {
        target: target.arg,
        targetDir: target.dir,
        seeds,
        wallMs: 0,
        problems: [`internal error: ${String(e)}`],
      };
      const failed = buildReport(header, [], selection.parts);
      if (jsonFile === STDOUT) process.stdout.write(`${JSON.stringify(failed, null, 2)}\n`);
      else writeReportJson(jsonFile, failed);
    }
    throw e;
  }
  if (allEmpty(report, idPrefixes)) {
    throw new UsageError(`no test matches ${idPrefixes.map((x) => `--tests ${x}`).join(' ')}`);
  }
  const out = [
    ...renderTable(report),
    ...renderFailures(report),
    ...renderProblems(report),
    ...renderSubmission(report),
    ...renderDeterminism(report),
    ...renderSummary(report),
  ];
  if (jsonFile === STDOUT) {
    // stdout carries the report alone (for a pipe); the table goes to stderr.
    err.write(`${out.join('\n')}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    console.log(out.join('\n'));
    if (jsonFile) console.log(chalk.dim(`Report written to ${writeReportJson(jsonFile, report)}`));
  }
  return reportPassed(report) ? 0 : 1;
}

/** `--tests lab1a.vote` alone: only lab1's files need to run. */
function labsOfPrefixes(prefixes: string[]): string[] {
  const heads = prefixes.map((x) => x.split('.')[0] ?? '');
  const known = new Set(LABS.flatMap((l) => [l.id, ...l.parts.map((q) => q.id)]));
  return heads.length > 0 && heads.every((h) => known.has(h)) ? heads.map((h) => labOfPart(h)?.id ?? h) : [];
}

function allEmpty(report: Report, idPrefixes: string[]): boolean {
  return idPrefixes.length > 0 && report.labs.every((l) => l.tests.length === 0);
}
