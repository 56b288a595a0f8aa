// The KV side of the checker: normalized operations, partitioning a history into independent
// sub-histories, and turning one key's operations (or a view of them: a prefix in time, an op whose
// response is left free, a subset) into a search Partition over the single-key register model
// (get / put / delete / append).

import type { Partition } from './search.js';

/** Operation kinds of the single-key model. */
export type KvKind = 'get' | 'put' | 'delete' | 'append';

/** An operation of the caller's history, validated and flattened. */
export interface KvOp {
  /** Position in the caller's array. */
  readonly index: number;
  readonly clientId: number;
  readonly kind: KvKind;
  readonly key: string;
  /** The value written by put/append; null otherwise. */
  readonly arg: string | null;
  /** For a returned get: the value it read (null = absent). undefined otherwise. */
  readonly result: string | null | undefined;
  readonly call: number;
  /** Response time; Infinity when the operation never returned. */
  readonly ret: number;
}

/**
 * Splits a history into sub-histories that can be checked independently (P-compositionality):
 * linearizability is local, so a history is linearizable iff each object's sub-history is.
 *
 * EXTENSION POINT (multi-key operations such as a scan): give each op the list of keys it touches,
 * union-find keys touched by the same op into components, and check each component against a model
 * whose state is the map of its keys (encoded canonically as a string, see StateValue). Single-key
 * ops on keys no scan touches keep today's cheap per-key partitions.
 */
export function partitionByKey(ops: readonly KvOp[]): Map<string, KvOp[]> {
  const byKey = new Map<string, KvOp[]>();
  for (const op of ops) {
    let list = byKey.get(op.key);
    if (list === undefined) {
      list = [];
      byKey.set(op.key, list);
    }
    list.push(op);
  }
  const keys = [...byKey.keys()].sort();
  const sorted = new Map<string, KvOp[]>();
  for (const k of keys) {
    const list = byKey.get(k)!;
    list.sort((a, b) => a.call - b.call || a.index - b.index);
    sorted.set(k, list);
  }
  return sorted;
}

/** Which part of a key's history to check. */
export interface KvView {
  /** Keep only ops called at or before `cut`; responses after `cut` are unknown (the op is pending). */
  cut?: number;
  /** With `cut`: only this op may complete exactly at `cut`; other ops returning at `cut` are pending. */
  soleAtCut?: KvOp;
  /** A returned get whose response is left free (it must still take effect within its interval). It
   *  keeps no never-returned write alive: such a write still takes effect only where another read
   *  could observe it, so the free get sees the values possible without a late write just for it. */
  free?: KvOp;
  /** Ops to leave out entirely. */
  omit?: ReadonlySet<KvOp>;
}

/** An op as the search sees it under a view. */
interface Member {
  op: KvOp;
  ret: number;
  /** A never-returned write that must take effect by `ret` or never. */
  optional: boolean;
  /** get: expected value, or undefined when unconstrained. */
  expect: string | null | undefined;
}

const GET = 0;
const PUT = 1;
const DELETE = 2;
const APPEND = 3;
const KIND_CODE: Record<KvKind, number> = { get: GET, put: PUT, delete: DELETE, append: APPEND };

/** A search partition for one key, with the ops it kept (index i of the partition = members[i]). */
export interface KvPartition extends Partition<string | null> {
  readonly members: readonly KvOp[];
}

/**
 * Builds the partition for a view of one key's ops (sorted by call). Reductions that keep the search
 * small without changing the answer:
 * - a get that never returned constrains nothing and changes nothing: dropped;
 * - a write that never returned can only matter to reads that could observe it (see `observes`): if
 *   none could, it is dropped ("never took effect" is always allowed for it); otherwise it becomes an
 *   optional op that takes effect by the last response of such a read, or never. Proof sketch: in a
 *   linearization where it takes effect later, every read between it and the next overwrite would
 *   observe it and have responded later still, so there is none, and removing it changes no response.
 */
export function kvPartition(ops: readonly KvOp[], view: KvView = {}): KvPartition {
  const { cut, soleAtCut, free, omit } = view;
  const members: Member[] = [];
  for (const op of ops) {
    if (omit?.has(op)) continue;
    if (cut !== undefined && op.call > cut) continue;
    let ret = op.ret;
    if (cut !== undefined && (ret > cut || (ret === cut && soleAtCut !== undefined && op !== soleAtCut))) {
      ret = Infinity;
    }
    if (op.kind === 'get') {
      if (ret === Infinity) continue;
      members.push({ op, ret, optional: false, expect: op === free ? undefined : op.result });
    } else {
      members.push({ op, ret, optional: false, expect: undefined });
    }
  }
  const appends = new AppendChains(members.filter((m) => m.op.kind === 'append').map((m) => m.op.arg!));
  const reads = members.filter((m) => m.op.kind === 'get');
  const kept: Member[] = [];
  for (const m of members) {
    if (m.op.kind !== 'get' && m.ret === Infinity) {
      let lastObs = -Infinity;
      for (const r of reads) {
        if (
          r.ret >= m.op.call &&
          r.ret > lastObs &&
          r.expect !== undefined &&
          observes(r.expect, m.op, appends)
        ) {
          lastObs = r.ret;
        }
      }
      if (lastObs === -Infinity) continue;
      m.ret = lastObs;
      m.optional = true;
    }
    kept.push(m);
  }

  const n = kept.length;
  const call = new Float64Array(n);
  const ret = new Float64Array(n);
  const optional = new Uint8Array(n);
  const effectClass = new Int32Array(n);
  const readOnly = new Uint8Array(n);
  const classes = new Map<string, number>();
  const kind = new Uint8Array(n);
  const arg: (string | null)[] = [];
  const expect: (string | null | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const m = kept[i];
    call[i] = m.op.call;
    ret[i] = m.ret;
    optional[i] = m.optional ? 1 : 0;
    // Same kind, argument, expected response and optionality: interchangeable (a free get is unique).
    const sig =
      m.op.kind === 'get' && m.expect === undefined
        ? `free ${i}`
        : JSON.stringify([m.op.kind, m.op.arg, m.expect ?? null, m.optional]);
    let c = classes.get(sig);
    if (c === undefined) {
      c = classes.size;
      classes.set(sig, c);
    }
    effectClass[i] = c;
    kind[i] = KIND_CODE[m.op.kind];
    readOnly[i] = m.op.kind === 'get' ? 1 : 0;
    arg.push(m.op.arg);
    expect.push(m.expect);
  }
  // For each read: the puts/deletes after which (and appends) it could fit, computed on first use.
  const producerCache = new Map<number, number[]>();
  const producers = (r: number): number[] => {
    let list = producerCache.get(r);
    if (list === undefined) {
      list = [];
      const want = expect[r]!;
      for (let i = 0; i < n; i++) {
        if (kind[i] === PUT || kind[i] === DELETE) {
          const base = kind[i] === PUT ? arg[i]! : '';
          if (
            want === null
              ? kind[i] === DELETE
              : want === base ||
                (appends.any && want.startsWith(base) && appends.isChain(want.slice(base.length)))
          ) {
            list.push(i);
          }
        }
      }
      producerCache.set(r, list);
    }
    return list;
  };
  return {
    size: n,
    call,
    ret,
    optional,
    effectClass,
    readOnly,
    init: null,
    members: kept.map((m) => m.op),
    canStillFit(state: string | null, r: number, isDone: (op: number) => boolean): boolean {
      const want = expect[r];
      if (want === undefined || want === state) return true;
      // Appends still to come may extend the state into the value read.
      if (want !== null && appends.any) {
        const s = state ?? '';
        if (want.startsWith(s) && appends.isChain(want.slice(s.length))) return true;
      }
      // Or an overwrite not done yet (the latest first: the likeliest not done).
      const ps = producers(r);
      for (let j = ps.length - 1; j >= 0; j--) if (!isDone(ps[j])) return true;
      return false;
    },
    progress(state: string | null, i: number, goal: number): boolean {
      // After op i, is the state the goal read's value, or (with appends to come) a prefix of it?
      const want = expect[goal];
      if (want === undefined) return false;
      const ns = this.step(state, i);
      if (ns === undefined || ns === state) return false;
      if (want === null || ns === null) return want === ns;
      return want.startsWith(ns);
    },
    step(state: string | null, i: number): string | null | undefined {
      switch (kind[i]) {
        case GET: {
          const want = expect[i];
          return want === undefined || want === state ? state : undefined;
        }
        case PUT:
          return arg[i];
        case DELETE:
          return null;
        default:
          return (state ?? '') + arg[i];
      }
    },
  };
}

/** The values appended to a key, and which strings are concatenations of them. */
export class AppendChains {
  private readonly args: string[];
  private readonly memo = new Map<string, boolean>();
  constructor(args: readonly string[]) {
    this.args = [...new Set(args)].filter((a) => a !== '');
  }
  /** Were there any appends? */
  get any(): boolean {
    return this.args.length > 0;
  }
  /** Is `s` a concatenation of zero or more appended values? */
  isChain(s: string): boolean {
    if (s === '') return true;
    let r = this.memo.get(s);
    if (r === undefined) {
      const reach = new Uint8Array(s.length + 1);
      reach[0] = 1;
      for (let i = 0; i < s.length; i++) {
        if (!reach[i]) continue;
        for (const a of this.args) if (s.startsWith(a, i)) reach[i + a.length] = 1;
      }
      r = reach[s.length] === 1;
      this.memo.set(s, r);
    }
    return r;
  }
}

/**
 * Could a read that returned `value` have been linearized after `write` with no overwrite (put or
 * delete) in between? After a put(v) such a read returns v followed by appended values; after a
 * delete, absent or appended values only; after an append(s), a value containing s. If no read could,
 * a pending `write` is unobservable. Conservative: may answer true for a read that could not.
 */
export function observes(value: string | null, write: KvOp, appends: AppendChains): boolean {
  switch (write.kind) {
    case 'put': {
      const v = write.arg!;
      if (!appends.any) return value === v;
      if (value === null || !value.startsWith(v)) return false;
      return appends.isChain(value.slice(v.length));
    }
    case 'delete':
      return value === null || (appends.any && appends.isChain(value));
    case 'append':
      return value?.includes(write.arg!) === true;
    default:
      return false;
  }
}
