// The kit's one fault vocabulary: network filters, small objects a network asks about every message it
// sends. A filter may drop the message, delay it, add duplicate copies or corrupt its encoded bytes.
// Both networks of the grader use it — the simulator's (grader/sim/network.ts, delays in virtual ms)
// and RawNet's (grader/harness/rawnet.ts, delays in ticks). Tests add and clear filters at any time; a
// scope restricts a filter to some links. All randomness comes from the Rng passed in.
//
// A network asks its filters in order when a message is sent (judge() below): the first drop ends it,
// delays add up, copies add up, and every copy (delayed alike) is corrupted alike.
import type { Rng } from './rng.js';

/** What a filter sees of a message: the packet id, the link and the raft message type. */
export interface Packet {
  readonly id: number;
  readonly from: number;
  readonly to: number;
  /** Raft message type name, e.g. 'MsgAppend'. */
  readonly type: string;
  /** Set on a frame of a stream (a snapshot chunk or its ack): where in which stream it is. */
  readonly frame?: StreamFrame;
}

/** Where a frame of a stream is: what stream-aware filters see (e.g. streamTailFilter). */
export interface StreamFrame {
  /** The store that opened the stream (its data flows from there), and the stream's id on that store. */
  readonly origin: number;
  readonly stream: number;
  /** 'header': the stream's first frame; 'data': a piece of its data; 'ack': an answer back to the origin. */
  readonly part: 'header' | 'data' | 'ack';
  /** A data frame's byte offset in the stream and its length (0 for the other parts). */
  readonly offset: number;
  readonly bytes: number;
  /** A data frame that ends the stream. */
  readonly last: boolean;
}

/** The name of a frame's stream, e.g. `1/3` (stream 3 of store 1). */
export function streamName(f: StreamFrame): string {
  return `${f.origin}/${f.stream}`;
}

export interface Verdict {
  /** Drop the message (no other filter is consulted). */
  drop?: boolean;
  /**
   * Extra delay, in the network's time unit: virtual ms in the simulator, ticks in RawNet (the name
   * predates RawNet; every `…Ms` argument of the filters below is in that unit too).
   */
  delayMs?: number;
  /** Extra copies to deliver (each with its own latency). */
  copies?: number;
  /**
   * Flip bytes of the encoded message (every copy alike). The network flips 1–3 seeded bytes of the
   * wire encoding; a message that no longer decodes is lost, one that does is delivered as decoded.
   */
  corrupt?: boolean;
}

/**
 * A filter over packets of type P: a network whose packets carry more (RawNet's carry the message
 * itself) accepts every plain NetFilter and filters written for its own packets.
 */
export interface NetFilter<P extends Packet = Packet> {
  /** Shown in traces and failure messages, e.g. `drop 10%` or `partition [1,2] [3,4,5]`. */
  readonly label: string;
  decide(p: P, rng: Rng): Verdict | undefined;
}

/** What a chain of filters decided about one message. */
export interface Judgement {
  /** Label of the filter that dropped it (undefined: it goes out). */
  droppedBy?: string;
  /** Total extra delay of every copy (the network's unit). */
  delay: number;
  /** How many copies to deliver (1 + the extra copies). */
  copies: number;
  corrupt: boolean;
}

/** Asks `filters` in order about packet `p` (see the head of this file). */
export function judge<P extends Packet>(filters: Iterable<NetFilter<P>>, p: P, rng: Rng): Judgement {
  let delay = 0;
  let copies = 1;
  let corrupt = false;
  for (const f of filters) {
    const v = f.decide(p, rng);
    if (v === undefined) continue;
    if (v.drop === true) return { droppedBy: f.label, delay, copies, corrupt };
    delay += v.delayMs ?? 0;
    copies += v.copies ?? 0;
    if (v.corrupt === true) corrupt = true;
  }
  return { delay, copies, corrupt };
}

/** The links a filter applies to: messages from one of `from` to one of `to` (absent: any). */
export interface LinkScope {
  from?: readonly number[];
  to?: readonly number[];
  /** Also the reverse direction (to → from). */
  bothWays?: boolean;
}

function inScope(scope: LinkScope | undefined, p: Packet): boolean {
  if (scope === undefined) return true;
  const fwd =
    (scope.from === undefined || scope.from.includes(p.from)) &&
    (scope.to === undefined || scope.to.includes(p.to));
  if (fwd || scope.bothWays !== true) return fwd;
  return (
    (scope.from === undefined || scope.from.includes(p.to)) &&
    (scope.to === undefined || scope.to.includes(p.from))
  );
}

function scopeLabel(scope: LinkScope | undefined): string {
  if (scope === undefined) return '';
  const side = (xs: readonly number[] | undefined): string => (xs === undefined ? '*' : `[${xs.join(',')}]`);
  return ` on ${side(scope.from)}${scope.bothWays === true ? '<->' : '->'}${side(scope.to)}`;
}

function checkProbability(what: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${what}: probability must be in [0, 1], got ${p}`);
}

const pct = (p: number): string => `${Math.round(p * 1000) / 10}%`;

/** Drops each message with probability p. */
export function dropFilter(p: number, scope?: LinkScope): NetFilter {
  checkProbability('dropFilter', p);
  return {
    label: `drop ${pct(p)}${scopeLabel(scope)}`,
    decide: (pkt, rng) => (inScope(scope, pkt) && rng.chance(p) ? { drop: true } : undefined),
  };
}

/**
 * Drops every message between stores of different groups. A store in no group is cut off from all.
 */
export function partitionFilter(groups: readonly (readonly number[])[]): NetFilter {
  const groupOf = new Map<number, number>();
  groups.forEach((g, i) => {
    for (const s of g) groupOf.set(s, i);
  });
  return {
    label: `partition ${groups.map((g) => `[${g.join(',')}]`).join(' ')}`,
    decide: (pkt) => {
      const a = groupOf.get(pkt.from);
      const b = groupOf.get(pkt.to);
      return a === undefined || a !== b ? { drop: true } : undefined;
    },
  };
}

/** Drops every message of raft message type `type` (e.g. 'MsgAppend'). */
export function ignoreTypeFilter(type: string): NetFilter {
  return {
    label: `ignore ${type}`,
    decide: (pkt) => (pkt.type === type ? { drop: true } : undefined),
  };
}

/** Drops every message to or from `store`. */
export function isolateFilter(store: number): NetFilter {
  return {
    label: `isolate ${store}`,
    decide: (pkt) => (pkt.from === store || pkt.to === store ? { drop: true } : undefined),
  };
}

/** Adds a uniform extra delay in [minMs, maxMs] to every message in scope. */
export function delayFilter(minMs: number, maxMs: number, scope?: LinkScope): NetFilter {
  if (!(minMs >= 0 && maxMs >= minMs))
    throw new RangeError(`delayFilter: need 0 <= min <= max, got ${minMs}, ${maxMs}`);
  return {
    label: `delay ${minMs}-${maxMs}ms${scopeLabel(scope)}`,
    decide: (pkt, rng) =>
      inScope(scope, pkt) ? { delayMs: minMs + rng.int(Math.floor(maxMs - minMs) + 1) } : undefined,
  };
}

/** With probability p, holds a message back by up to maxExtraMs, so that later ones overtake it. */
export function reorderFilter(p: number, maxExtraMs: number, scope?: LinkScope): NetFilter {
  checkProbability('reorderFilter', p);
  return {
    label: `reorder ${pct(p)} by <=${maxExtraMs}ms${scopeLabel(scope)}`,
    decide: (pkt, rng) =>
      inScope(scope, pkt) && rng.chance(p)
        ? { delayMs: 1 + rng.int(Math.max(1, Math.floor(maxExtraMs))) }
        : undefined,
  };
}

/** With probability p, delivers one extra copy of a message. */
export function duplicateFilter(p: number, scope?: LinkScope): NetFilter {
  checkProbability('duplicateFilter', p);
  return {
    label: `duplicate ${pct(p)}${scopeLabel(scope)}`,
    decide: (pkt, rng) => (inScope(scope, pkt) && rng.chance(p) ? { copies: 1 } : undefined),
  };
}

/**
 * With probability p, corrupts a message: a few bytes of its encoding are flipped (see Verdict.corrupt).
 * Only for payloads that carry their own checksum (lab 4's snapshot chunks): a raft message has none.
 */
export function corruptFilter(p: number, scope?: LinkScope): NetFilter {
  checkProbability('corruptFilter', p);
  return {
    label: `corrupt ${pct(p)}${scopeLabel(scope)}`,
    decide: (pkt, rng) => (inScope(scope, pkt) && rng.chance(p) ? { corrupt: true } : undefined),
  };
}

/**
 * Flips 1–3 seeded bytes of `bytes` (a copy; the input is left alone). Both networks corrupt through
 * it, so a corrupt verdict means the same thing everywhere.
 */
export function flipBytes(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const flips = 1 + rng.int(3);
  for (let k = 0; k < flips; k++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
  return out;
}

type FramePart = StreamFrame['part'];

export interface StreamTailOptions {
  /** Probability that a stream is hit (drawn once per stream, at its header). */
  p: number;
  /** Instead of p, which streams are hit in the order their headers pass: the k-th when pattern[k mod length]. */
  pattern?: readonly boolean[];
  /** The hit starts after this many data frames of the stream, uniform in [min, max]. */
  afterFrames: readonly [number, number];
  /** What every frame of the tail gets (drop: a cut stream; delayMs: a stalled one). */
  verdict: Verdict;
  /** Which frames of the tail get it (default: data frames only). */
  parts?: readonly FramePart[];
}

/**
 * The tail of some streams: with probability p per stream, every frame of the given parts from its
 * k-th data frame on (k drawn in afterFrames; k = 0 takes in the header, if it is one of the parts)
 * gets `verdict` — e.g. a stream cut short ({drop}), stalled ({delayMs} longer than the ends'
 * timeouts) or late as a whole. A header starts a stream anew (its id may be reused by a restarted
 * store).
 */
export function streamTailFilter(label: string, o: StreamTailOptions): NetFilter {
  checkProbability('streamTailFilter', o.p);
  const [lo, hi] = o.afterFrames;
  if (!(lo >= 0 && hi >= lo))
    throw new RangeError(`streamTailFilter: need 0 <= min <= max, got ${lo}, ${hi}`);
  const parts = o.parts ?? ['data'];
  /** Per hit stream: data frames still to let through (undefined: not hit). */
  const left = new Map<string, number>();
  const pattern = o.pattern;
  let headers = 0;
  const which =
    pattern === undefined ? `${pct(o.p)} of streams` : `streams [${pattern.map(Number).join('')}]…`;
  return {
    label: `${label} ${which} after ${lo}-${hi} frames`,
    decide: (pkt, rng) => {
      const f = pkt.frame;
      if (f === undefined) return undefined;
      const name = streamName(f);
      if (f.part === 'header') {
        left.delete(name);
        const hit = pattern === undefined ? rng.chance(o.p) : pattern[headers % pattern.length] === true;
        headers++;
        if (!hit) return undefined;
        const k = lo + rng.int(hi - lo + 1);
        left.set(name, k);
        // A tail from frame 0 on includes the header, if it is one of the parts.
        return k === 0 && parts.includes('header') ? o.verdict : undefined;
      }
      const n = left.get(name);
      if (n === undefined) return undefined;
      if (f.part === 'data' && n > 0) {
        left.set(name, n - 1);
        return undefined;
      }
      return n === 0 && parts.includes(f.part) ? o.verdict : undefined;
    },
  };
}

/** A filter from a function (for tests that need something special). */
export function customFilter<P extends Packet = Packet>(
  label: string,
  decide: (p: P, rng: Rng) => Verdict | undefined,
): NetFilter<P> {
  return { label, decide };
}
