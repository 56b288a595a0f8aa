// RawNet: an in-process, deterministic network of Raft peers (bare Raft, or RawNode over MemoryStorage
// driven by a proper Ready loop). A seeded message queue with drop, duplicate, delay/reorder,
// partition, isolate and ignore(msgType) faults; crash/restart of RawNode peers (unstable state lost);
// every event recorded in a Trace; the Raft safety invariants checked after every delivered message.
import { ProposalDroppedError } from '@target/raft/errors.js';
import { type Raft, StateType } from '@target/raft/raft.js';
import type { Entry, HardState, Message, MessageType } from '@target/raft/raftpb.js';
import { RawNode } from '@target/raft/rawnode.js';
import type { MemoryStorage } from '@target/raft/storage.js';
import { type PeerView, RaftInvariants } from '../check/raft-invariants.js';
import { ET, HT, bytes, hup, memStorage, newRaft, proposal, showMsg } from './raftfix.js';
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
  /** Seed named in invariant violations (default: rng.seed). */
  seed?: number;
  electionTick?: number;
  heartbeatTick?: number;
  /** Pre-filled logs / hard states, by peer id. */
  init?: Record<number, PeerInit>;
  /** Check the safety invariants after every event (default true). */
  invariants?: boolean;
}

/** Probabilistic faults, applied to every message sent from now on (delay also decides reordering). */
export interface Faults {
  /** Probability that a message is lost. */
  drop?: number;
  /** Probability that a message is delivered twice. */
  dup?: number;
  /** Probability that a message is held back 1..maxDelay ticks (so it arrives out of order). */
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
  /** The application's state machine (RawNode peers): applied entries, durable across crashes. */
  applied: Entry[];
}

interface InFlight {
  m: Message;
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
  private readonly electionTick: number;
  private readonly heartbeatTick: number;
  private readonly checking: boolean;
  private queue: InFlight[] = [];
  private seq = 0;
  private faults: Required<Faults>;
  private readonly cut = new Set<string>();
  private readonly linkDrop = new Map<string, number>();
  private readonly ignored = new Set<MessageType>();
  private readonly filters = new Map<string, (m: Message) => boolean>();

  constructor(opts: NetOptions) {
    this.kind = opts.kind;
    this.rng = opts.rng;
    this.faultRng = opts.rng.fork('net/faults');
    this.trace = opts.trace ?? new Trace({ keepLines: false });
    this.electionTick = opts.electionTick ?? ET;
    this.heartbeatTick = opts.heartbeatTick ?? HT;
    this.checking = opts.invariants ?? true;
    this.checker = new RaftInvariants({ seed: opts.seed ?? opts.rng.seed });
    this.ids = Array.from({ length: opts.size }, (_, k) => k + 1);
    const maxDown = Math.floor((opts.size - 1) / 2);
    this.faults = { drop: 0, dup: 0, delay: 0, maxDelay: 3, reorder: 0, crashBeforeReady: 0, maxDown };
    for (const id of this.ids) {
      const init = opts.init?.[id] ?? {};
      const storage = memStorage(this.ids, init.terms ?? [], init.hardState ?? {});
      const node = this.kind === 'rawnode' ? this.buildNode(id, storage, 0, 0) : null;
      const raft = node === null ? this.build(id, storage) : node.raft;
      this.peers.set(id, { id, raft, node, storage, alive: true, incarnation: 0, applied: [] });
    }
    this.trace.record({
      ev: 'net',
      size: opts.size,
      kind: opts.kind,
      et: this.electionTick,
      ht: this.heartbeatTick,
    });
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

  /** Entries the application of RawNode peer `id` applied so far (across restarts). */
  appliedEntries(id: number): readonly Entry[] {
    return this.peer(id).applied;
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

  setFaults(f: Faults): void {
    this.faults = { ...this.faults, ...f };
    this.trace.record({ ev: 'faults', ...this.faults });
  }

  /** Drops messages from → to with probability p (1 = always). */
  dropLink(from: number, to: number, p: number): void {
    this.linkDrop.set(`${from}>${to}`, p);
  }

  /** Splits the peers into groups that cannot talk to each other (peers in no group are isolated). */
  partition(...groups: number[][]): void {
    this.cut.clear();
    const groupOf = new Map<number, number>();
    groups.forEach((g, k) => {
      for (const id of g) groupOf.set(id, k);
    });
    for (const a of this.ids) {
      for (const b of this.ids) {
        if (a !== b && (groupOf.get(a) === undefined || groupOf.get(a) !== groupOf.get(b)))
          this.cut.add(`${a}>${b}`);
      }
    }
    this.trace.record({ ev: 'partition', groups });
  }

  /** Cuts every link to and from `id`. */
  isolate(id: number): void {
    for (const o of this.ids) {
      if (o === id) continue;
      this.cut.add(`${id}>${o}`);
      this.cut.add(`${o}>${id}`);
    }
    this.trace.record({ ev: 'isolate', id });
  }

  /** Restores every link and removes every probabilistic fault (ignored types stay ignored). */
  heal(): void {
    this.cut.clear();
    this.linkDrop.clear();
    this.faults = { ...this.faults, drop: 0, dup: 0, delay: 0, reorder: 0, crashBeforeReady: 0 };
    this.trace.record({ ev: 'heal' });
  }

  /** Drops every message of this type from now on. */
  ignore(t: MessageType): void {
    this.ignored.add(t);
  }

  unignore(t: MessageType): void {
    this.ignored.delete(t);
  }

  /** Drops (at send time) every message for which `keep` returns false, until removeFilter(name). */
  addFilter(name: string, keep: (m: Message) => boolean): void {
    this.filters.set(name, keep);
  }

  removeFilter(name: string): void {
    this.filters.delete(name);
  }

  // ---- sending and delivering ------------------------------------------------------------------

  private send(msgs: readonly Message[]): void {
    for (const m of msgs) {
      const f = this.faults;
      const link = this.linkDrop.get(`${m.from}>${m.to}`) ?? 0;
      if (this.ignored.has(m.msgType) || [...this.filters.values()].some((keep) => !keep(m))) {
        this.dropped++;
        continue;
      }
      if ((link > 0 && this.faultRng.chance(link)) || (f.drop > 0 && this.faultRng.chance(f.drop))) {
        this.dropped++;
        this.trace.record({ ev: 'drop', m: showMsg(m) });
        continue;
      }
      const copies = f.dup > 0 && this.faultRng.chance(f.dup) ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const late = f.delay > 0 && this.faultRng.chance(f.delay) ? 1 + this.faultRng.int(f.maxDelay) : 0;
        this.queue.push({ m: cloneMessage(m), seq: this.seq++, at: this.now + late });
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
    if (f.crashBeforeReady > 0 && down < f.maxDown && this.faultRng.chance(f.crashBeforeReady)) {
      this.crash(p.id, 'before its Ready was handled');
      return;
    }
    this.readyLoop(p, where);
  }

  /** The application's loop: persist hard state and entries, send, apply, advance — until no Ready. */
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
      if (rd.hardState !== null) p.storage.setHardState(rd.hardState);
      if (rd.entries.length > 0) p.storage.append(rd.entries);
      this.send(rd.messages);
      if (rd.committedEntries.length > 0) {
        const prev = this.appliedFloor(p);
        for (const e of rd.committedEntries) this.checkPersisted(p, e, where);
        if (this.checking) this.checker.onApply(p.id, p.raft.term, prev, rd.committedEntries, where);
        for (const e of rd.committedEntries) p.applied.push(e);
        this.trace.record({
          ev: 'apply',
          id: p.id,
          from: rd.committedEntries[0]!.index,
          n: rd.committedEntries.length,
        });
      }
      node.advance(rd);
    }
  }

  private appliedFloor(p: Peer): number {
    return p.applied.at(-1)?.index ?? 0;
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
   * Delivers one deliverable message, dropping it if its link is cut or its target is down. A message
   * already sent by a peer that crashed since is still delivered: it left after its Ready was persisted.
   */
  deliverOne(): boolean {
    const k = this.pickNext();
    if (k < 0) return false;
    const { m } = this.queue.splice(k, 1)[0]!;
    const to = this.peers.get(m.to);
    if (to === undefined || !to.alive || this.cut.has(`${m.from}>${m.to}`)) {
      this.dropped++;
      this.trace.record({ ev: 'lost', m: showMsg(m) });
      return true;
    }
    this.delivered++;
    const where = `delivery #${this.delivered} (${showMsg(m)}), tick ${this.now}`;
    this.trace.record({ ev: 'deliver', n: this.delivered, m: showMsg(m) });
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
    this.trace.record({ ev: 'inject', m: showMsg(m) });
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
    if (p.node !== null) p.node.tick();
    else p.raft.tick();
    this.flushPeer(p, `tick ${this.now} of node ${id}`);
  }

  /** One tick of the clock: every live peer ticks, then the invariants are checked. */
  tickAll(): void {
    this.now++;
    this.trace.record({ ev: 'tick', now: this.now });
    for (const id of this.ids) this.tick(id);
    this.observe(`tick ${this.now}`);
  }

  /** Peer `id` starts an election now (MsgHup). */
  campaign(id: number): void {
    const p = this.peer(id);
    this.trace.record({ ev: 'campaign', id });
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
        this.trace.record({ ev: 'propose', id, data, ok: false });
        return null;
      }
      throw e;
    }
    const index = p.raft.raftLog.lastIndex();
    const acc: Accepted = { id, index, term: p.raft.term, data };
    this.trace.record({ ev: 'propose', id, data, ok: true, index, term: acc.term });
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
    this.trace.record({ ev: 'crash', id, why });
  }

  /** Restarts a crashed peer: a new RawNode over the same storage, applied = what its application applied. */
  restart(id: number): void {
    const p = this.peer(id);
    if (p.node === null) throw new NetError('crash/restart needs RawNode peers (kind "rawnode")');
    if (p.alive) return;
    p.incarnation++;
    const applied = this.appliedFloor(p);
    p.node = this.buildNode(id, p.storage, p.incarnation, applied);
    p.raft = p.node.raft;
    p.alive = true;
    this.trace.record({ ev: 'restart', id, incarnation: p.incarnation, applied });
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

  /** Checks the safety invariants over the live peers now. */
  observe(where: string): void {
    if (!this.checking) return;
    const views: PeerView[] = [];
    for (const p of this.peers.values()) if (p.alive) views.push(this.view(p));
    this.checker.observe(views, where);
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
      return p.node === null || this.appliedFloor(p) >= a.index;
    });
  }
}
