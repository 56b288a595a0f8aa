// What watches a simulated cluster's stores. A ClusterObserver is told of every completed engine write,
// every message a store is about to send, every event a store reports and, after each simulator event
// concerning a running store, its status. The cluster's three built-in observers are defined here: the
// store trace (the stores' own events and their role changes, into the simulator's trace), the
// persisted-state model of each store, and the invariant monitor over both.
import type { storepb } from '@target/proto/pb.js';
import type { StoreEvent } from '@target/store/api.js';
import type { KeyRange, WriteBatch } from '@target/store/engine.js';
import type { InvariantMonitor } from './invariants.js';
import type { PersistedModel } from './persisted.js';
import type { Sim } from './sim.js';
import type { StoreStatusView } from './types.js';

/**
 * Watches the stores of a cluster; every method is optional. The cluster calls them synchronously, in
 * the order the observers were given. A throw fails the run (as the store's fault, where it stands).
 */
export interface ClusterObserver {
  /** A raft-engine write batch of store `id` completed (also one a crashed incarnation had started). */
  raftWritten?(id: number, batch: WriteBatch): void;
  /** A kv-engine write batch of store `id` completed. */
  kvWritten?(id: number, batch: WriteBatch): void;
  /** A kv-engine deleteRange of store `id` completed. */
  kvRangeDeleted?(id: number, range: KeyRange): void;
  /** The running incarnation of store `id` is about to send msg. */
  sending?(id: number, msg: storepb.RaftMessage): void;
  /** The running incarnation of store `id` reported an event (StoreConfig.onEvent). */
  storeEvent?(id: number, ev: StoreEvent): void;
  /** After a simulator event concerning store `id`, which is up: its status. */
  status?(id: number, incarnation: number, st: StoreStatusView): void;
}

/** Which built-in observers a cluster runs (each on by default). */
export interface BuiltInObservers {
  /** Record the stores' own events and their role changes in the trace. */
  trace?: boolean;
  /** Keep a PersistedModel of each store (Cluster.persisted). */
  model?: boolean;
  /** Check the core invariants all along (needs the model). */
  invariants?: boolean;
}

interface Role {
  incarnation: number;
  state: string;
  term: number;
  lead: number;
}

/** The indexes a `state` event records (docs/debugging.md), as last recorded for a store. */
interface Indexes {
  commit: number;
  applied: number;
  first: number;
  last: number;
  truncated: number;
}

/**
 * The stores in the trace. Their `send` and `leader-change` events are left out: the network records
 * every message (with its packet id) and the status poll every role change, for any target. Their
 * `drop` (a refused incoming message) becomes `refuse`, apart from the network's drops.
 */
export class StoreTraceObserver implements ClusterObserver {
  /** Role, term and leader last seen of each store's incarnation (a new incarnation is recorded anew). */
  private readonly roles = new Map<number, Role>();
  /** Indexes last recorded of each store (any incarnation: a restart that changes them records anew). */
  private readonly indexes = new Map<number, Indexes>();
  /** Progress state last recorded per leader (store id → peer → state); reset when it stops leading. */
  private readonly progress = new Map<number, Map<number, string>>();

  constructor(private readonly sim: Sim) {}

  storeEvent(id: number, ev: StoreEvent): void {
    if (ev.kind === 'send' || ev.kind === 'leader-change') return;
    let kind: string = ev.kind;
    let fields: Record<string, unknown>;
    switch (ev.kind) {
      case 'persist': {
        const hs = ev.hardState;
        fields = { last: ev.lastIndex, n: ev.entries || undefined };
        if (hs !== null) Object.assign(fields, { term: hs.term, vote: hs.vote, commit: hs.commit });
        break;
      }
      case 'apply':
        fields = { index: ev.index, term: ev.term, cmd: ev.command, req: ev.requestId || undefined };
        break;
      case 'drop':
        kind = 'refuse';
        fields = { reason: ev.reason };
        break;
      default: {
        const { kind: _k, storeId: _s, ...rest } = ev;
        fields = rest;
      }
    }
    this.sim.record(id, kind, fields);
  }

  status(id: number, incarnation: number, st: StoreStatusView): void {
    this.role(id, incarnation, st);
    this.recordIndexes(id, st);
    this.recordProgress(id, st);
  }

  private recordIndexes(id: number, st: StoreStatusView): void {
    const x = this.indexes.get(id);
    if (
      x !== undefined &&
      x.commit === st.committed &&
      x.applied === st.applied &&
      x.first === st.firstIndex &&
      x.last === st.lastIndex &&
      x.truncated === st.truncatedIndex
    )
      return;
    const next: Indexes = {
      commit: st.committed,
      applied: st.applied,
      first: st.firstIndex,
      last: st.lastIndex,
      truncated: st.truncatedIndex,
    };
    this.indexes.set(id, next);
    this.sim.record(id, 'state', { ...next });
  }

  /** A leader's Progress states: every peer's when it starts leading, then each change. */
  private recordProgress(id: number, st: StoreStatusView): void {
    const prs = st.progress;
    if (prs === undefined) {
      this.progress.delete(id);
      return;
    }
    let seen = this.progress.get(id);
    if (seen === undefined) {
      seen = new Map();
      this.progress.set(id, seen);
    }
    for (const [peer, pr] of prs) {
      if (peer === id) continue;
      for (const step of pr.takeEntered?.() ?? []) this.recordMove(id, seen, peer, step);
      this.recordMove(id, seen, peer, pr);
    }
  }

  private recordMove(
    id: number,
    seen: Map<number, string>,
    peer: number,
    pr: { state: string; match: number; next: number; pendingSnapshot: number },
  ): void {
    if (seen.get(peer) === pr.state) return;
    seen.set(peer, pr.state);
    const pending = pr.pendingSnapshot > 0 ? pr.pendingSnapshot : undefined;
    this.sim.record(id, 'progress', { peer, state: pr.state, match: pr.match, next: pr.next, pending });
  }

  private role(id: number, incarnation: number, st: StoreStatusView): void {
    const r = this.roles.get(id);
    if (r === undefined) {
      this.roles.set(id, { incarnation, state: st.raftState, term: st.term, lead: st.lead });
    } else if (
      r.incarnation !== incarnation ||
      st.raftState !== r.state ||
      st.term !== r.term ||
      st.lead !== r.lead
    ) {
      r.incarnation = incarnation;
      r.state = st.raftState;
      r.term = st.term;
      r.lead = st.lead;
    } else {
      return;
    }
    this.sim.record(id, 'role', { state: st.raftState, term: st.term, lead: st.lead });
  }
}

/** Feeds each store's engine writes to its PersistedModel. */
export function modelObserver(models: ReadonlyMap<number, PersistedModel>): ClusterObserver {
  return {
    raftWritten: (id, b) => models.get(id)!.raftWritten(b),
    kvWritten: (id, b) => models.get(id)!.kvWritten(b),
    kvRangeDeleted: (id, r) => models.get(id)!.kvRangeDeleted(r),
  };
}

/**
 * The invariant monitor's view of the stores' messages and statuses (the model reports the persisted
 * states to it directly).
 */
export function invariantObserver(
  monitor: InvariantMonitor,
  models: ReadonlyMap<number, PersistedModel>,
): ClusterObserver {
  return {
    sending: (id, msg) => monitor.sending(id, models.get(id)!, msg),
    status: (id, incarnation, st) => monitor.status(id, incarnation, st),
  };
}
