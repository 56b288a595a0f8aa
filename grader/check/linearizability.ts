// Linearizability checker for histories of the KV store (get / put / delete / append), as recorded by
// the simulator's clients. Checks each key independently (P-compositionality) with a memoized
// Wing & Gong / Lowe search (lin/search.ts), bounded by deterministic step counts, and explains a
// violation in terms a student can act on (lin/explain.ts).

import { explainKey, type FailurePoint, failurePoint } from './lin/explain.js';
import { type KvKind, type KvOp, kvPartition, partitionByKey } from './lin/kv.js';
import { type GiveUp, type SearchLimits, searchLinearization } from './lin/search.js';

/** What a client asked for. Every operation touches exactly one key. */
export type KvInput =
  | { op: 'get'; key: string }
  | { op: 'put'; key: string; value: string }
  | { op: 'delete'; key: string }
  | { op: 'append'; key: string; value: string };

/** What the store answered: get returns the value (null = absent); put/delete/append return ok. */
export type KvOutput = { value: string | null } | { ok: true };

/** One client operation of a history. Times are the simulator's virtual time. */
export interface Operation {
  clientId: number;
  input: KvInput;
  /** Virtual time of the invocation. */
  call: number;
  /** The response; ignored when `ret` is undefined. */
  output?: KvOutput;
  /** Virtual time of the response. undefined = never returned (timed out, crashed client): the
   *  operation may or may not have taken effect, at any time after `call`. */
  ret?: number;
}

/**
 * The verdict. `illegal` names the first failing key and explains the shortest failing prefix;
 * `unknown` means the search budget ran out before a verdict (never reported as `ok`).
 */
export type CheckResult =
  | { verdict: 'ok' }
  | { verdict: 'illegal'; key: string; explanation: string }
  | { verdict: 'unknown'; reason: string };

/** Options of {@link checkKvHistory}. */
export interface CheckOptions {
  /** Optional wall-clock guard for the search of all keys, in ms. The verdict then depends on machine
   *  speed (only ever turning a verdict into `unknown`); leave it unset for reproducible results.
   *  The explanation of a violation is bounded by steps only. */
  budgetMs?: number;
  /** Search steps allowed per key (deterministic): one step per list entry examined, move tried or
   *  backtrack. Default {@link DEFAULT_MAX_STEPS}. */
  maxSteps?: number;
}

/** Default step budget per key: generous for thousands of ops per key at the concurrency of ~20
 *  clients spread over 10+ keys (such keys typically take ~10-100 steps per op). */
export const DEFAULT_MAX_STEPS = 2_000_000;

/** The history itself is malformed (a harness bug, not a student's): bad times, missing output, … */
export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';
  constructor(
    /** Index of the offending operation in the history array. */
    readonly opIndex: number,
    detail: string,
  ) {
    super(`history operation #${opIndex}: ${detail}`);
  }
}

const KINDS: ReadonlySet<string> = new Set<KvKind>(['get', 'put', 'delete', 'append']);

/** Validates one operation and flattens it. Throws {@link HistoryFormatError}. */
function normalize(op: Operation, index: number): KvOp {
  const fail = (detail: string): never => {
    throw new HistoryFormatError(index, detail);
  };
  const input = op.input;
  if (input === null || typeof input !== 'object' || !KINDS.has(input.op)) fail('unknown input op');
  if (typeof input.key !== 'string') fail('key must be a string');
  if (!Number.isFinite(op.call)) fail(`call time must be a finite number, got ${op.call}`);
  let arg: string | null = null;
  if (input.op === 'put' || input.op === 'append') {
    if (typeof input.value !== 'string') fail(`${input.op} value must be a string`);
    arg = input.value;
  }
  let ret = Infinity;
  let result: string | null | undefined;
  if (op.ret !== undefined) {
    if (!Number.isFinite(op.ret) || op.ret < op.call) {
      fail(`ret must be a finite number >= call (${op.call}), got ${op.ret}`);
    }
    ret = op.ret;
    const out = op.output;
    if (out === undefined || out === null || typeof out !== 'object')
      fail('returned operation has no output');
    else if (input.op === 'get') {
      if (!('value' in out) || (out.value !== null && typeof out.value !== 'string')) {
        fail('get output must be { value: string | null }');
      } else result = out.value;
    } else if (!('ok' in out) || out.ok !== true) fail(`${input.op} output must be { ok: true }`);
  }
  return { index, clientId: op.clientId, kind: input.op, key: input.key, arg, result, call: op.call, ret };
}

function describeGiveUp(why: GiveUp, steps: number, opts: { maxSteps: number; budgetMs?: number }): string {
  switch (why) {
    case 'steps':
      return `gave up after ${steps} search steps (maxSteps = ${opts.maxSteps})`;
    case 'time':
      return `wall-clock budget of ${opts.budgetMs} ms exhausted after ${steps} search steps`;
    default:
      return `memo table full after ${steps} search steps`;
  }
}

/**
 * Checks that a KV history is linearizable: that there is a total order of its operations, consistent
 * with real time (an op that returned before another was called comes first), in which every get
 * reads the value left by the writes before it (initially absent). Never-returned operations may be
 * placed anywhere after their call, or left out.
 *
 * Deterministic: with `budgetMs` unset, the result (explanation text included) is a pure function of
 * `ops`; the verdict does not depend on the order of the array.
 *
 * Cost: linear-ish in the number of ops, but exponential in the number of writes concurrently in
 * flight on one key in the worst case. Histories with ~20 clients all hammering a single key can
 * exhaust the budget (`unknown`); spreading the workload over several keys keeps checks in
 * milliseconds.
 *
 * @throws HistoryFormatError when an operation is malformed.
 */
export function checkKvHistory(ops: Operation[], opts: CheckOptions = {}): CheckResult {
  const maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!(Number.isInteger(maxSteps) && maxSteps > 0)) {
    throw new RangeError(`maxSteps must be a positive integer, got ${maxSteps}`);
  }
  if (opts.budgetMs !== undefined && !(opts.budgetMs >= 0)) {
    throw new RangeError(`budgetMs must be >= 0, got ${opts.budgetMs}`);
  }
  const deadline = opts.budgetMs === undefined ? undefined : performance.now() + opts.budgetMs;
  const parts = partitionByKey(ops.map(normalize));

  const illegal: { key: string; failure: FailurePoint }[] = [];
  const undecided: string[] = [];
  for (const [key, keyOps] of parts) {
    if (deadline !== undefined && performance.now() > deadline) {
      undecided.push(
        `key ${JSON.stringify(key)}: not checked, wall-clock budget of ${opts.budgetMs} ms exhausted`,
      );
      continue;
    }
    const limits: SearchLimits = { maxSteps, deadline };
    const r = searchLinearization(kvPartition(keyOps), limits);
    if (r.kind === 'illegal') illegal.push({ key, failure: failurePoint(keyOps, r.failAt) });
    else if (r.kind === 'gave-up') {
      undecided.push(
        `key ${JSON.stringify(key)}: ${describeGiveUp(r.why, r.steps, { maxSteps, budgetMs: opts.budgetMs })}`,
      );
    }
  }

  if (illegal.length > 0) {
    // Report the key that fails earliest (ties: key order); the explanation is step-bounded only.
    const located = illegal.slice();
    located.sort((a, b) => a.failure.cut - b.failure.cut || (a.key < b.key ? -1 : 1));
    const first = located[0];
    const others = located.slice(1).map((l) => l.key);
    return {
      verdict: 'illegal',
      key: first.key,
      explanation: explainKey(first.key, parts.get(first.key)!, first.failure, maxSteps, others),
    };
  }
  if (undecided.length > 0) {
    const shown = undecided.slice(0, 5);
    const more = undecided.length > shown.length ? `; … (${undecided.length} keys undecided)` : '';
    return {
      verdict: 'unknown',
      reason:
        `could not decide linearizability within the budget: ${shown.join('; ')}${more}. ` +
        'The history may or may not be linearizable; no violation was found in the keys that were decided. ' +
        'Raise maxSteps, or lower the number of clients writing the same key concurrently.',
    };
  }
  return { verdict: 'ok' };
}
