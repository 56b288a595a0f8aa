// The test-side API every graded test uses: rule() and seededRule() register a vitest test with its
// id, part and points in `meta`; check() states an invariant. Failures are rewritten into messages
// that teach: the rule id, what went wrong, expected/actual, and for seeded rules the replay command.
import { inspect } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'vitest';
import { PART_IDS } from '../registry.js';
import { DEFAULT_TIMEOUT_MS, ENV, parseSeeds, replayCommand } from '../runner/contract.js';
import { appendRecord } from '../runner/worker/channel.js';
import { currentTestFile, gate } from '../runner/worker/gate.js';
import { Rng } from './rng.js';
import { Trace } from './trace.js';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Stable dotted rule id, e.g. `lab1a.vote.one-per-term`. */
    id?: string;
    part?: string;
    points?: number;
    tags?: string[];
    seeded?: boolean;
    /** The seed of the last run (of the failing run, if one failed). */
    seed?: number;
    /** sha256 of that run's trace. */
    traceDigest?: string;
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
  if (err.name === 'LabTodo') {
    const where = stubLocation(err);
    if (where !== undefined) head += `\n  where: ${where}`;
  }
  // chai/vitest assertion errors carry expected/actual: show them like check() does.
  const e = err as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
  if (e.showDiff !== false && 'expected' in e && 'actual' in e) {
    return [head, ...detailLines({ expected: e.expected, actual: e.actual })].join('\n');
  }
  return head;
}

/** `labs/raft/log.ts:27`: the first frame of the error's stack inside the target (the stub's line). */
function stubLocation(err: Error): string | undefined {
  const dir = process.env['RAFTLAB_TARGET_DIR'];
  if (dir === undefined || err.stack === undefined) return undefined;
  for (const line of err.stack.split('\n').slice(1)) {
    const m = /\(?(?:file:\/\/)?(\/[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (m?.[1]?.startsWith(`${dir}${sep}`)) return `${join(targetArg(), relative(dir, m[1]))}:${m[2]}`;
  }
  return undefined;
}

export function targetArg(): string {
  return process.env[ENV.targetArg] || 'labs';
}

/** The message format of every rule failure (exported for the report and the framework's tests). */
export function formatFailure(id: string, err: unknown, seed?: number): string {
  const lines = [`[${id}] ${headline(err)}`];
  if (seed !== undefined) {
    lines.push(`  seed: ${seed}`, `  replay: ${replayCommand(id, seed, targetArg())}`);
  }
  return lines.join('\n');
}

function wrap(id: string, err: unknown, seed?: number): RuleFailure {
  if (err instanceof RuleFailure) return err;
  return new RuleFailure(id, seed, err, formatFailure(id, err, seed));
}

/**
 * Waits for `work`, but rejects after `ms` with vitest's own timeout wording (so the report calls it a
 * timeout). The work itself cannot be cancelled; the test fails either way.
 */
async function withinDeadline(work: void | Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Test timed out in ${ms}ms`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The seeds this run uses (RAFTLAB_SEEDS, set by the runner; default: the fixed default seed). */
export function currentSeeds(): number[] {
  return parseSeeds(process.env[ENV.seeds]);
}

/** A graded test. The vitest name is `${id} ${title}`. */
export function rule(id: string, title: string, opts: RuleOptions, fn: () => void | Promise<void>): void {
  validate(id, opts);
  const meta = { id, part: opts.part, points: opts.points, tags: opts.tags ?? [], seeded: false };
  const skip = gate(id, opts.part) !== 'run';
  test(`${id} ${title}`, { timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, meta, skip }, async () => {
    try {
      await fn();
    } catch (err) {
      throw wrap(id, err);
    }
  });
}

/**
 * A graded test run once per seed of the run (stopping at the first failing seed), each time with a
 * fresh Rng and Trace. The seed and trace digest of the last (or failing) run go into meta.
 */
export function seededRule(
  id: string,
  title: string,
  opts: RuleOptions,
  fn: (ctx: SeedContext) => void | Promise<void>,
): void {
  validate(id, opts);
  const seeds = currentSeeds();
  const meta = { id, part: opts.part, points: opts.points, tags: opts.tags ?? [], seeded: true };
  // The limit applies to each seed on its own, so a verdict never depends on which other seeds ran;
  // vitest's limit for the whole test only backs it up.
  const perSeedMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = perSeedMs * seeds.length + 1_000;
  const skip = gate(id, opts.part) !== 'run';
  test(`${id} ${title}`, { timeout, meta, skip }, async (ctx) => {
    const traceFile = process.env[ENV.only] === id ? process.env[ENV.traceFile] : undefined;
    let current: Trace | undefined;
    ctx.onTestFinished(() => {
      if (traceFile && current) writeFileSync(traceFile, current.toJsonl());
    });
    for (const [k, seed] of seeds.entries()) {
      // Give the event loop a turn between seeds, so the watchdog's heartbeat sees progress.
      if (k > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const trace = new Trace({ keepLines: traceFile !== undefined });
      current = trace;
      ctx.task.meta.seed = seed;
      delete ctx.task.meta.traceDigest;
      // If this seed hangs or kills the worker, the runner still knows which seed to replay.
      appendRecord({
        t: 'seed',
        file: currentTestFile(),
        pid: process.pid,
        key: id,
        seed,
      });
      try {
        await withinDeadline(fn({ seed, rng: new Rng(seed), trace }), perSeedMs);
      } catch (err) {
        ctx.task.meta.traceDigest = trace.digest();
        throw wrap(id, err, seed);
      }
      ctx.task.meta.traceDigest = trace.digest();
    }
  });
}
