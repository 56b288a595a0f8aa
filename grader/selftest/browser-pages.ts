// The pages the browser step opens, and where their traces come from: real runs through the raftlab
// command (a passing replay, a replay of a tree with a planted mistake, the snapshot demo) and the
// synthetic 100 000-event trace. Each page is an HTML file in the step's scratch folder, with the events
// of its trace read back from the JSON lines (the checks count from those, not from the page).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../mistakes/apply.js';
import type { Mistake } from '../mistakes/mistake.js';
import type { TraceEvent, TraceMeta } from '../viewer/model/types.js';
import { buildPage, readTraceLines } from '../viewer/page.js';
import { syntheticTrace } from '../viewer/synthetic.js';
import { StepFailure } from './errors.js';
import { ending, exec, requireFile, tail } from './exec.js';
import type { StepContext } from './sequence.js';

const RUN_TIMEOUT_MS = 120_000;

/** A page written for the browser, with the trace it shows. */
export interface TracePage {
  name: string;
  /** The HTML file. */
  file: string;
  url: string;
  events: readonly TraceEvent[];
}

/** A seeded test replayed against a tree (`solutions`, or a copy of it with a planted mistake). */
export interface ReplaySource {
  name: string;
  test: string;
  seed: number;
  /** A mistake file under grader/mistakes/ (e.g. `lab1/overwritten-proposal-unanswered`) made in a copy of solutions/. */
  mistake?: string;
}

/** The trace sources of the checks: change a test, seed or mistake here. */
export const SOURCES = {
  /** A passing run with snapshots: lanes, arrows, details, the state and clients views. */
  small: { name: 'small', test: 'lab3c.system.one-snapshot', seed: 3 },
  /** A failing run: the failure is found 16 000 events in, after a partition and its heal. */
  failing: {
    name: 'failing',
    test: 'lab1d.partition.old-leader-minority',
    seed: 1,
    mistake: 'lab1/overwritten-proposal-unanswered',
  },
  /**
   * docs/debugging.md's walk-through: the progress enters Snapshot on "temporarily unavailable", so the
   * leader never sends the snapshot; the chain view must show it as docs/img/walkthrough-chain.png does.
   */
  walkthrough: {
    name: 'walkthrough',
    test: 'lab3c.system.follower-down',
    seed: 1,
    mistake: 'lab3/unavailable-pauses',
  },
  /** `raftlab demo <name>`: opens on the chain view. */
  demo: 'snapshot',
  /** The big page: synthetic events, stores, seed. */
  big: { events: 100_000, stores: 5, seed: 1 },
} as const;

function parseLines(lines: readonly string[], file: string): TraceEvent[] {
  return lines.map((l, i) => {
    try {
      return JSON.parse(l) as TraceEvent;
    } catch {
      throw new StepFailure(`${file}:${i + 1} is not a JSON line: ${l.slice(0, 120)}`);
    }
  });
}

function written(name: string, file: string, events: readonly TraceEvent[]): TracePage {
  return { name, file, url: pathToFileURL(file).href, events };
}

async function raftlab(ctx: StepContext, cwd: string, args: readonly string[], what: string): Promise<void> {
  const cli = requireFile(ctx.root, 'grader/bin/raftlab.mjs', 'the raftlab command');
  const r = await exec(process.execPath, [cli, ...args], {
    cwd,
    timeoutMs: RUN_TIMEOUT_MS,
    stream: ctx.verbose,
  });
  // replay exits 1 when the test fails: that is what the failing source wants
  if (r.timedOut || r.signal !== null || (r.code !== 0 && r.code !== 1))
    throw new StepFailure(`${what}: ${ending(r, RUN_TIMEOUT_MS)}`, tail(r.output));
}

/** The planted tree's folder name: what the page shows as its target (and in its replay command). */
const PLANTED_NAME = 'my-code';

/** A copy of solutions/ with one mistake file's edits made, in a folder of its own in the scratch folder. */
async function plantedTree(ctx: StepContext, src: ReplaySource, slug: string): Promise<string> {
  const file = requireFile(ctx.root, `grader/mistakes/${slug}.ts`, 'a mistake file');
  const m = ((await import(pathToFileURL(file).href)) as { default: Mistake }).default;
  const tree = join(ctx.scratch, `browser-${src.name}`, PLANTED_NAME);
  rmSync(tree, { recursive: true, force: true });
  cpSync(join(ctx.root, 'solutions'), tree, { recursive: true });
  const edited = applyEdits(m.edits, (f) => readFileSync(join(tree, f), 'utf8'));
  for (const [f, text] of edited) writeFileSync(join(tree, f), text);
  return tree;
}

/**
 * Replays the source's test: `raftlab replay … --trace F.jsonl --html F.html`. A planted tree is named
 * relative to its parent folder (the command runs there), so the page reads `--target my-code`.
 */
export async function replayPage(ctx: StepContext, src: ReplaySource): Promise<TracePage> {
  const tree = src.mistake === undefined ? undefined : await plantedTree(ctx, src, src.mistake);
  const cwd = tree === undefined ? ctx.root : dirname(tree);
  const target = tree === undefined ? 'solutions' : PLANTED_NAME;
  const trace = join(ctx.scratch, `browser-${src.name}.jsonl`);
  const file = join(ctx.scratch, `browser-${src.name}.html`);
  const run = ['replay', src.test, '--seed', String(src.seed), '--target', target];
  await raftlab(ctx, cwd, [...run, '--trace', trace, '--html', file], `raftlab ${run.join(' ')}`);
  if (!existsSync(file)) throw new StepFailure(`raftlab ${run.join(' ')} --html ${file} wrote no page`);
  return written(src.name, file, parseLines(readTraceLines(trace), trace));
}

/** `raftlab demo <name> --target solutions --html F`: the page the demo writes. */
export async function demoPage(ctx: StepContext, demo: string): Promise<TracePage> {
  const file = join(ctx.scratch, `browser-demo-${demo}.html`);
  const args = ['demo', demo, '--target', 'solutions', '--html', file];
  await raftlab(ctx, ctx.root, args, `raftlab ${args.join(' ')}`);
  return written(`demo ${demo}`, file, []);
}

/** The synthetic trace's page. */
export function bigPage(ctx: StepContext): TracePage {
  const { events: count, stores, seed } = SOURCES.big;
  const events = syntheticTrace({ events: count, stores, seed });
  const file = join(ctx.scratch, 'browser-big.html');
  const meta: TraceMeta = { title: `synthetic trace, ${count} events`, seed };
  writeFileSync(file, buildPage({ meta, events }));
  return written('big', file, events);
}
