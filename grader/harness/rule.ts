// The test-side API every graded test uses: rule() and seededRule() register a vitest test with its
// id, part and points in `meta`; check() states an invariant. Failures are rewritten into messages
// that teach: the rule id, what went wrong, expected/actual, and for seeded rules the replay command.
import { inspect } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { PART_IDS } from '../registry.js';
import {
  DEFAULT_TIMEOUT_MS,
  DEMO_CHAIN_TAG,
  ENV,
  firstLine,
  MAX_SWEEP_SEEDS,
  parseSeeds,
  replayCommand,
  type SeedFailure,
  type SeedSweep,
  sweepLines,
} from '../runner/contract.js';
import { appendRecord } from '../runner/worker/channel.js';
import { currentTestFile, gate } from '../runner/worker/gate.js';
import { DeadlineError, WALL_SLACK, withinOwnTime } from './own-time.js';
import { Rng } from './rng.js';
import { stackLines, treeLocation } from './stack.js';
import { Trace } from './trace.js';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Stable dotted rule id, e.g. `lab1a.vote.one-per-term`. */
    id?: string;
    part?: string;
    points?: number;
    tags?: string[];
    seeded?: boolean;
    /** The test's time limit for one run (one seed), in own time (own-time.ts). */
    limitMs?: number;
    /** The seed of the last run (of the failing run, if one failed). */
    seed?: number;
    /** sha256 of that run's trace. */
    traceDigest?: string;
    /** A failing multi-seed run: every failing seed. */
    sweep?: SeedSweep;
  }
}

export interface RuleOptions {
  /** The lab part, e.g. 'lab1a'; must be one of PART_IDS. */
  part: string;
  points: number;
  /** Free-form labels such as 'unit', 'system', 'chaos'. */
  tags?: string[];
  /** Timeout per run (per seed for seeded rules); default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface SeedContext {
  seed: number;
  rng: Rng;
  trace: Trace;
}

export interface CheckDetails {
  expected?: unknown;
  actual?: unknown;
  hint?: string;
}

/** A rule was declared wrongly (bad id, unknown part, duplicate id…): a bug in the test file. */
export class RuleDefinitionError extends Error {
  override readonly name = 'RuleDefinitionError';
}

/** An invariant stated with check() does not hold. */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  readonly what: string;
  readonly details: CheckDetails;
  constructor(what: string, details: CheckDetails = {}) {
    super([what, ...detailLines(details)].join('\n'));
    this.what = what;
    this.details = details;
  }
}

/**
 * What a failing rule throws: the original error rewritten into the teaching format. `name` stays
 * the original error's name (e.g. 'LabTodo'), and the stack keeps the original frames.
 */
export class RuleFailure extends Error {
  override name: string;
  readonly ruleId: string;
  readonly seed: number | undefined;
  declare readonly original: unknown;
  constructor(ruleId: string, seed: number | undefined, original: unknown, message: string) {
    super(message);
    this.name = original instanceof Error ? original.name : 'Error';
    this.ruleId = ruleId;
    this.seed = seed;
    Object.defineProperty(this, 'original', { value: original, enumerable: false });
    if (original instanceof Error && original.stack !== undefined) {
      const frames = original.stack.split('\n').filter((l) => /^\s+at /.test(l));
      this.stack = [`${this.name}: ${message}`, ...frames].join('\n');
    }
  }
}

/** States an invariant; narrows like an assertion (`check(x !== undefined, …); x.y`). */
/** What `fn` throws, or undefined when it returns: for rules about typed errors. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

export function check(cond: boolean, what: string, details?: CheckDetails): asserts cond {
  if (!cond) throw new RuleViolation(what, details);
}

/**
 * check() without narrowing. TypeScript keeps a narrowing such as `r.state === Leader` across
 * method calls (`r.step(m)`), so a later `check(r.state === Follower, …)` would not compile;
 * use verify() for state that the test mutates between checks.
 */
export function verify(cond: boolean, what: string, details?: CheckDetails): void {
  if (!cond) throw new RuleViolation(what, details);
}

const ID_RE = /^[a-z][a-z0-9]*(?:\.[a-z0-9][a-z0-9-]*)+$/;
const declaredIds = new Set<string>();

function validate(id: string, opts: RuleOptions): void {
  if (!ID_RE.test(id)) {
    throw new RuleDefinitionError(
      `rule id "${id}" must be dotted lowercase words, e.g. lab1a.vote.one-per-term`,
    );
  }
  if (!PART_IDS.includes(opts.part)) {
    throw new RuleDefinitionError(`rule ${id}: unknown part "${opts.part}" (known: ${PART_IDS.join(', ')})`);
  }
  if (!Number.isFinite(opts.points) || opts.points < 0) {
    throw new RuleDefinitionError(`rule ${id}: points must be a finite number >= 0, got ${opts.points}`);
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) {
    throw new RuleDefinitionError(`rule ${id}: timeoutMs must be > 0, got ${opts.timeoutMs}`);
  }
  if (declaredIds.has(id)) throw new RuleDefinitionError(`rule id "${id}" is declared twice in this file`);
  declaredIds.add(id);
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return inspect(v, {
    depth: 4,
    breakLength: Number.POSITIVE_INFINITY,
    maxArrayLength: 20,
    maxStringLength: 300,
  });
}

function detailLines(d: CheckDetails): string[] {
  const lines: string[] = [];
  if ('expected' in d) lines.push(`  expected: ${show(d.expected)}`);
  if ('actual' in d) lines.push(`  actual:   ${show(d.actual)}`);
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  return lines;
}

/** The headline of an arbitrary thrown value, keeping its error name visible. */
function headline(err: unknown): string {
  if (err instanceof RuleViolation) return err.message;
  if (!(err instanceof Error)) return `thrown value: ${show(err)}`;
  const msg = err.message.replace(/\n/g, '\n  ');
  let head = msg.startsWith(err.name) ? msg : `${err.name}: ${msg}`;
  if (/^process\.exit unexpectedly called/.test(err.message)) {
    head += '\n  hint: lab code must never call process.exit: it would stop the whole test process';
  }
  const tree = process.env['RAFTLAB_TARGET_DIR'];
  if (err.name === 'LabTodo') {
    // a stub, not a bug: its line alone (the same for every test that reaches it, so they group)
    const where = treeLocation(err, tree);
    if (where !== undefined) head += `\n  where: ${where}`;
  } else for (const l of stackLines(err, tree)) head += `\n  ${l}`;
  // chai/vitest assertion errors carry expected/actual: show them like check() does.
  const e = err as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
  if (e.showDiff !== false && 'expected' in e && 'actual' in e) {
    return [head, ...detailLines({ expected: e.expected, actual: e.actual })].join('\n');
  }
  return head;
}

export function targetArg(): string {
  return process.env[ENV.targetArg] || 'labs';
}

/**
 * A test of one part that reached the stub of a later part: the earlier part's code called into the later
 * one (e.g. lab1a's becomeLeader calling lab1b's maybeCommit). Says so, since the stub's own text does not.
 */
function laterPartNote(id: string, err: unknown): string | undefined {
  const part = id.split('.')[0] ?? '';
  const todo =
    err instanceof Error && err.name === 'LabTodo' ? (err as Error & { part?: unknown }).part : undefined;
  if (typeof todo !== 'string' || PART_IDS.indexOf(todo) <= PART_IDS.indexOf(part)) return undefined;
  return `  note: this ${part} test reached a stub of ${todo}, a later part: ${part}'s code must not call ${todo}'s functions yet; do what it needs with ${part}'s own`;
}

/** The message format of every rule failure (exported for the report and the framework's tests). */
export function formatFailure(id: string, err: unknown, seed?: number): string {
  const lines = [`[${id}] ${headline(err)}`];
  const later = laterPartNote(id, err);
  if (later !== undefined) lines.push(later);
  if (seed !== undefined) {
    lines.push(`  seed: ${seed}`, `  replay: ${replayCommand(id, seed, targetArg())}`);
  }
  return lines.join('\n');
}

function wrap(id: string, err: unknown, seed?: number): RuleFailure {
  if (err instanceof RuleFailure) return err;
  return new RuleFailure(id, seed, err, formatFailure(id, err, seed));
}

/** The seeds this run uses (RAFTLAB_SEEDS, set by the runner; default: the fixed default seed). */
export function currentSeeds(): number[] {
  return parseSeeds(process.env[ENV.seeds]);
}

/** A graded test. The vitest name is `${id} ${title}`. */
export function rule(id: string, title: string, opts: RuleOptions, fn: () => void | Promise<void>): void {
  validate(id, opts);
  const ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const meta = {
    id,
    part: opts.part,
    points: opts.points,
    tags: opts.tags ?? [],
    seeded: false,
    limitMs: ms,
  };
  const skip = gate(id, opts.part) !== 'run';
  // The limit is in the process's own time (own-time.ts); vitest's wall-clock limit only backs it up.
  test(`${id} ${title}`, { timeout: ms * WALL_SLACK, meta, skip }, async () => {
    try {
      await withinOwnTime(fn(), ms);
    } catch (err) {
      throw wrap(id, err);
    }
  });
}

/**
 * Every failing seed of one multi-seed run, kept in seed order: the first one's whole failure leads the
 * message, the others are listed by seed and first line (sweepLines).
 */
class SeedFailures {
  private first: RuleFailure | undefined;
  private readonly seeds: SeedFailure[] = [];
  private failed = 0;
  ran = 0;
  notRun = 0;

  get any(): boolean {
    return this.first !== undefined;
  }

  add(seed: number, failure: RuleFailure): void {
    this.first ??= failure;
    this.failed++;
    if (this.seeds.length < MAX_SWEEP_SEEDS) this.seeds.push({ seed, what: firstLine(failure.message) });
  }

  sweep(): SeedSweep {
    return { ran: this.ran, notRun: this.notRun, seeds: this.seeds, failed: this.failed };
  }

  /** What the test throws: one seed's failure as it is; several seeds' with the summary of all of them. */
  failure(id: string, total: number): RuleFailure | undefined {
    const f = this.first;
    if (f === undefined || total === 1) return f;
    const message = [f.message, ...sweepLines(this.sweep())].join('\n');
    return new RuleFailure(id, f.seed, f.original, message);
  }
}

/**
 * A graded test run once per seed of the run, each time with a fresh Rng and Trace. A failing seed does
 * not stop the run: the test fails with the first failing seed's message, followed by every failing seed
 * (a seed that times out does stop it, since its run cannot be cancelled). The seed and trace digest of
 * the first failing run, or of the last run if all passed, go into meta, and a failing run's summary.
 */
export function seededRule(
  id: string,
  title: string,
  opts: RuleOptions,
  fn: (ctx: SeedContext) => void | Promise<void>,
): void {
  validate(id, opts);
  const seeds = currentSeeds();

  // The limit applies to each seed on its own, in the process's own time (own-time.ts), so a verdict
  // depends neither on which other seeds ran nor on the machine's load; vitest's wall-clock limit for
  // the whole test only backs it up.
  const perSeedMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const meta = {
    id,
    part: opts.part,
    points: opts.points,
    tags: opts.tags ?? [],
    seeded: true,
    limitMs: perSeedMs,
  };
  const timeout = perSeedMs * WALL_SLACK * seeds.length + 1_000;
  const skip = gate(id, opts.part) !== 'run';
  test(`${id} ${title}`, { timeout, meta, skip }, async (ctx) => {
    const traceFile = process.env[ENV.only] === id ? process.env[ENV.traceFile] : undefined;
    const traceDir = process.env[ENV.traceDir] || undefined;
    // the trace a replay writes: the first failing seed's, else the last seed's
    let kept: Trace | undefined;
    ctx.onTestFinished(() => {
      if (traceFile && kept) writeFileSync(traceFile, kept.toJsonl());
      if (traceDir && kept && failedSeed !== undefined)
        writeFileSync(join(traceDir, `${id}.${failedSeed}.jsonl`), kept.toJsonl());
    });
    let failedSeed: number | undefined;
    const failures = new SeedFailures();
    for (const [k, seed] of seeds.entries()) {
      // Give the event loop a turn between seeds, so the watchdog's heartbeat sees progress.
      if (k > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const keep = (traceFile !== undefined || traceDir !== undefined) && !failures.any;
      const trace = new Trace({ keepLines: keep });
      if (!failures.any) {
        ctx.task.meta.seed = seed;
        delete ctx.task.meta.traceDigest;
      }
      // If this seed hangs or kills the worker, the runner still knows which seed to replay.
      appendRecord({ t: 'seed', file: currentTestFile(), pid: process.pid, key: id, seed });
      const err = await runSeed(() => fn({ seed, rng: new Rng(seed), trace }), perSeedMs);
      failures.ran++;
      if (err !== undefined) trace.fail(err);
      if (!failures.any) {
        ctx.task.meta.traceDigest = trace.digest();
        kept = trace;
      }
      if (err === undefined) continue;
      failedSeed ??= seed;
      failures.add(seed, wrap(id, err, seed));
      if (err instanceof DeadlineError) {
        failures.notRun = seeds.length - k - 1;
        break;
      }
    }
    const failure = failures.failure(id, seeds.length);
    if (failure === undefined) return;
    if (seeds.length > 1) ctx.task.meta.sweep = failures.sweep();
    throw failure;
  });
}

/** How long a demo may run, in its own time (a demo is a few seconds of virtual time). */
const DEMO_LIMIT_MS = 60_000;

/**
 * A demo (`raftlab demo <name>`): a canned seeded scenario run to be watched in the trace viewer, with
 * the chain view open on `chain`; worth no points. It lives beside its lab's tests in `<name>.demo.ts`
 * (id `demo.<name>`), a file no grading run includes.
 */
export function demoRule(
  id: string,
  title: string,
  opts: { part: string; chain: 'snapshot' | 'compact-log' },
  fn: (ctx: SeedContext) => void | Promise<void>,
): void {
  const tags = ['demo', `${DEMO_CHAIN_TAG}${opts.chain}`];
  seededRule(id, title, { part: opts.part, points: 0, tags, timeoutMs: DEMO_LIMIT_MS }, fn);
}

/** Runs one seed within its deadline: what it threw, or undefined when it passed. */
async function runSeed(work: () => void | Promise<void>, ms: number): Promise<unknown> {
  try {
    await withinOwnTime(work(), ms);
    return undefined;
  } catch (err) {
    return err;
  }
}
