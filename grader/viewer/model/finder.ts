// The search the causal chains are built with: the events indexed by (kind, node), so that "the first
// event of this kind on this node at or after seq s that satisfies p" is a binary search and a short
// scan; each event's instant (the first seq with its t); and the step runner shared by every chain kind.
import { num } from './labels.js';
import type { Chain, ChainStep, ViewEvent } from './types.js';

type Fields = Readonly<Record<string, unknown>>;

/** At most this many chains of each kind (a real run has a few dozen at most; a hostile trace, any number). */
export const MAX_CHAINS = 200;

export interface Finder {
  /** The first seq in [from, limit) of one of `kinds` on `node` whose fields satisfy `test`. */
  first(
    kinds: readonly string[],
    node: number,
    from: number,
    limit: number,
    test: (f: Fields) => boolean,
  ): number | undefined;
  /** The last seq in [from, before) (from: 0 if not given) of one of `kinds` on `node` whose fields satisfy `test`. */
  last(
    kinds: readonly string[],
    node: number,
    before: number,
    test: (f: Fields) => boolean,
    from?: number,
  ): number | undefined;
  /** The first seq of the run of events with the same t as `seq`. */
  instantStart(seq: number): number;
  /** The first seq after the run of events with the same t as `seq` (events.length after the last). */
  instantEnd(seq: number): number;
}

/** The index of the first element of the ascending `list` that is >= x. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function newFinder(events: readonly ViewEvent[]): Finder {
  const lists = new Map<string, number[]>();
  const instant = new Int32Array(events.length);
  const end = new Int32Array(events.length);
  for (let i = events.length - 1; i >= 0; i--)
    end[i] = i + 1 < events.length && events[i + 1]!.t === events[i]!.t ? end[i + 1]! : i + 1;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    instant[i] = i > 0 && events[i - 1]!.t === e.t ? instant[i - 1]! : i;
    if (typeof e.node !== 'number') continue;
    const key = `${e.kind}|${e.node}`;
    const list = lists.get(key);
    if (list === undefined) lists.set(key, [i]);
    else list.push(i);
  }
  const listOf = (kind: string, node: number): readonly number[] => lists.get(`${kind}|${node}`) ?? [];
  return {
    first(kinds, node, from, limit, test) {
      let best: number | undefined;
      for (const kind of kinds) {
        const list = listOf(kind, node);
        for (let j = lowerBound(list, from); j < list.length; j++) {
          const seq = list[j]!;
          if (seq >= limit || (best !== undefined && seq >= best)) break;
          if (test(events[seq]!.fields)) {
            best = seq;
            break;
          }
        }
      }
      return best;
    },
    last(kinds, node, before, test, from = 0) {
      let best: number | undefined;
      for (const kind of kinds) {
        const list = listOf(kind, node);
        for (let j = lowerBound(list, before) - 1; j >= 0; j--) {
          const seq = list[j]!;
          if (seq < from || (best !== undefined && seq <= best)) break;
          if (test(events[seq]!.fields)) {
            best = seq;
            break;
          }
        }
      }
      return best;
    },
    instantStart: (seq) => instant[seq] ?? seq,
    instantEnd: (seq) => end[seq] ?? seq + 1,
  };
}

/** One step of a chain: what it is, and how its event is found. */
export interface StepSpec {
  key: string;
  label: string;
  where: string;
  kinds: readonly string[];
  node: number;
  test: (f: Fields) => boolean;
  /** Search after this earlier step (when seen) instead of after the previous one. */
  after?: string;
  /** Exclusive upper bound of the search, if lower than the chain's. */
  before?: number;
}

/**
 * The steps of `specs`, each the first match at or after the instant of the previous step seen (the
 * first from `start`), below `limit`.
 */
export function runSteps(
  find: Finder,
  events: readonly ViewEvent[],
  specs: readonly StepSpec[],
  start: number,
  limit: number,
): ChainStep[] {
  const seen = new Map<string, number>();
  let from = start;
  const steps: ChainStep[] = [];
  for (const s of specs) {
    const base = s.after !== undefined ? seen.get(s.after) : undefined;
    const lo = base !== undefined ? find.instantStart(base) : from;
    const seq = find.first(s.kinds, s.node, lo, Math.min(limit, s.before ?? limit), s.test);
    const e = seq === undefined ? undefined : events[seq];
    steps.push({ key: s.key, label: s.label, where: s.where, seq, t: e?.t, node: e?.node });
    if (seq !== undefined) {
      seen.set(s.key, seq);
      from = find.instantStart(seq);
    }
  }
  return steps;
}

export function makeChain(kind: Chain['kind'], title: string, steps: ChainStep[]): Chain {
  return { kind, title, steps, complete: steps.every((s) => s.seq !== undefined) };
}

/** Field tests for step specs. */
export const is =
  (key: string, value: unknown) =>
  (f: Fields): boolean =>
    f[key] === value;
export const atLeast =
  (key: string, min: number) =>
  (f: Fields): boolean =>
    (num(f, key) ?? Number.NEGATIVE_INFINITY) >= min;
export const always = (): boolean => true;
