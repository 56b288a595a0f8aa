// RawNet: an in-process, deterministic network of Raft peers (bare Raft, or RawNode over MemoryStorage
// driven by a proper Ready loop). A seeded message queue whose faults are the kit's network filters
// (grader/harness/faults.ts: drop, delay, duplicate, corrupt, partition, isolate, ignore(msgType), any
// custom filter; delays in ticks), plus a random delivery order among deliverable messages; crash and
// restart of RawNode peers (unstable state lost); every event recorded in a Trace; the Raft safety
// invariants checked after every delivered message.
//
// A RawNode peer's application is a state plus an applied index (see Application): it applies the
// committed entries of each Ready one by one, and a Ready carrying a snapshot (lab 3) replaces its state
// and makes its applied index jump to the snapshot's.
import { ProposalDroppedError } from '@target/raft/errors.js';
import { type Raft, StateType } from '@target/raft/raft.js';
import {
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  type Snapshot,
  decodeMessage,
  encodeMessage,
} from '@target/raft/raftpb.js';
import { RawNode } from '@target/raft/rawnode.js';
import type { MemoryStorage } from '@target/raft/storage.js';
import { type PeerView, RaftInvariants } from '../check/raft-invariants.js';
import {
  type NetFilter,
  type Packet,
  customFilter,
  dropFilter,
  duplicateFilter,
  flipBytes,
  ignoreTypeFilter,
  isolateFilter,
  judge,
  partitionFilter,
  reorderFilter,
} from './faults.js';
import { mayCrash, minorityOf } from './nemesis-plan.js';
import { ET, HT, bytes, hup, memStorage, newRaft, proposal, showMsg, typeName } from './raftfix.js';
import type { Rng } from './rng.js';
import { Trace } from './trace.js';

export type PeerKind = 'raft' | 'rawnode';

/** Initial content of one peer's storage. */
export interface PeerInit {
  terms?: number[];
  hardState?: Partial<HardState>;
}

export interface NetOptions {
  /** Peers 1..size. */
  size: number;
  kind: PeerKind;
  rng: Rng;
  /** Where events go (default: a fresh Trace). */
  trace?: Trace;
  /** Seed named in invariant violations: a seeded test's (the one replay takes); none by default. */
  seed?: number;
  electionTick?: number;
  heartbeatTick?: number;
  /** Pre-filled logs / hard states, by peer id. */
  init?: Record<number, PeerInit>;
  /** Check the safety invariants after every event (default true). */
  invariants?: boolean;
}

/**
 * Probabilistic faults, applied to every message sent from now on. drop, dup and delay become the
 * filters dropFilter, duplicateFilter and reorderFilter (ticks), tagged 'faults', in that order; reorder
 * and the crashes are RawNet's own.
 */
export interface Faults {
  /** Probability that a message is lost. */
  drop?: number;
  /** Probability that a message is delivered twice. */
  dup?: number;
  /** Probability that a message (every copy alike) is held back 1..maxDelay ticks, so later ones overtake it. */
  delay?: number;
  maxDelay?: number;
  /** Probability that a delivery picks a random deliverable message instead of the oldest. */
  reorder?: number;
  /** RawNode peers: probability that a peer crashes right after a step, before its Ready is handled. */
  crashBeforeReady?: number;
  /** crashBeforeReady never takes down more than this many peers at once (default: a minority). */
  maxDown?: number;
}

/** The network was driven into a state the harness cannot continue from (it did not settle, …). */
export class NetError extends Error {
  override readonly name = 'NetError';
}

/** What RawNet's filters see of a message: the shared Packet, plus the message itself. */
export interface RawPacket extends Packet {
  readonly message: Message;
}

/** Returned by add(); pass it to remove(). */
export interface FilterHandle {
  readonly label: string;
  readonly tag: string;
}

interface ActiveFilter extends FilterHandle {
  readonly filter: NetFilter<RawPacket>;
}

/**
 * The application of a RawNode peer, durable across its crashes: a state machine whose state is the
 * data of the snapshot it restored last plus the entries it applied since, in order.
 */
export interface Application {
  /** Index of the last entry applied, or of the snapshot restored last (0: nothing yet). */
  appliedIndex: number;
  /** The snapshot its state was restored from last (null: built from the start of the log). */
  snapshot: Snapshot | null;
  /** The entries applied since that snapshot (or since the start), contiguous up to appliedIndex. */
  entries: Entry[];
}

/**
 * A message after a corrupt verdict: its protobuf encoding with 1–3 bytes flipped (flipBytes, drawing
 * from `rng`), decoded again; null when the bytes no longer decode (the message is lost).
 */
export function corruptMessage(m: Message, rng: Rng): Message | null {
  const flipped = flipBytes(encodeMessage(m), rng);
  try {
    return decodeMessage(flipped);
  } catch {
    return null;
  }
}

/** A proposal a leader accepted: where it went in the leader's log. */
export interface Accepted {
  id: number;
  index: number;
  term: number;
  data: string;
}

interface Peer {
  id: number;
  raft: Raft;
  node: RawNode | null;
  storage: MemoryStorage;
  alive: boolean;
  incarnation: number;
  /** The application (RawNode peers). */
  app: Application;
}

interface InFlight {
  m: Message;
  /** Its packet id (the `id` of its trace events) and the peer that sent it. */
  id: number;
  from: number;
  /** The peer it travels to (the link it was sent on; a corrupted `m.to` does not reroute it). */
  to: number;
  seq: number;
  /** Deliverable from this tick on. */
  at: number;
}

const REORDER_WINDOW = 8;
const MAX_READY_ROUNDS = 64;

function cloneMessage(m: Message): Message {
  return {
    ...m,
    entries: m.entries.map((e) => ({ ...e, data: e.data.slice() })),
    snapshot: m.snapshot,
  };
}

/** A message's fields as the simulator's `send` events show them: 0, false and empty left out. */
function msgFields(m: Message): Record<string, unknown> {
  return {
    type: typeName(m.msgType),
    term: m.term || undefined,
    logTerm: m.logTerm || undefined,
    index: m.index || undefined,
    commit: m.commit || undefined,
    n: m.entries.length || undefined,
    reject: m.reject || undefined,
  };
}

export class RawNet {
  readonly ids: number[];
  readonly checker: RaftInvariants;
  readonly trace: Trace;
  /** Ticks so far. */
  now = 0;
  delivered = 0;
  dropped = 0;
  private readonly peers = new Map<number, Peer>();
  private readonly kind: PeerKind;
  private readonly rng: Rng;
  private readonly faultRng: Rng;
  /** The bytes a corrupt verdict flips come from their own stream. */
  private readonly corruptRng: Rng;
  private readonly electionTick: number;
  private readonly heartbeatTick: number;
  private readonly checking: boolean;
  private queue: InFlight[] = [];
  private seq = 0;
  private packetSeq = 0;
  private faults: Required<Faults>;
  /** Asked in order about every message sent (see faults.ts judge()); `chain` is their filters. */
  private filters: ActiveFilter[] = [];
  private chain: NetFilter<RawPacket>[] = [];
  /** Each peer's role and commit index as last recorded in the trace (`role` and `commit` events). */
  private shown = new Map<number, { role: string; commit: number }>();

  constructor(opts: NetOptions) {
    this.kind = opts.kind;
    this.rng = opts.rng;
    this.faultRng = opts.rng.fork('net/faults');
    this.corruptRng = opts.rng.fork('net/corrupt');
    this.trace = opts.trace ?? new Trace({ keepLines: false });
    this.electionTick = opts.electionTick ?? ET;
    this.heartbeatTick = opts.heartbeatTick ?? HT;
    this.checking = opts.invariants ?? true;
    // Only a seeded test's seed is named in a violation: it is the one `raftlab replay --seed` takes.
    this.checker = new RaftInvariants({ seed: opts.seed });
    this.ids = Array.from({ length: opts.size }, (_, k) => k + 1);
    const maxDown = minorityOf(opts.size);
    this.faults = { drop: 0, dup: 0, delay: 0, maxDelay: 3, reorder: 0, crashBeforeReady: 0, maxDown };
    for (const id of this.ids) {
      const init = opts.init?.[id] ?? {};
      const storage = memStorage(this.ids, init.terms ?? [], init.hardState ?? {});
      const node = this.kind === 'rawnode' ? this.buildNode(id, storage, 0, 0) : null;
      const raft = node === null ? this.build(id, storage) : node.raft;
      const app: Application = { appliedIndex: 0, snapshot: null, entries: [] };
      this.peers.set(id, { id, raft, node, storage, alive: true, incarnation: 0, app });
    }
    this.record('sim', 'cluster', {
      stores: opts.size,
      peers: opts.kind,
      electionTick: this.electionTick,
      heartbeatTick: this.heartbeatTick,
    });
  }

  /** A `phase` event: what the test is doing now (e.g. `{ phase: 'settle' }`), shown in the trace. */
  phase(phase: string, fields: Record<string, unknown> = {}): void {
    this.record('sim', 'phase', { phase, ...fields });
  }

  /** A trace event in the simulator's format (docs/debugging.md): `t` counts ticks here. */
  private record(node: number | 'sim', kind: string, fields: Record<string, unknown> = {}): void {
    this.trace.record({ t: this.now, node, kind, ...fields });
  }

  private randomFor(id: number, incarnation: number): { int(n: number): number } {
    const r = this.rng.fork(`net/random/${id}/${incarnation}`);
    return { int: (n: number) => r.int(n) };
  }

  private build(id: number, storage: MemoryStorage): Raft {
    return newRaft(id, {
      peers: this.ids,
      storage,
      electionTick: this.electionTick,
      heartbeatTick: this.heartbeatTick,
      random: this.randomFor(id, 0),
    });
  }

  private buildNode(id: number, storage: MemoryStorage, incarnation: number, applied: number): RawNode {
    return new RawNode({
      id,
      // a restarted node learns its membership from storage, as a store's peer does
      peers: incarnation === 0 ? this.ids : [],
      electionTick: this.electionTick,
      heartbeatTick: this.heartbeatTick,
      storage,
      random: this.randomFor(id, incarnation),
      ...(applied > 0 ? { applied } : {}),
    });
  }

  private peer(id: number): Peer {
    const p = this.peers.get(id);
    if (p === undefined) throw new NetError(`no peer ${id} (peers are ${this.ids.join(', ')})`);
    return p;
  }

  // ---- accessors -------------------------------------------------------------------------------

  /** The current Raft of peer `id` (a RawNode peer's inner Raft). */
  raft(id: number): Raft {
    return this.peer(id).raft;
  }

  rawNode(id: number): RawNode {
    const n = this.peer(id).node;
    if (n === null) throw new NetError(`peer ${id} is a bare Raft, not a RawNode`);
    return n;
  }

  storage(id: number): MemoryStorage {
    return this.peer(id).storage;
  }

  /** The application of RawNode peer `id` (its state and applied index). */
  application(id: number): Readonly<Application> {
    return this.peer(id).app;
  }

  /** Entries the application of RawNode peer `id` applied since its last restore (across restarts). */
  appliedEntries(id: number): readonly Entry[] {
    return this.peer(id).app.entries;
  }

  isAlive(id: number): boolean {
    return this.peer(id).alive;
  }

  aliveIds(): number[] {
    return this.ids.filter((id) => this.peer(id).alive);
  }

  /** Messages sent and not yet delivered or dropped. */
  pending(): readonly Message[] {
    return this.queue.map((f) => f.m);
  }

  // ---- faults ----------------------------------------------------------------------------------
  // Every fault is a filter of faults.ts with a tag: 'faults' (setFaults), 'partition' (partition,
  // isolate), `link a>b` (dropLink), `ignore T` (ignore), `filter NAME` (addFilter), or the caller's.

  /** Adds a filter (asked after those added before); `tag` groups filters for clear(tag). */
  add(filter: NetFilter<RawPacket>, tag = 'test'): FilterHandle {
    const h: ActiveFilter = { label: filter.label, tag, filter };
    this.filters.push(h);
    this.chain = this.filters.map((f) => f.filter);
    this.record('sim', 'filter', { action: 'add', filter: h.label, tag });
    return h;
  }

  remove(handle: FilterHandle): void {
    this.clearWhere((f) => f === handle);
  }

  /** Removes every filter (or every filter with this tag). */
  clear(tag?: string): void {
    this.clearWhere((f) => tag === undefined || f.tag === tag);
  }

  private clearWhere(pred: (f: ActiveFilter) => boolean): void {
    const removed = this.filters.filter(pred);
    if (removed.length === 0) return;
    this.filters = this.filters.filter((f) => !removed.includes(f));
    this.chain = this.filters.map((f) => f.filter);
    this.record('sim', 'filter', { action: 'remove', filter: removed.map((f) => f.label).join('; ') });
  }

  /** Labels of the active filters, in the order they are asked. */
  get active(): string[] {
    return this.filters.map((f) => f.label);
  }

  setFaults(f: Faults): void {
    this.faults = { ...this.faults, ...f };
    this.record('sim', 'faults', { ...this.faults });
    this.clear('faults');
    const { drop, dup, delay, maxDelay } = this.faults;
    if (drop > 0) this.add(dropFilter(drop), 'faults');
    if (dup > 0) this.add(duplicateFilter(dup), 'faults');
    if (delay > 0) this.add(reorderFilter(delay, maxDelay), 'faults');
  }

  /** Drops messages from → to with probability p (1 = always; 0 = no longer). */
  dropLink(from: number, to: number, p: number): void {
    const tag = `link ${from}>${to}`;
    this.clear(tag);
    if (p > 0) this.add(dropFilter(p, { from: [from], to: [to] }), tag);
  }

  /** Splits the peers into groups that cannot talk to each other (peers in no group are isolated). */
  partition(...groups: number[][]): void {
    this.clear('partition');
    this.add(partitionFilter(groups), 'partition');
  }

  /** Cuts every link to and from `id` (on top of any partition). */
  isolate(id: number): void {
    this.add(isolateFilter(id), 'partition');
  }

  /**
   * Restores every link and removes every probabilistic fault (setFaults, dropLink, reorder,
   * crashBeforeReady); ignored types and custom filters stay.
   */
  heal(): void {
    this.clearWhere((f) => f.tag === 'faults' || f.tag === 'partition' || f.tag.startsWith('link '));
    this.faults = { ...this.faults, drop: 0, dup: 0, delay: 0, reorder: 0, crashBeforeReady: 0 };
    this.record('sim', 'filter', { action: 'heal' });
  }

  /** Drops every message of this type from now on. */
  ignore(t: MessageType): void {
    const tag = `ignore ${typeName(t)}`;
    this.clear(tag);
    this.add(ignoreTypeFilter(typeName(t)), tag);
  }

  unignore(t: MessageType): void {
    this.clear(`ignore ${typeName(t)}`);
  }

  /** Drops every message sent for which `keep` returns false, until removeFilter(name). */
  addFilter(name: string, keep: (m: Message) => boolean): void {
    const tag = `filter ${name}`;
    this.clear(tag);
    this.add(
      customFilter<RawPacket>(name, (p) => (keep(p.message) ? undefined : { drop: true })),
      tag,
    );
  }

  removeFilter(name: string): void {
    this.clear(`filter ${name}`);
  }

  // ---- sending and delivering ------------------------------------------------------------------

  /**
   * Sends messages through the filters: a drop loses one; a corrupt one is delivered as its corrupted
   * bytes decode, or lost when they no longer do; every copy is queued, deliverable after the delay.
   */
  private send(msgs: readonly Message[]): void {
    for (const m of msgs) {
      const pkt: RawPacket = {
        id: ++this.packetSeq,
        from: m.from,
        to: m.to,
        type: typeName(m.msgType),
        message: m,
      };
      this.record(m.from, 'send', { to: m.to, id: pkt.id, ...msgFields(m) });
      const j = judge(this.chain, pkt, this.faultRng);
      if (j.droppedBy !== undefined) {
        this.dropped++;
        this.record(m.from, 'drop', { to: m.to, id: pkt.id, why: j.droppedBy });
        continue;
      }
      const out = j.corrupt ? corruptMessage(m, this.corruptRng) : m;
      if (out === null) {
        this.dropped++;
        this.record(m.from, 'drop', { to: m.to, id: pkt.id, why: 'corrupted, does not decode' });
        continue;
      }
      if (j.corrupt) this.record(m.from, 'corrupt', { to: m.to, id: pkt.id, as: showMsg(out) });
      if (j.copies > 1) this.record(m.from, 'duplicate', { to: m.to, id: pkt.id, copies: j.copies });
      for (let c = 0; c < j.copies; c++) {
        const at = this.now + j.delay;
        this.queue.push({ m: cloneMessage(out), id: pkt.id, from: m.from, to: m.to, seq: this.seq++, at });
      }
    }
  }

  /** Collects what a peer produced after a step or tick (outbox or Ready loop). */
  private flushPeer(p: Peer, where: string): void {
    if (p.node === null) {
      this.send(p.raft.readMessages());
      return;
    }
    const f = this.faults;
    const down = this.ids.length - this.aliveIds().length;
    if (f.crashBeforeReady > 0 && mayCrash(down, f.maxDown) && this.faultRng.chance(f.crashBeforeReady)) {
      this.crash(p.id, 'before its Ready was handled');
      return;
    }
    this.readyLoop(p, where);
  }

  /**
   * The application's loop, until no Ready: persist (snapshot, hard state, entries), send, apply (restore
   * the snapshot, then the committed entries), advance.
   */
  private readyLoop(p: Peer, where: string): void {
    const node = p.node!;
    for (let round = 0; node.hasReady(); round++) {
      if (round >= MAX_READY_ROUNDS) {
        throw new NetError(
          `node ${p.id}: hasReady() is still true after ${MAX_READY_ROUNDS} Ready/advance rounds in a row ` +
            '(advance() must consume what ready() handed out)',
        );
      }
      const rd = node.ready();
      this.recordPersist(p.id, rd);
      if (rd.snapshot !== null) p.storage.applySnapshot(rd.snapshot);
      if (rd.hardState !== null) p.storage.setHardState(rd.hardState);
      if (rd.entries.length > 0) p.storage.append(rd.entries);
      this.send(rd.messages);
      if (rd.snapshot !== null) this.restore(p, rd.snapshot, where);
      if (rd.committedEntries.length > 0) this.apply(p, rd.committedEntries, where);
      node.advance(rd);
    }
  }

  /** A `persist` event for what the Ready asks to persist (nothing when it asks nothing). */
  private recordPersist(id: number, rd: ReturnType<RawNode['ready']>): void {
    const hs = rd.hardState;
    const last = rd.entries.at(-1)?.index;
    if (hs === null && last === undefined && rd.snapshot === null) return;
    this.record(id, 'persist', {
      last,
      n: rd.entries.length || undefined,
      snapshot: rd.snapshot?.metadata.index,
      ...(hs === null ? {} : { term: hs.term, vote: hs.vote, commit: hs.commit }),
    });
  }

  /** The application replaces its state with the snapshot's; its applied index jumps to the snapshot's. */
  private restore(p: Peer, snap: Snapshot, where: string): void {
    const { index, term } = snap.metadata;
    if (this.checking) this.checker.onRestore(p.id, index, term, where);
    p.app = { appliedIndex: index, snapshot: snap, entries: [] };
    this.record(p.id, 'restore', { index, term });
  }

  /** The application applies committed entries, in order, after what it applied before. */
  private apply(p: Peer, entries: readonly Entry[], where: string): void {
    for (const e of entries) this.checkPersisted(p, e, where);
    if (this.checking) this.checker.onApply(p.id, p.raft.term, entries, where);
    for (const e of entries) p.app.entries.push(e);
    p.app.appliedIndex = entries.at(-1)!.index;
    for (const e of entries) this.record(p.id, 'apply', { index: e.index, term: e.term });
  }

  private checkPersisted(p: Peer, e: Entry, where: string): void {
    let stored: number | undefined;
    try {
      stored = p.storage.term(e.index);
    } catch {
      stored = undefined;
    }
    if (stored !== e.term) {
      throw new NetError(
        `node ${p.id} was handed ${e.index}@${e.term} to apply, but storage holds ${stored === undefined ? 'no entry' : `${e.index}@${stored}`} ` +
          `there: committed entries must already be persisted (Ready.entries) when they are applied (at: ${where})`,
      );
    }
  }

  /** Index of the next deliverable message to take, or -1 when none is deliverable now. */
  private pickNext(): number {
    const ready: number[] = [];
    for (let k = 0; k < this.queue.length && ready.length < REORDER_WINDOW; k++) {
      if (this.queue[k]!.at <= this.now) ready.push(k);
    }
    if (ready.length === 0) return -1;
    if (this.faults.reorder > 0 && ready.length > 1 && this.faultRng.chance(this.faults.reorder)) {
      return this.faultRng.pick(ready);
    }
    return ready[0]!;
  }

  /**
   * Delivers one deliverable message, losing it if its target is down (the filters judged it when it was
   * sent). A message already sent by a peer that crashed since is still delivered: it left after its
   * Ready was persisted.
   */
  deliverOne(): boolean {
    const k = this.pickNext();
    if (k < 0) return false;
    const { m, id, from, to: target } = this.queue.splice(k, 1)[0]!;
    const to = this.peers.get(target);
    if (to === undefined || !to.alive) {
      this.dropped++;
      this.record(target, 'drop', { from, id, why: 'receiver down' });
      return true;
    }
    this.delivered++;
    const where = `delivery #${this.delivered} (${showMsg(m)}), tick ${this.now}`;
    this.record(target, 'deliver', { from, id, type: typeName(m.msgType) });
    if (to.node !== null) to.node.step(m);
    else to.raft.step(m);
    this.flushPeer(to, where);
    this.observe(where);
    return true;
  }

  /** Delivers until no message is deliverable now; fails loudly if that takes more than `max` deliveries. */
  stabilize(max = 20_000): void {
    for (let n = 0; n < max; n++) if (!this.deliverOne()) return;
    const sample = this.queue.slice(0, 6).map((f) => showMsg(f.m));
    throw new NetError(
      `the network did not settle after ${max} deliveries (tick ${this.now}); still queued: ${sample.join('; ')}` +
        ' — messages keep causing new messages',
    );
  }

  /** Delivers a message built by the test straight to its target (faults bypassed), then its outputs. */
  inject(m: Message): void {
    const to = this.peer(m.to);
    const where = `injected ${showMsg(m)}, tick ${this.now}`;
    this.record(m.to, 'inject', { from: m.from, ...msgFields(m) });
    if (to.node !== null) to.node.step(m);
    else to.raft.step(m);
    this.flushPeer(to, where);
    this.observe(where);
  }

  // ---- driving peers ---------------------------------------------------------------------------

  /** Ticks one live peer. */
  tick(id: number): void {
    const p = this.peer(id);
    if (!p.alive) return;
    this.record(id, 'tick');
    if (p.node !== null) p.node.tick();
    else p.raft.tick();
    this.flushPeer(p, `tick ${this.now} of node ${id}`);
  }

  /** One tick of the clock: every live peer ticks, then the invariants are checked. */
  tickAll(): void {
    this.now++;
    for (const id of this.ids) this.tick(id);
    this.observe(`tick ${this.now}`);
  }

  /** Peer `id` starts an election now (MsgHup). */
  campaign(id: number): void {
    const p = this.peer(id);
    this.record(id, 'campaign');
    if (p.node !== null) p.node.campaign();
    else p.raft.step(hup(id));
    this.flushPeer(p, `campaign of node ${id}`);
    this.observe(`campaign of node ${id}`);
  }

  /** Proposes `data` at peer `id`: where the entry went, or null if dropped (not leader, or down). */
  propose(id: number, data: string): Accepted | null {
    const p = this.peer(id);
    if (!p.alive) return null;
    try {
      if (p.node !== null) p.node.propose(bytes(data));
      else p.raft.step(proposal(id, data));
    } catch (e) {
      if (e instanceof ProposalDroppedError) {
        this.record(id, 'propose', { data, dropped: true });
        return null;
      }
      throw e;
    }
    const index = p.raft.raftLog.lastIndex();
    const acc: Accepted = { id, index, term: p.raft.term, data };
    this.record(id, 'propose', { data, index, term: acc.term });
    this.flushPeer(p, `proposal "${data}" at node ${id}`);
    this.observe(`proposal "${data}" at node ${id}`);
    return acc;
  }

  /** Crashes a RawNode peer: its in-memory state (unstable entries, unsent messages) is lost. */
  crash(id: number, why = ''): void {
    const p = this.peer(id);
    if (p.node === null) throw new NetError('crash/restart needs RawNode peers (kind "rawnode")');
    if (!p.alive) return;
    p.alive = false;
    this.record(id, 'crash', { incarnation: p.incarnation, when: why || undefined });
  }

  /** Restarts a crashed peer: a new RawNode over the same storage, applied = its application's applied index. */
  restart(id: number): void {
    const p = this.peer(id);
    if (p.node === null) throw new NetError('crash/restart needs RawNode peers (kind "rawnode")');
    if (p.alive) return;
    p.incarnation++;
    const applied = p.app.appliedIndex;
    p.node = this.buildNode(id, p.storage, p.incarnation, applied);
    p.raft = p.node.raft;
    p.alive = true;
    this.record(id, 'restart', { incarnation: p.incarnation, applied });
    if (this.checking) this.checker.restarted(id, applied);
    const where = `restart of node ${id}`;
    this.readyLoop(p, where);
    this.observe(where);
  }

  // ---- observing -------------------------------------------------------------------------------

  private view(p: Peer): PeerView {
    const log = p.raft.raftLog;
    return {
      id: p.id,
      term: p.raft.term,
      isLeader: p.raft.state === StateType.Leader,
      entries: log.entries,
      first: log.first,
      committed: log.committed,
      applied: log.applied,
    };
  }

  /** Records role and commit changes (`role`, `commit` events), then checks the safety invariants. */
  observe(where: string): void {
    this.recordRoles();
    if (!this.checking) return;
    const views: PeerView[] = [];
    for (const p of this.peers.values()) if (p.alive) views.push(this.view(p));
    this.checker.observe(views, where);
  }

  private recordRoles(): void {
    for (const p of this.peers.values()) {
      if (!p.alive) continue;
      const r = p.raft;
      const role = `${r.state}/${r.term}/${r.lead}`;
      const commit = r.raftLog.committed;
      const was = this.shown.get(p.id);
      if (was?.role !== role) this.record(p.id, 'role', { state: r.state, term: r.term, lead: r.lead });
      if (was !== undefined && was.commit !== commit) this.record(p.id, 'commit', { index: commit });
      this.shown.set(p.id, { role, commit });
    }
  }

  /** The leader every live peer agrees on (same term, lead set to it), if any. */
  stableLeader(): number | undefined {
    const alive = [...this.peers.values()].filter((p) => p.alive);
    const maxTerm = Math.max(...alive.map((p) => p.raft.term));
    const leader = alive.find((p) => p.raft.state === StateType.Leader && p.raft.term === maxTerm);
    if (leader === undefined) return undefined;
    return alive.every((p) => p.raft.term === maxTerm && p.raft.lead === leader.id) ? leader.id : undefined;
  }

  /** One line per peer: role, term, log, commit (for failure messages). */
  describe(): string {
    return [...this.peers.values()]
      .map((p) => {
        const r = p.raft;
        const state = p.alive ? `${r.state} t${r.term} lead=${r.lead}` : 'DOWN';
        return `node ${p.id}: ${state} last=${r.raftLog.lastIndex()} commit=${r.raftLog.committed}`;
      })
      .join('; ');
  }

  /**
   * Liveness after chaos: restarts crashed peers, heals the network, then ticks (delivering everything)
   * until a stable leader has committed an entry of its term on every peer, proposes `probe` there and
   * waits until every peer has committed (and, for RawNode peers, applied) it. Fails after maxTicks.
   */
  settle(maxTicks: number, probe = 'probe'): number {
    this.phase('settle', { maxTicks });
    for (const id of this.ids) if (!this.peer(id).alive) this.restart(id);
    this.heal();
    for (const f of this.queue) f.at = Math.min(f.at, this.now);
    let probeAt: Accepted | null = null;
    for (let t = 0; t < maxTicks; t++) {
      this.tickAll();
      this.stabilize();
      const lead = this.stableLeader();
      if (lead === undefined) continue;
      if (probeAt === null || probeAt.id !== lead) {
        probeAt = this.propose(lead, probe);
        this.stabilize();
      }
      if (probeAt !== null && this.allHave(probeAt)) return lead;
    }
    throw new NetError(
      `no progress after healing: within ${maxTicks} ticks the cluster did not elect a stable leader and ` +
        `commit a new proposal on every peer (liveness, §5.2/§5.3). State: ${this.describe()}`,
    );
  }

  private allHave(a: Accepted): boolean {
    return [...this.peers.values()].every((p) => {
      const log = p.raft.raftLog;
      if (log.committed < a.index || !log.matchTerm(a.index, a.term)) return false;
      return p.node === null || p.app.appliedIndex >= a.index;
    });
  }
}
