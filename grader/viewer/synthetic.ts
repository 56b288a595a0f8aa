// A deterministic synthetic trace of any length, in the trace format of docs/debugging.md ("Traces"): a
// small discrete-event model of a Raft cluster (ticks, heartbeats, client writes replicated with
// MsgAppend, lossy and duplicating links, elections, log compaction, a follower cut off and caught up by a
// snapshot). Not a Raft implementation: its only use is to give the viewer a big, realistic page to load
// and scroll (the browser step's 100 000-event check). Same options → the same events.
import { Rng } from '../harness/rng.js';
import type { TraceEvent } from './model/types.js';

export interface SyntheticOptions {
  /** Exactly this many events. */
  events: number;
  stores?: number;
  seed?: number;
}

const TICK_MS = 50;
const CLIENTS = 3;
const ELECTION_EVERY_MS = 7_000;
const ISOLATION_EVERY_MS = 11_000;
const ISOLATION_MS = 900;
const COMPACT_AFTER = 120;

interface Store {
  id: number;
  term: number;
  commit: number;
  applied: number;
  first: number;
  last: number;
  truncated: number;
}

interface Msg {
  id: number;
  from: number;
  to: number;
  type: string;
  term: number;
  index: number;
  commit: number;
  n: number;
}

interface Timed {
  t: number;
  order: number;
  run: () => void;
}

/** A binary min-heap of scheduled actions by (t, order of scheduling). */
class Agenda {
  private readonly items: Timed[] = [];

  get size(): number {
    return this.items.length;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as Timed;
    const y = this.items[b] as Timed;
    return x.t < y.t || (x.t === y.t && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const tmp = this.items[a] as Timed;
    this.items[a] = this.items[b] as Timed;
    this.items[b] = tmp;
  }

  push(item: Timed): void {
    this.items.push(item);
    for (let i = this.items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): Timed | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined || this.items.length === 0) return top;
    this.items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.items.length && this.less(l, m)) m = l;
      if (r < this.items.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/** The model's state and its event log. */
class Cluster {
  readonly out: TraceEvent[] = [];
  private readonly agenda = new Agenda();
  private order = 0;
  private t = 0;
  private nextPacket = 1;
  private nextOp = 1;
  leader: number;
  readonly stores: Store[];
  /** Leader's view: match index per follower. */
  readonly match = new Map<number, number>();
  /** Followers the leader is sending a snapshot to. */
  readonly snapshotting = new Set<number>();
  /** Which stores are cut off, until when. */
  private readonly isolatedUntil = new Map<number, number>();
  /** Pending client writes by log index. */
  readonly waiting = new Map<number, { client: string; op: number }>();

  constructor(
    readonly rng: Rng,
    count: number,
  ) {
    this.stores = Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      term: 1,
      commit: 0,
      applied: 0,
      first: 1,
      last: 0,
      truncated: 0,
    }));
    this.leader = 1;
  }

  store(id: number): Store {
    return this.stores[id - 1] as Store;
  }

  emit(node: number | string, kind: string, fields: Record<string, unknown> = {}): void {
    this.out.push({ t: this.t, node, kind, ...fields });
  }

  at(delay: number, run: () => void): void {
    this.agenda.push({ t: this.t + delay, order: this.order++, run });
  }

  /** Runs scheduled actions until `limit` events exist (or nothing is left). */
  runUntil(limit: number): void {
    while (this.out.length < limit && this.agenda.size > 0) {
      const next = this.agenda.pop() as Timed;
      this.t = next.t;
      next.run();
    }
  }

  now(): number {
    return this.t;
  }

  isolate(id: number, ms: number): void {
    this.isolatedUntil.set(id, this.t + ms);
    this.emit('sim', 'filter', { action: 'add', filter: `isolate ${id}`, tag: 'isolate' });
    this.at(ms, () =>
      this.emit('sim', 'filter', { action: 'remove', filter: `isolate ${id}`, tag: 'isolate' }),
    );
  }

  private cutOff(id: number): boolean {
    return (this.isolatedUntil.get(id) ?? -1) > this.t;
  }

  /** A packet: sent now, then dropped, delivered, or delivered twice a few ms later. */
  send(m: Omit<Msg, 'id'>, onDeliver: (m: Msg) => void): void {
    const msg: Msg = { ...m, id: this.nextPacket++ };
    const { from, to, id, type, term, index, commit, n } = msg;
    this.emit(from, 'send', {
      to,
      id,
      type,
      term,
      ...(index ? { index, logTerm: term } : {}),
      ...(commit ? { commit } : {}),
      ...(n ? { n } : {}),
    });
    const why = this.cutOff(from) || this.cutOff(to) ? `isolate ${this.cutOff(from) ? from : to}` : undefined;
    if (why !== undefined || this.rng.chance(0.03)) {
      this.emit(from, 'drop', { to, id, why: why ?? 'drop 3%' });
      return;
    }
    const copies = this.rng.chance(0.01) ? 2 : 1;
    if (copies > 1) this.emit(from, 'duplicate', { to, id, copies });
    for (let c = 0; c < copies; c++)
      this.at(1 + this.rng.int(6), () => {
        this.emit(to, 'deliver', { from, id, type });
        onDeliver(msg);
      });
  }

  opId(): number {
    return this.nextOp++;
  }

  state(s: Store): void {
    const { commit, applied, first, last, truncated } = s;
    this.emit(s.id, 'state', { commit, applied, first, last, truncated });
  }
}

/** Persist, then answer: a follower takes entries up to `index` and learns the commit index. */
function onAppend(c: Cluster, m: Msg): void {
  const f = c.store(m.to);
  if (m.n > 0 && m.index > f.last) {
    f.last = m.index;
    c.emit(f.id, 'persist', { last: f.last, n: m.n, term: m.term });
  }
  advanceCommit(c, f, Math.min(m.commit, f.last));
  c.state(f);
  const resp = { from: f.id, to: m.from, term: f.term, index: f.last, commit: 0, n: 0 };
  c.send({ ...resp, type: m.type === 'MsgHeartbeat' ? 'MsgHeartbeatResponse' : 'MsgAppendResponse' }, (r) =>
    onResponse(c, r),
  );
}

function onResponse(c: Cluster, m: Msg): void {
  if (m.to !== c.leader) return;
  c.match.set(m.from, Math.max(c.match.get(m.from) ?? 0, m.index));
  const leader = c.store(c.leader);
  const matches = [leader.last, ...c.match.values()].sort((a, b) => b - a);
  const quorum = matches[Math.floor(c.stores.length / 2)] ?? 0;
  if (quorum > leader.commit) {
    advanceCommit(c, leader, quorum);
    c.state(leader);
  }
}

/** Commit and apply up to `index`; the leader answers the clients whose entries it applied. */
function advanceCommit(c: Cluster, s: Store, index: number): void {
  if (index <= s.commit) return;
  s.commit = index;
  c.emit(s.id, 'commit', { index });
  while (s.applied < s.commit) {
    s.applied++;
    const w = c.waiting.get(s.applied);
    c.emit(s.id, 'apply', { index: s.applied, term: s.term, cmd: w ? 'put' : 'noop' });
    if (w !== undefined && s.id === c.leader) {
      c.waiting.delete(s.applied);
      c.at(1, () => c.emit(w.client, 'return', { id: w.op, ok: true }));
      c.at(5 + c.rng.int(25), () => clientOp(c, w.client));
    }
  }
  if (s.applied - s.truncated > COMPACT_AFTER) compact(c, s);
}

/** A CompactLog applied, then the log-GC task deleting the entries. */
function compact(c: Cluster, s: Store): void {
  const index = s.applied - 20;
  const deleted = index - s.first + 1;
  s.truncated = index;
  c.emit(s.id, 'compact-log', { index, truncated: index });
  c.emit(s.id, 'spawn', { task: 'raftlog-gc', delay: 1 });
  c.at(1, () => {
    c.emit(s.id, 'task', { task: 'raftlog-gc' });
    c.emit(s.id, 'log-gc', { endIndex: index + 1, deleted });
    s.first = index + 1;
    c.state(s);
  });
}

/** The leader replicates to one follower: entries after its match, or a snapshot if they are gone. */
function replicate(c: Cluster, to: number, type: 'MsgAppend' | 'MsgHeartbeat'): void {
  const l = c.store(c.leader);
  const match = c.match.get(to) ?? 0;
  if (match + 1 < l.first) {
    sendSnapshot(c, to);
    return;
  }
  const n = type === 'MsgAppend' ? l.last - match : 0;
  const index = type === 'MsgAppend' ? l.last : 0;
  c.send({ from: l.id, to, type, term: l.term, index, commit: l.commit, n }, (m) => onAppend(c, m));
}

/** The snapshot chain: unavailable, generation task, a later snapshot() ok, MsgSnapshot, install. */
function sendSnapshot(c: Cluster, to: number): void {
  const busy = c.snapshotting;
  if (busy.has(to)) return;
  busy.add(to);
  const l = c.store(c.leader);
  const index = l.applied;
  c.emit(l.id, 'snapshot-call', { result: 'unavailable' });
  c.emit(l.id, 'progress', {
    peer: to,
    state: 'Snapshot',
    match: c.match.get(to) ?? 0,
    next: index + 1,
    pending: index,
  });
  c.emit(l.id, 'snapshot-requested', { regionId: 1 });
  c.emit(l.id, 'spawn', { task: 'snapshot-gen', delay: 12 });
  c.at(12, () => {
    c.emit(l.id, 'task', { task: 'snapshot-gen' });
    c.emit(l.id, 'snapshot-generated', { index, term: l.term, keys: 40, bytes: 960 });
    c.emit(l.id, 'snapshot-call', { result: 'ok', index, term: l.term });
    c.emit(l.id, 'snapshot-sent', { to, index, term: l.term, bytes: 960 });
    c.send({ from: l.id, to, type: 'MsgSnapshot', term: l.term, index, commit: 0, n: 0 }, (m) => {
      const f = c.store(to);
      c.emit(to, 'snapshot-install', { index, term: m.term, keys: 40 });
      Object.assign(f, { first: index + 1, last: index, truncated: index, commit: index, applied: index });
      c.emit(to, 'snapshot-installed', { index, term: m.term });
      c.state(f);
      c.match.set(to, index);
      c.emit(m.from, 'progress', { peer: to, state: 'Replicate', match: index, next: index + 1 });
      busy.delete(to);
    });
  });
  c.at(400, () => busy.delete(to));
}

/** One client write: invoke, attempt at the leader, propose, replicate. */
function clientOp(c: Cluster, client: string): void {
  const op = c.opId();
  const key = `k${c.rng.int(8)}`;
  c.emit(client, 'invoke', { id: op, op: 'put', key, value: `${client}.${op}` });
  c.emit(client, 'attempt', { id: op, to: c.leader });
  c.at(1, () => {
    const l = c.store(c.leader);
    l.last++;
    c.waiting.set(l.last, { client, op });
    c.emit(l.id, 'propose', { index: l.last, term: l.term, requestId: op });
    c.emit(l.id, 'persist', { last: l.last, n: 1 });
    c.state(l);
    for (const s of c.stores) if (s.id !== l.id) replicate(c, s.id, 'MsgAppend');
  });
}

function tickLoop(c: Cluster, s: Store, n: number): void {
  c.emit(s.id, 'tick');
  if (c.rng.chance(0.2)) c.emit(s.id, 'hold', { ms: 1 + c.rng.int(3) });
  if (s.id === c.leader && n % 2 === 0)
    for (const f of c.stores) if (f.id !== s.id) replicate(c, f.id, 'MsgHeartbeat');
  c.at(TICK_MS, () => tickLoop(c, s, n + 1));
}

/** A new leader: role changes, a vote round, progress of every peer. */
function election(c: Cluster): void {
  const old = c.leader;
  const cand = 1 + ((old + c.rng.int(c.stores.length - 1)) % c.stores.length);
  const term = c.store(cand).term + 1;
  for (const s of c.stores) {
    s.term = term;
    const state = s.id === cand ? 'Candidate' : 'Follower';
    c.emit(s.id, 'role', { state, term, lead: 0 });
  }
  c.emit(cand, 'persist', { term, vote: cand });
  for (const s of c.stores)
    if (s.id !== cand)
      c.send({ from: cand, to: s.id, type: 'MsgRequestVote', term, index: 0, commit: 0, n: 0 }, (m) =>
        c.send({ ...m, from: m.to, to: m.from, type: 'MsgRequestVoteResponse' }, () => undefined),
      );
  c.at(8, () => {
    c.leader = cand;
    c.emit(cand, 'role', { state: 'Leader', term, lead: cand });
    const l = c.store(cand);
    for (const s of c.stores)
      if (s.id !== cand) {
        c.match.set(s.id, Math.min(s.last, l.last));
        c.emit(cand, 'progress', { peer: s.id, state: 'Probe', match: 0, next: l.last + 1 });
      }
  });
  c.at(ELECTION_EVERY_MS, () => election(c));
}

function isolations(c: Cluster): void {
  const followers = c.stores.filter((s) => s.id !== c.leader);
  c.isolate(c.rng.pick(followers).id, ISOLATION_MS);
  c.at(ISOLATION_EVERY_MS, () => isolations(c));
}

function start(c: Cluster): void {
  c.emit('sim', 'cluster', { stores: c.stores.length, tickMs: TICK_MS, electionTick: 10, heartbeatTick: 2 });
  c.emit('sim', 'phase', { what: 'synthetic trace' });
  for (const s of c.stores) {
    c.emit(s.id, 'start', { incarnation: 1 });
    c.emit(s.id, 'up', { incarnation: 1 });
    c.at(1 + s.id, () => tickLoop(c, s, 0));
  }
  c.at(10, () => election(c));
  c.at(300, () => {
    for (let i = 1; i <= CLIENTS; i++) clientOp(c, `c${i}`);
  });
  c.at(3_000, () => isolations(c));
}

/** A trace of exactly `events` events. */
export function syntheticTrace(opts: SyntheticOptions): TraceEvent[] {
  const c = new Cluster(new Rng(opts.seed ?? 1), opts.stores ?? 5);
  start(c);
  c.runUntil(opts.events);
  return c.out.slice(0, opts.events);
}
