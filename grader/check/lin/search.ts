// The model-agnostic core of the checker: Wing & Gong's depth-first search for a linearization, with
// Lowe's improvements (a linked list of call/return entries that operations are lifted out of, and a
// memo of (linearized set, model state) nodes already explored). It checks one independent partition
// of a history (for the KV store: one key). Work is counted in deterministic steps.

import { MEMO_FULL, MEMO_INSERTED, MemoTable } from './memo.js';

/** A model state. Must be a primitive so that states can be interned and compared; a richer model
 *  (e.g. a multi-key map for scans) encodes its state canonically, e.g. as a string. */
export type StateValue = string | number | null;

/** One independent sub-history plus its sequential specification. Operations are numbered 0..size-1. */
export interface Partition<S extends StateValue> {
  readonly size: number;
  /** Invocation times (finite). */
  readonly call: ArrayLike<number>;
  /** Response times, `>= call`. `Infinity` marks a pending operation: it may take effect at any point
   *  after its call, or never, and its response (if any) is not constrained. */
  readonly ret: ArrayLike<number>;
  /** Non-zero marks an optional operation with a finite `ret`: it takes effect by `ret` or never
   *  (a never-returned op whose effect could only be observed by `ret`, see kv.ts). */
  readonly optional?: ArrayLike<number>;
  /** Ops with equal classes are interchangeable: same `step` on every state, same optionality. The
   *  search then applies, among interchangeable ops that are both available, only the one with the
   *  earliest deadline (`ret`): swapping the two in any linearization keeps it valid, so this loses
   *  no linearization and no observation. Omit for "all distinct". */
  readonly effectClass?: ArrayLike<number>;
  /** Non-zero marks a required op that never changes the state (a read). When one's response fits
   *  the current state, the search takes it at once as the node's only move. */
  readonly readOnly?: ArrayLike<number>;
  readonly init: S;
  /** Optional move-ordering hint (never affects the verdict): does applying write `op` in `state` get
   *  closer to a state in which read `goal` fits? Default: `goal` fits right after `op`. */
  progress?(state: S, op: number, goal: number): boolean;
  /** Optional pruning hook: can read `read`'s response still fit, in this state or after some of the
   *  ops not yet done? Must answer true unless it certainly cannot. */
  canStillFit?(state: S, read: number, isDone: (op: number) => boolean): boolean;
  /** Applies operation `op` to `state`: the next state, or `undefined` if the operation's recorded
   *  response is impossible in `state`. Must be a pure function. */
  step(state: S, op: number): S | undefined;
}

/** Work limits of one search. */
export interface SearchLimits {
  /** Maximum number of search steps (entries examined + backtracks). */
  maxSteps: number;
  /** Optional wall-clock deadline, in `performance.now()` milliseconds. */
  deadline?: number;
  /** Bound on the memo's bitset pool, in 32-bit words (memory ≈ 4 bytes × this). */
  maxMemoWords?: number;
}

/** Why a search gave up. */
export type GiveUp = 'steps' | 'time' | 'memory';

export type SearchOutcome =
  /** `order`: the operations taken, in linearization order. */
  | { kind: 'linearizable'; steps: number; order: number[] }
  /** `failAt`: the shortest failing prefix ends here. Every prefix of the partition cut before
   *  `failAt` (ops called by then, responses returned by then) is linearizable, the prefix at `failAt`
   *  is not: it is the latest required response that the exhaustive search ever had to wait for. */
  | { kind: 'illegal'; steps: number; failAt: number }
  | { kind: 'gave-up'; steps: number; why: GiveUp };

export type EnumerationOutcome<S> = {
  /** States in which `tracked` can be linearized, over all linearizations of the partition. */
  values: S[];
  steps: number;
  /** undefined when the enumeration is exhaustive. */
  gaveUp?: GiveUp;
};

/** Default memo bound: 2^26 words = 256 MiB of bitsets. */
export const DEFAULT_MAX_MEMO_WORDS = 1 << 26;

const TIME_CHECK_INTERVAL = 1024;

/** Deterministic xorshift32 stream for the Zobrist keys of the bitset hash. */
function zobristKeys(n: number): Int32Array {
  const z = new Int32Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    z[i] = x;
  }
  return z;
}

type RawOutcome =
  | { kind: 'done'; steps: number; order: number[] | null; failAt: number }
  | { kind: 'gave-up'; steps: number; why: GiveUp };

/**
 * Shared search loop. In decision mode (`tracked < 0`) it stops at the first linearization (`order`)
 * or proves there is none (`order === null`). In enumeration mode it explores every linearization,
 * reporting to `found` the state in which operation `tracked` was applied; the memo then also keys on
 * that state so that no observation is pruned away.
 *
 * A node is (done set, state[, tag]). Its moves: apply one of the available ops (those whose call
 * entry precedes the first return entry of Lowe's list of not-done ops); and, if that first return
 * entry belongs to an optional op, resolve it as "never took effect". Reductions that lose no
 * linearization and no observation:
 * - an available read-only op whose response fits the state is the node's only move (taking it
 *   first in any linearization keeps it valid: it changes nothing and nothing must precede it);
 * - of available interchangeable ops (same effect class), only the earliest deadline is tried
 *   (swapping two of them in a linearization keeps it valid);
 * - a node whose first return entry is a read that can never fit (`canStillFit`) has no moves.
 * Moves are tried earliest deadline first, those that make progress towards the read due first
 * (`progress`) before the others: a heuristic for finding a linearization sooner.
 *
 * `failAt` is the maximum, over the nodes explored, of the time of the first required return entry
 * (the earliest response the node still owes). In an exhaustive search every node with a complete
 * scan records it, and a reduction only skips nodes whose frontier some recorded node reaches.
 */
function run<S extends StateValue>(
  p: Partition<S>,
  limits: SearchLimits,
  tracked: number,
  found: ((state: S) => void) | null,
): RawOutcome {
  const n = p.size;
  const { call, ret } = p;
  const optional = p.optional ?? new Uint8Array(n);
  const readOnly = p.readOnly ?? new Uint8Array(n);
  // Entries: 2i = call of op i, 2i+1 = return of op i (only for finite ret). HEAD/TAIL are sentinels.
  const HEAD = 2 * n;
  const TAIL = 2 * n + 1;
  const entries: number[] = [];
  const hasReturn = new Uint8Array(n);
  let required = 0;
  for (let i = 0; i < n; i++) {
    entries.push(2 * i);
    if (ret[i] !== Infinity) {
      entries.push(2 * i + 1);
      hasReturn[i] = 1;
      if (!optional[i]) required++;
    }
  }
  if (required === 0) return { kind: 'done', steps: 0, order: [], failAt: -Infinity };
  const time = (e: number): number => ((e & 1) === 0 ? call[e >> 1] : ret[e >> 1]);
  // At equal times calls sort before returns: touching intervals count as concurrent (never a false
  // violation from a tie).
  entries.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  let last = HEAD;
  for (const e of entries) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  next[last] = TAIL;
  prev[TAIL] = last;
  next[TAIL] = -1;

  // Effect classes shared by several ops, and a stamp per class for de-duplicating candidates.
  const cls = p.effectClass;
  const shared = new Uint8Array(n);
  let classStamp = new Int32Array(0);
  if (cls !== undefined) {
    const count = new Map<number, number>();
    let maxClass = 0;
    for (let i = 0; i < n; i++) {
      count.set(cls[i], (count.get(cls[i]) ?? 0) + 1);
      if (cls[i] > maxClass) maxClass = cls[i];
    }
    for (let i = 0; i < n; i++) shared[i] = count.get(cls[i])! > 1 ? 1 : 0;
    classStamp = new Int32Array(maxClass + 1);
  }
  let stamp = 0;
  const scratch = new Int32Array(n);

  const words = Math.max(1, Math.ceil(n / 32));
  const bits = new Uint32Array(words);
  const zob = zobristKeys(n);
  const memo = new MemoTable(words, limits.maxMemoWords ?? DEFAULT_MAX_MEMO_WORDS);
  const ids = new Map<S, number>();
  const states: S[] = [];
  const intern = (s: S): number => {
    let id = ids.get(s);
    if (id === undefined) {
      id = states.length;
      ids.set(s, id);
      states.push(s);
    }
    return id;
  };

  // Per node on the current path (depth d): its candidate ops cand[nodePos[d]..nodeEnd[d]) still to
  // try, and the optional op it may skip (or -1). Per move (from node d to d+1): the op, whether it
  // was a skip, and the state/tag before it.
  let cand = new Int32Array(Math.max(64, 2 * n));
  const nodePos = new Int32Array(n + 1);
  const nodeEnd = new Int32Array(n + 1);
  const nodeSkip = new Int32Array(n + 1);
  const moveOp = new Int32Array(n);
  const moveSkip = new Uint8Array(n);
  const moveStateId = new Int32Array(n);
  const moveTag = new Int32Array(n);
  let depth = 0;
  let stateId = intern(p.init);
  let state = p.init;
  let tag = 0; // enumeration mode: 0 = tracked not yet applied, else 1 + id of the state it saw
  let hash = 0;
  let remaining = required;
  let steps = 0;
  let failAt = -Infinity;
  const { maxSteps, deadline } = limits;
  let nextTimeCheck = TIME_CHECK_INTERVAL;

  const isDone = (op: number): boolean => (bits[op >> 5] & (1 << (op & 31))) !== 0;

  /** Fills node `depth`'s candidates from the list of not-done ops. */
  const enterNode = (): void => {
    const start = depth === 0 ? 0 : nodeEnd[depth - 1];
    let k = start;
    let skip = -1;
    let forced = -1;
    let goal = -1; // a read due first that does not fit the state yet
    for (let f = next[HEAD]; f !== TAIL; f = next[f]) {
      steps++;
      const o = f >> 1;
      if ((f & 1) === 1) {
        if (optional[o]) skip = o;
        else {
          if (ret[o] > failAt) failAt = ret[o];
          if (readOnly[o] && p.step(state, o) === undefined) goal = o;
        }
        break;
      }
      if (readOnly[o]) {
        if (p.step(state, o) === undefined) continue; // cannot be taken in this state
        if (o !== tracked) {
          forced = o;
          break;
        }
      }
      if (k === cand.length) {
        const grown = new Int32Array(cand.length * 2);
        grown.set(cand);
        cand = grown;
      }
      cand[k++] = o;
    }
    // Dead end: the read due first can never fit (its frontier is this node's, so failAt is kept).
    if (goal >= 0 && p.canStillFit !== undefined && !p.canStillFit(state, goal, isDone)) {
      nodePos[depth] = start;
      nodeEnd[depth] = start;
      nodeSkip[depth] = -1;
      return;
    }
    if (forced >= 0) {
      cand[start] = forced;
      nodePos[depth] = start;
      nodeEnd[depth] = start + 1;
      nodeSkip[depth] = -1;
      return;
    }
    // Earliest deadline first (insertion sort: windows are small), then one op per effect class.
    for (let i = start + 1; i < k; i++) {
      const o = cand[i];
      let j = i - 1;
      for (; j >= start && (ret[cand[j]] > ret[o] || (ret[cand[j]] === ret[o] && cand[j] > o)); j--) {
        cand[j + 1] = cand[j];
      }
      cand[j + 1] = o;
    }
    stamp++;
    if (cls !== undefined) {
      let w = start;
      for (let i = start; i < k; i++) {
        const o = cand[i];
        if (shared[o]) {
          if (classStamp[cls[o]] === stamp) continue;
          classStamp[cls[o]] = stamp;
        }
        cand[w++] = o;
      }
      k = w;
    }
    // Move order, a heuristic only (it changes how soon a linearization is found, not whether one
    // exists): ops that make progress towards the read due first go first, keeping the order above.
    if (goal >= 0) {
      let front = start;
      let back = 0;
      for (let i = start; i < k; i++) {
        const o = cand[i];
        let helps: boolean;
        if (p.progress !== undefined) helps = p.progress(state, o, goal);
        else {
          const ns = p.step(state, o);
          helps = ns !== undefined && p.step(ns, goal) !== undefined;
        }
        if (helps) cand[front++] = o;
        else scratch[back++] = o;
      }
      cand.set(scratch.subarray(0, back), front);
      steps += k - start;
    }
    nodePos[depth] = start;
    nodeEnd[depth] = k;
    nodeSkip[depth] = skip;
  };

  /** Undoes the move from node `depth - 1`, returning to that node. */
  const undo = (): void => {
    depth--;
    const op = moveOp[depth];
    stateId = moveStateId[depth];
    state = states[stateId];
    tag = moveTag[depth];
    bits[op >> 5] &= ~(1 << (op & 31));
    hash ^= zob[op];
    const ce = 2 * op;
    if (hasReturn[op]) {
      if (!optional[op]) remaining++;
      const re = ce + 1;
      prev[next[re]] = re;
      next[prev[re]] = re;
    }
    prev[next[ce]] = ce;
    next[prev[ce]] = ce;
  };

  enterNode();
  for (;;) {
    if (steps > maxSteps) return { kind: 'gave-up', steps, why: 'steps' };
    if (deadline !== undefined && steps >= nextTimeCheck) {
      if (performance.now() > deadline) return { kind: 'gave-up', steps, why: 'time' };
      nextTimeCheck = steps + TIME_CHECK_INTERVAL;
    }
    steps++;
    // The next move of the current node.
    let op: number;
    let ns: S;
    let nsId: number;
    let skip = 0;
    if (nodePos[depth] < nodeEnd[depth]) {
      op = cand[nodePos[depth]++];
      const r = p.step(state, op);
      if (r === undefined) continue;
      ns = r;
      nsId = intern(r);
    } else if (nodeSkip[depth] >= 0) {
      op = nodeSkip[depth];
      nodeSkip[depth] = -1;
      ns = state;
      nsId = stateId;
      skip = 1;
    } else {
      // No moves left: back to the parent node.
      if (depth === 0) return { kind: 'done', steps, order: null, failAt };
      undo();
      continue;
    }
    const nTag = op === tracked ? stateId + 1 : tag;
    const w = op >> 5;
    const bit = 1 << (op & 31);
    bits[w] |= bit;
    hash ^= zob[op];
    const inserted = memo.insert(bits, hash, nsId, nTag);
    if (inserted !== MEMO_INSERTED) {
      bits[w] &= ~bit;
      hash ^= zob[op];
      if (inserted === MEMO_FULL) return { kind: 'gave-up', steps, why: 'memory' };
      continue; // node already explored
    }
    moveOp[depth] = op;
    moveSkip[depth] = skip;
    moveStateId[depth] = stateId;
    moveTag[depth] = tag;
    depth++;
    state = ns;
    stateId = nsId;
    tag = nTag;
    // Lift the call entry and its return entry out of the list.
    const ce = 2 * op;
    next[prev[ce]] = next[ce];
    prev[next[ce]] = prev[ce];
    if (hasReturn[op]) {
      const re = ce + 1;
      next[prev[re]] = next[re];
      prev[next[re]] = prev[re];
      if (!optional[op]) remaining--;
    }
    if (remaining === 0) {
      if (found === null) {
        const order: number[] = [];
        for (let d = 0; d < depth; d++) if (!moveSkip[d]) order.push(moveOp[d]);
        return { kind: 'done', steps, order, failAt };
      }
      found(states[tag - 1]); // keep enumerating: back to the node before this complete linearization
      undo();
      continue;
    }
    enterNode();
  }
}

/** Decides whether the partition has a linearization. */
export function searchLinearization<S extends StateValue>(
  p: Partition<S>,
  limits: SearchLimits,
): SearchOutcome {
  const r = run(p, limits, -1, null);
  if (r.kind === 'gave-up') return r;
  return r.order === null
    ? { kind: 'illegal', steps: r.steps, failAt: r.failAt }
    : { kind: 'linearizable', steps: r.steps, order: r.order };
}

/**
 * Enumerates the states in which operation `tracked` (a returned operation, typically one whose
 * response the partition leaves unconstrained) can take effect, over all linearizations.
 */
export function enumerateObservations<S extends StateValue>(
  p: Partition<S>,
  tracked: number,
  limits: SearchLimits,
): EnumerationOutcome<S> {
  const seen = new Set<S>();
  const values: S[] = [];
  const r = run(p, limits, tracked, (s) => {
    if (!seen.has(s)) {
      seen.add(s);
      values.push(s);
    }
  });
  return r.kind === 'gave-up' ? { values, steps: r.steps, gaveUp: r.why } : { values, steps: r.steps };
}
