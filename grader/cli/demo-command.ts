// `raftlab demo <name>`: runs one of the canned demo scenarios (grader/labs/<lab>/<name>.demo.ts, e.g.
// a lagging follower caught up by a snapshot) against a target — by default labs/, so it shows the
// student's own code — and writes its trace viewer page with the demo's chain view open.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import chalk from 'chalk';
import { LAB_TESTS_DIR, REPO_ROOT } from '../paths.js';
import { allTests } from '../report/model.js';
import { formatMs, statusLabel } from '../report/style.js';
import { DEMO_CHAIN_TAG, DEMO_ID_PREFIX, replayCommand } from '../runner/contract.js';
import { runGrade } from '../runner/host/grade.js';
import { displayPath, resolveTarget } from '../runner/host/paths.js';
import { SHIPPED_SKELETON } from '../runner/host/run-dir.js';
import type { Chain, TraceMeta } from '../viewer/model/types.js';
import { buildPage, readTraceLines } from '../viewer/page.js';
import { defineCommand, type OptionDefs, type Parsed } from './command.js';
import { exitFor } from './exit.js';
import { DEFAULT_PAGES_DIR, seedOption } from './grade-command.js';
import { didYouMean, UsageError } from './usage.js';

const SUFFIX = '.demo.ts';

/** The demos there are: name → file (every `<name>.demo.ts` under grader/labs/). */
export function demoFiles(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(LAB_TESTS_DIR)) return out;
  for (const lab of readdirSync(LAB_TESTS_DIR).sort()) {
    const dir = join(LAB_TESTS_DIR, lab);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort())
      if (f.endsWith(SUFFIX)) out.set(f.slice(0, -SUFFIX.length), join(dir, f));
  }
  return out;
}

const OPTIONS = {
  seed: seedOption('the seed of the scenario'),
  target: {
    type: 'string',
    arg: 'T',
    default: 'labs',
    help: 'labs (your code), solutions (the reference), or a folder laid out like labs/',
  },
  html: {
    type: 'string',
    arg: 'FILE',
    help: `where to write the page (default ${DEFAULT_PAGES_DIR}/demo-<name>.html)`,
  },
} as const satisfies OptionDefs;

export const demoCommand = defineCommand({
  name: 'demo',
  invocation: 'npx raftlab demo',
  positionals: '<name>',
  summary: 'run a small canned scenario and write its trace viewer page (e.g. demo snapshot)',
  description:
    'Runs a small seeded scenario against your code (or --target solutions) and writes a trace viewer\n' +
    'page with the chain view open: watch, step by step, how the run went — before and while you build it.',
  options: OPTIONS,
  examples: ['npx raftlab demo snapshot', 'npx raftlab demo log-gc --target solutions'],
  run: demo,
});

async function demo(p: Parsed<typeof OPTIONS>): Promise<number> {
  const demos = demoFiles();
  const [name, ...extra] = p.positionals;
  const known = [...demos.keys()].join(', ');
  if (name === undefined) throw new UsageError(`demo: which one? (${known})`);
  if (extra.length > 0) throw new UsageError(`demo: one at a time (unexpected: ${extra.join(' ')})`);
  const file = demos.get(name);
  if (file === undefined)
    throw new UsageError(
      `demo: no demo "${name}"${didYouMean(name, [...demos.keys()])} (there are: ${known})`,
    );
  const target = resolveTarget(p.values.target);
  const html = resolve(p.values.html ?? join(DEFAULT_PAGES_DIR, `demo-${name}.html`));
  const id = `${DEMO_ID_PREFIX}${name}`;
  const scratch = mkdtempSync(join(tmpdir(), 'raftlab-demo-'));
  try {
    const traceFile = join(scratch, 'trace.jsonl');
    console.error(chalk.bold(`Demo ${name} with seed ${p.values.seed} against ${target.arg}`));
    // A demo is in no committed test list: it is listed from the reference, or in a student kit
    // (no solutions/) from the shipped skeleton.
    const solutions = join(REPO_ROOT, 'solutions');
    const referenceTarget = existsSync(solutions) ? solutions : join(REPO_ROOT, SHIPPED_SKELETON);
    const report = await runGrade({
      referenceTarget,
      target,
      files: [file],
      only: id,
      seeds: [p.values.seed],
      traceFile,
      typecheck: false,
    });
    const t = allTests(report)[0];
    if (t === undefined) throw new UsageError(`demo: ${displayPath(file)} declares no test ${id}`);
    const chainTag = t.tags.find((x) => x.startsWith(DEMO_CHAIN_TAG))?.slice(DEMO_CHAIN_TAG.length);
    const meta: TraceMeta = {
      title: `demo ${name}: ${t.name}`,
      testId: id,
      seed: p.values.seed,
      target: target.arg,
      replay: replayCommand(id, p.values.seed, target.arg),
      open: 'chain',
      ...(chainTag === 'snapshot' || chainTag === 'compact-log' ? { chain: chainTag as Chain['kind'] } : {}),
      ...(t.status !== 'passed' && t.error !== undefined ? { failure: t.error } : {}),
    };
    console.log(
      `\n  ${statusLabel(t.status)} ${chalk.bold(id)} ${chalk.dim(`— ${t.name}  ${formatMs(t.durationMs)}`)}`,
    );
    if (t.status !== 'passed' && t.error !== undefined)
      console.log(
        t.error
          .split('\n')
          .slice(0, 8)
          .map((l) => `    ${l}`)
          .join('\n'),
      );
    if (!existsSync(traceFile)) {
      console.log(chalk.dim('  page: none written (the run ended before the scenario finished)'));
      return exitFor(false);
    }
    mkdirSync(dirname(html), { recursive: true });
    writeFileSync(html, buildPage({ meta, lines: readTraceLines(traceFile) }));
    console.log(`  page: ${chalk.cyan(displayPath(html))} ${chalk.dim('(open it in a browser)')}`);
    return exitFor(t.status === 'passed');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
