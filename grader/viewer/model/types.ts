// The trace viewer's model: what a run's trace (docs/debugging.md, "Traces") becomes once parsed —
// lanes, messages, state series, client operations and causal chains. Built by build.ts from the
// events alone (pure, no DOM), rendered by grader/viewer/client/. Every index into `events` is an
// event's `seq`: its line number in the trace, 0-based.

/** A trace line as parsed: `t`, `node`, `kind` and the kind's own fields. */
export interface TraceEvent {
  t: number;
  node: number | string;
  kind: string;
  [field: string]: unknown;
}

/** Which lab part an event belongs to, for the "lab part" filter. */
export type EventPart = 'core' | 'log-gc' | 'snapshot' | 'transport' | 'client' | 'sim';

/** One event as the viewer shows it. */
export interface ViewEvent {
  /** Line number in the trace (0-based); the row order of the lanes. */
  seq: number;
  t: number;
  /** A store or peer id (numbers), a client ('c1'…) or 'sim'. */
  node: number | string;
  kind: string;
  part: EventPart;
  /** The event's own fields (everything but t, node and kind). */
  fields: Readonly<Record<string, unknown>>;
  /** A one-line label for the lane (e.g. "Leader t6", "persist ≤18", "snapshot generated @18"). */
  label: string;
}

/** One delivery or loss of a packet: an arrow between two lanes. */
export interface Arrow {
  /** The packet id (`id` of send/deliver/drop). */
  id: number;
  type: string;
  from: number;
  to: number;
  /** seq of the send event. */
  sendSeq: number;
  /** seq of the deliver or drop event; undefined while still in flight when the trace ends. */
  endSeq: number | undefined;
  outcome: 'delivered' | 'dropped' | 'in-flight';
  /** For drops: the `why` field. */
  why?: string;
  /** A second (third…) delivery of the same packet id: a duplicate. */
  duplicate: boolean;
  /** MsgSnapshot or SnapshotChunk: drawn so that it stands out. */
  snapshot: boolean;
}

/** A step function of one quantity of one store over the trace: value from `seq` on. */
export interface SeriesPoint {
  seq: number;
  t: number;
  value: number;
}

export type SeriesName = 'term' | 'role' | 'commit' | 'applied' | 'truncated' | 'first' | 'last';

/** Role encoded as a number in the 'role' series. */
export const ROLE_VALUE: Readonly<Record<string, number>> = { Follower: 0, Candidate: 1, Leader: 2 };

export interface StoreModel {
  id: number;
  series: Readonly<Record<SeriesName, readonly SeriesPoint[]>>;
  /** seq ranges during which the store was down (crash … restart/up). */
  down: readonly { fromSeq: number; toSeq: number | undefined }[];
}

/** One client operation: a bar from invoke to return. */
export interface ClientOp {
  client: string;
  /** The operation id (`id` of invoke/attempt/return). */
  id: number | string;
  op: string;
  key: string;
  value?: string;
  invokeSeq: number;
  invokeT: number;
  /** Undefined while pending when the trace ends (or abandoned). */
  endSeq: number | undefined;
  endT: number | undefined;
  outcome: 'ok' | 'pending' | 'abandoned' | 'failed';
  /** What a read returned, or the write's result. */
  result?: string;
  /** Named in the failure's linearizability explanation. */
  flagged: boolean;
}

/** One step of a causal chain. */
export interface ChainStep {
  /** Stable key of the step (e.g. 'fallback', 'unavailable', 'generate', 'next-snapshot', …). */
  key: string;
  /** What happens, in a sentence ("the leader's sendAppend finds next − 1 below the first index"). */
  label: string;
  /** This kit's file and function, e.g. 'raft/raft.ts Raft.sendAppend'. */
  where: string;
  /** The event that shows the step; undefined when the trace has none (the step is "not seen"). */
  seq: number | undefined;
  t: number | undefined;
  node: number | string | undefined;
}

export interface Chain {
  kind: 'snapshot' | 'compact-log';
  /** e.g. "snapshot @41 (term 6) from store 2 to store 3". */
  title: string;
  steps: readonly ChainStep[];
  /** True when every step was seen. */
  complete: boolean;
}

export interface TraceMeta {
  /** The test id, or 'demo snapshot' … */
  title: string;
  testId?: string;
  seed?: number;
  target?: string;
  /** The command that reproduces the run. */
  replay?: string;
  /** Which view to open first, and which chain kind to select. */
  open?: 'lanes' | 'state' | 'clients' | 'chain';
  chain?: 'snapshot' | 'compact-log';
  /** The failure message (from the grader), if the run failed. */
  failure?: string;
  /** 'ticks' for the Raft-core traces (rawnet), else 'ms'. */
  timeUnit?: 'ms' | 'ticks';
}

export interface ViewModel {
  meta: TraceMeta;
  events: readonly ViewEvent[];
  /** Store (or peer) ids, ascending: one lane each (at most MAX_LANES of build.ts, the busiest). */
  stores: readonly number[];
  /** How many store ids of the trace got no lane (more than MAX_LANES): their events are not shown. */
  storesLeftOut: number;
  /** Client ids ('c1'…), in order of first appearance. */
  clients: readonly string[];
  arrows: readonly Arrow[];
  /** The largest sendSeq→endSeq span of any arrow (for windowed drawing). */
  maxArrowSpan: number;
  storeModels: ReadonlyMap<number, StoreModel>;
  ops: readonly ClientOp[];
  chains: readonly Chain[];
  /** seq of the `failure` event, if any. */
  failureSeq: number | undefined;
  /** Message types present, for the filter. */
  messageTypes: readonly string[];
  /** The last event's t. */
  endT: number;
}

/** `window.__raftlab`: what a rendered page tells a test driving it (the browser step). */
export interface PageGlobal {
  stores: number[];
  /** model.arrows.length, and those delivered. */
  arrows: number;
  delivered: number;
  events: number;
  /** performance.now() when the first view was drawn. */
  readyMs: number;
  /** The open view's name. */
  view(): string;
}
