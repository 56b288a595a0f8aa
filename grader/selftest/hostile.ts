// The self-test's `hostile` step, and a command to run the hostile suite alone:
//   npx tsx grader/selftest/hostile.ts [--all] [--only 1.,8.kill] [--jobs N] [--md FILE] [--keep] [--verbose]
// Default: the quick subset (one case per class of issue 10); --all (or `npm test -- --thorough`) runs
// every case, robustness ones included. Each case is graded by a private copy of the kit (see
// hostile-suite.ts); a case passes when the grader gives what an honest grader must (hostile-check.ts).
import { writeFileSync } from 'node:fs';
import { defineCommand, type OptionDefs, type Parsed } from '../cli/command.js';
import { exitFor, runProgram } from '../cli/exit.js';
import { isEntryPoint, REPO_ROOT as ROOT } from '../paths.js';
import { HOSTILE_CASES } from '../hostile/index.js';
import type { HostileCase } from '../hostile/case.js';
import { StepFailure } from './errors.js';
import type { Verdict } from './hostile-check.js';
import { runSuite } from './hostile-suite.js';
import type { Step } from './sequence.js';

export function selectCases(all: boolean, only: readonly string[]): HostileCase[] {
  return HOSTILE_CASES.filter((c) =>
    only.length > 0 ? only.some((p) => c.id.startsWith(p)) : all || c.quick === true,
  );
}

function line(v: Verdict, ms: number | undefined): string {
  const time = ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)} s)`;
  return `${v.ok ? 'ok  ' : 'FAIL'}  ${v.id}${time}: ${v.ok ? 'defended: ' : ''}${v.summary}`;
}

/** The baseline table: which cheats work against the code graded. */
export function markdown(
  verdicts: readonly Verdict[],
  times: ReadonlyMap<string, number>,
  controls: string[],
): string {
  const byId = new Map(HOSTILE_CASES.map((c) => [c.id, c]));
  const rows = verdicts.map((v) => {
    const c = byId.get(v.id);
    const status = v.ok
      ? 'defended'
      : c?.id.startsWith('r.') || c?.expect.score === 'full'
        ? '**broken**'
        : '**CHEAT WORKS**';
    const ms = times.get(v.id);
    const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
    return `| ${v.id} | ${cell(c?.title ?? '')} | ${status} | ${cell(v.summary)} | ${ms === undefined ? '' : (ms / 1000).toFixed(1)} |`;
  });
  const bad = verdicts.filter((v) => !v.ok).length;
  return [
    `${bad} of ${verdicts.length} hostile cases not defended.`,
    ...(controls.length > 0 ? ['', `Control gradings: ${controls.join('; ')}`] : []),
    '',
    '| case | submission | result | what the grader did | s |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function hostileStep(options: () => { all: boolean; jobs: number }): Step {
  return {
    name: 'hostile',
    summary:
      'hostile submissions (one per class of issue 10; all with --thorough) graded by a private kit copy: cheats score 0',
    async run(ctx) {
      const { all, jobs } = options();
      const cases = selectCases(all, []);
      const r = await runSuite({
        root: ctx.root,
        cases,
        jobs,
        regrade: all,
        verbose: ctx.verbose,
        note: ctx.note,
      });
      const failed = r.verdicts.filter((v) => !v.ok);
      const lines = [...r.controlProblems, ...failed.map((v) => line(v, r.times.get(v.id)))];
      if (lines.length > 0) {
        throw new StepFailure(
          `${failed.length} of ${r.verdicts.length} hostile cases not defended`,
          lines.join('\n'),
        );
      }
      return { kind: 'pass', detail: `${r.verdicts.length} hostile cases defended${all ? ' (all)' : ''}` };
    },
  };
}

const OPTIONS = {
  all: { type: 'boolean', help: 'run every hostile case (default: the quick set)' },
  only: { type: 'list', arg: 'ID', help: 'run only these cases' },
  jobs: { type: 'int', arg: 'N', min: 1, help: 'gradings at a time' },
  md: { type: 'string', arg: 'FILE', help: 'also write the verdicts as a Markdown table to FILE' },
  keep: { type: 'boolean', help: 'keep the work folder' },
  verbose: { type: 'boolean', help: 'stream the output of every command' },
} as const satisfies OptionDefs;

const hostileCommand = defineCommand({
  name: 'hostile',
  invocation: 'npx tsx grader/selftest/hostile.ts',
  summary: 'the hostile suite alone',
  description:
    'Grades each hostile case (grader/hostile/) through the CLI and checks that the grader defends.',
  options: OPTIONS,
  run: main,
});

async function main({ values }: Parsed<typeof OPTIONS>): Promise<number> {
  const only = values.only;
  const cases = selectCases(values.all, only);
  const r = await runSuite({
    root: ROOT,
    cases,
    ...(values.jobs !== undefined ? { jobs: values.jobs } : {}),
    verbose: values.verbose,
    regrade: values.all || only.length > 0,
    keep: values.keep,
    note: (l) => console.log(`  ${l}`),
  });
  for (const p of r.controlProblems) console.log(`CONTROL  ${p}`);
  for (const v of r.verdicts) console.log(line(v, r.times.get(v.id)));
  if (values.md !== undefined) writeFileSync(values.md, markdown(r.verdicts, r.times, r.controlProblems));
  if (values.keep) console.log(`(kept ${r.work})`);
  const bad = r.verdicts.filter((v) => !v.ok).length + r.controlProblems.length;
  console.log(`${r.verdicts.length - bad} defended, ${bad} not`);
  return exitFor(bad === 0);
}

if (isEntryPoint(import.meta.url)) {
  const args = process.argv.slice(2);
  process.exitCode = await runProgram('hostile', () => hostileCommand.execute(args));
}
