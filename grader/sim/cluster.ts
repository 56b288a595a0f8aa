// The simulated cluster: N stores (ids 1..N) over one SimNetwork, each with its two engines kept for
// the whole run. A crash stops the running Store, kills its runtime, fences its engine access and
// loses the messages in flight to it; a restart opens a new Store over the same engines (or, after
// wipe(), over new empty ones: a store that lost its disk). Clients
// reach stores through call(), which carries requests and responses as protobuf bytes with latency.
// With RaftTuning.snapshotTransport on, each store also has a snapshot directory (a VirtualFs, kept
// across crashes like its engines: a crash drops what was not synced; wipe() gives it an empty one).
// What watches the stores — the trace of their events, the persisted-state model, the invariant
// monitor, and any extra observer — is chosen in ClusterOptions (see observers.ts), and so is batched
// delivery (batching.ts: a store's loop held for a few ms, so that several inputs share one Ready).
import { storepb } from '@target/proto/pb.js';
import type { Envelope, StoreConfig, StoreEvent, Transport } from '@target/store/api.js';
import { type Engine, type KeyRange, MemEngine, type WriteBatch } from '@target/store/engine.js';
import type { TransferLimits } from '@target/store/snap-transfer.js';
import type { Rng } from '../harness/rng.js';
import { Batcher, type BatchingOptions } from './batching.js';
import { InvariantViolation, SimUsageError, StoreFault } from './errors.js';
import { InvariantMonitor } from './invariants.js';
import { SimNetwork } from './network.js';
import {
  type BuiltInObservers,
  type ClusterObserver,
  StoreTraceObserver,
  invariantObserver,
  modelObserver,
} from './observers.js';
import { PersistedModel, instrumentEngine } from './persisted.js';
import { SimRuntime } from './runtime.js';
import type { IoGate, Sim } from './sim.js';
import type { SimStore, StoreDriver, StoreStatusView } from './types.js';
import { VirtualFs } from './vfs.js';

export interface RaftTuning {
  tickMs: number;
  electionTick: number;
  heartbeatTick: number;
  gcCountLimit: number;
  gcTickInterval: number;
  /** StoreConfig.snapshots. */
  snapshots: boolean;
  /**
   * The snapshot transport (lab 4; needs snapshots): on (true, or the transfer limits to change), each
   * store gets a VirtualFs as StoreConfig.snapshotFs; off (false or absent) by default.
   */
  snapshotTransport?: boolean | Partial<TransferLimits>;
}

/** Virtual ms each snapshot-file operation takes (one at a time per store, in the order issued). */
const FS_OP_MS = 1;

/**
 * TinyKV's test timing: 50 ms ticks, heartbeats every 100 ms, elections after 0.5–1 s; log GC and
 * snapshots off.
 */
export const DEFAULT_TUNING: RaftTuning = {
  tickMs: 50,
  electionTick: 10,
  heartbeatTick: 2,
  gcCountLimit: 0,
  gcTickInterval: 10,
  snapshots: false,
};

export interface ClusterOptions {
  driver: StoreDriver;
  /** Number of stores (ids 1..stores). */
  stores: number;
  tuning?: Partial<RaftTuning>;
  /** Store-to-store latency, uniform in [min, max] ms. Default [1, 5]. */
  latencyMs?: readonly [number, number];
  /** Client-to-store latency (each way), uniform in [min, max] ms. Default [1, 3]. */
  clientLatencyMs?: readonly [number, number];
  /** Delay of runtime.spawn tasks, uniform in [min, max] ms. Default [1, 20]. */
  spawnDelayMs?: readonly [number, number];
  /** Virtual ms allowed for all stores to open at the start. Default 5000. */
  openBudgetMs?: number;
  /**
   * The built-in observers to run, each on by default: the store trace, the persisted-state models and
   * the invariant monitor (which needs the models). A bench turns them off: they cost time per event.
   */
  observe?: BuiltInObservers;
  /** More observers of the stores, called after the built-in ones. */
  observers?: readonly ClusterObserver[];
  /** Batched delivery (several inputs in one Ready, batching.ts); absent: every input is handled alone. */
  batching?: BatchingOptions;
}

/** The outcome of one client request to one store. Only `response` and `down` are definite. */
export type CallResult =
  | { kind: 'response'; resp: storepb.RaftCmdResponse }
  | { kind: 'timeout' }
  | { kind: 'crashed' }
  | { kind: 'down' };

/** A client request a store received and has not answered. */
export interface UnansweredRequest {
  store: number;
  incarnation: number;
  /** Virtual time the store received it. */
  at: number;
  req: storepb.RaftCmdRequest;
}

interface PendingCall {
  done: boolean;
  finish(r: CallResult): void;
}

export type SlotState = 'down' | 'opening' | 'up';

/** A store's two engines; replaced whole by Cluster.wipe. */
interface Engines {
  readonly raft: Engine;
  readonly kv: Engine;
  /** The snapshot directory (lab 4), when the snapshot transport is on. */
  readonly fs: VirtualFs | undefined;
}

interface Slot {
  readonly id: number;
  engines: Engines;
  /** Times its engines were replaced by empty ones. */
  wipes: number;
  incarnation: number;
  state: SlotState;
  store: SimStore | undefined;
  runtime: SimRuntime | undefined;
  gate: IoGate | undefined;
  readonly calls: Set<PendingCall>;
  crashes: number;
  /** Armed by crashSoon(): crash after this many more engine writes. */
  crashSoon: { writes: number; done: () => void; promise: Promise<void> } | undefined;
}

export class Cluster {
  readonly storeIds: readonly number[];
  readonly net: SimNetwork;
  /** The invariant monitor (undefined when turned off in ClusterOptions.observe). */
  readonly invariants: InvariantMonitor | undefined;
  readonly tuning: RaftTuning;
  private readonly slots = new Map<number, Slot>();
  /** Client requests handed to a store and not answered yet (see unanswered()). */
  private readonly outstanding = new Map<number, UnansweredRequest>();
  private requestSeq = 0;
  private readonly clientLatency: readonly [number, number];
  private readonly spawnDelay: readonly [number, number];
  private readonly latencyRng: Rng;
  /** Each store's PersistedModel (undefined when turned off). */
  private readonly models: Map<number, PersistedModel> | undefined;
  /** The observers' methods, per kind (the hot paths call these lists). */
  private readonly onRaftWritten: ((id: number, b: WriteBatch) => void)[] = [];
  private readonly onKvWritten: ((id: number, b: WriteBatch) => void)[] = [];
  private readonly onKvRangeDeleted: ((id: number, r: KeyRange) => void)[] = [];
  private readonly onSending: ((id: number, msg: storepb.RaftMessage) => void)[] = [];
  private readonly onStoreEvent: ((id: number, ev: StoreEvent) => void)[] = [];
  private readonly onStatus: ((id: number, inc: number, st: StoreStatusView) => void)[] = [];
  /** Batched delivery (undefined: off). */
  private readonly batcher: Batcher | undefined;

  private constructor(
    readonly sim: Sim,
    private readonly opts: ClusterOptions,
  ) {
    if (!(Number.isInteger(opts.stores) && opts.stores >= 1)) {
      throw new SimUsageError(`Cluster: stores must be a positive integer, got ${opts.stores}`);
    }
    this.storeIds = Array.from({ length: opts.stores }, (_, i) => i + 1);
    this.tuning = { ...DEFAULT_TUNING, ...opts.tuning };
    this.clientLatency = opts.clientLatencyMs ?? [1, 3];
    this.spawnDelay = opts.spawnDelayMs ?? [1, 20];
    const rng = sim.rng.fork('cluster');
    this.latencyRng = rng.fork('client-latency');
    this.batcher =
      opts.batching === undefined ? undefined : new Batcher(sim, rng.fork('batch'), opts.batching);
    const observe = { trace: true, model: true, invariants: true, ...opts.observe };
    if (observe.invariants && !observe.model) {
      throw new SimUsageError('Cluster: the invariant monitor needs the persisted-state models');
    }
    this.invariants = observe.invariants ? new InvariantMonitor(sim, this.storeIds) : undefined;
    this.models = observe.model ? this.newModels(this.invariants) : undefined;
    const observers: ClusterObserver[] = [];
    if (observe.trace) observers.push(new StoreTraceObserver(sim));
    if (this.models !== undefined) observers.push(modelObserver(this.models));
    if (this.invariants !== undefined) observers.push(invariantObserver(this.invariants, this.models!));
    for (const o of [...observers, ...(opts.observers ?? [])]) this.observe(o);
    this.net = new SimNetwork(
      sim,
      rng.fork('net'),
      {
        isMember: (id) => this.slots.has(id),
        receiver: (id) => {
          const s = this.slots.get(id);
          return s?.state === 'up' ? s.incarnation : undefined;
        },
        deliver: (id, env) => this.deliver(id, env),
        fault: (id, err, where) => this.fault(id, err, where),
      },
      { latencyMs: opts.latencyMs ?? [1, 5] },
    );
    if (this.onStatus.length > 0) sim.afterEvent = (owner) => this.poll(owner);
  }

  private newModels(monitor: InvariantMonitor | undefined): Map<number, PersistedModel> {
    return new Map(this.storeIds.map((id) => [id, this.newModel(id, monitor)]));
  }

  /** The model of store id's engines, reporting to the monitor (if any). */
  private newModel(id: number, monitor: InvariantMonitor | undefined): PersistedModel {
    return new PersistedModel(
      monitor === undefined ? () => {} : (prev, next) => monitor.raftState(id, prev, next),
      monitor === undefined ? () => {} : (b) => monitor.applied(id, b),
    );
  }

  /** Adds an observer's methods to the per-kind lists. */
  private observe(o: ClusterObserver): void {
    if (o.raftWritten) this.onRaftWritten.push(o.raftWritten.bind(o));
    if (o.kvWritten) this.onKvWritten.push(o.kvWritten.bind(o));
    if (o.kvRangeDeleted) this.onKvRangeDeleted.push(o.kvRangeDeleted.bind(o));
    if (o.sending) this.onSending.push(o.sending.bind(o));
    if (o.storeEvent) this.onStoreEvent.push(o.storeEvent.bind(o));
    if (o.status) this.onStatus.push(o.status.bind(o));
  }

  /** Creates the engines and opens every store (driving the simulation until they are all up). */
  static async start(sim: Sim, opts: ClusterOptions): Promise<Cluster> {
    const c = new Cluster(sim, opts);
    for (const id of c.storeIds) {
      const slot: Slot = {
        id,
        engines: await c.newEngines(id),
        wipes: 0,
        incarnation: 0,
        state: 'down',
        store: undefined,
        runtime: undefined,
        gate: undefined,
        calls: new Set(),
        crashes: 0,
        crashSoon: undefined,
      };
      c.slots.set(id, slot);
    }
    const batching = opts.batching === undefined ? {} : { batching: opts.batching };
    sim.record('sim', 'cluster', {
      stores: c.storeIds.length,
      driver: opts.driver.name,
      ...c.tuning,
      ...batching,
    });
    // Stores boot at seeded offsets within one tick, so their tick phases differ as on real machines.
    const boot = sim.rng.fork('cluster').fork('boot');
    await sim.runUntil(
      Promise.all(c.storeIds.map((id) => c.restart(id, boot.int(c.tuning.tickMs)))),
      opts.openBudgetMs ?? 5000,
      'opening the stores',
    );
    return c;
  }

  isUp(id: number): boolean {
    return this.slot(id).state === 'up';
  }

  /** Ids of the stores that are up. */
  get upIds(): number[] {
    return this.storeIds.filter((id) => this.isUp(id));
  }

  /** Ids of the stores that are down (crashed and not yet restarted, or still opening). */
  get downIds(): number[] {
    return this.storeIds.filter((id) => !this.isUp(id));
  }

  /** 'up', 'opening' (restarted, Store.open not done yet) or 'down'. */
  stateOf(id: number): SlotState {
    return this.slot(id).state;
  }

  incarnation(id: number): number {
    return this.slot(id).incarnation;
  }

  /** What the store's engines hold, as observed from its writes. */
  persisted(id: number): PersistedModel {
    const model = this.models?.get(this.slot(id).id);
    if (model === undefined) {
      throw new SimUsageError(`persisted(${id}): this cluster keeps no persisted-state models`);
    }
    return model;
  }

  /** The running Store object of a store (undefined when it is down). */
  store(id: number): SimStore | undefined {
    const s = this.slot(id);
    return s.state === 'up' ? s.store : undefined;
  }

  /** The status of a running store (undefined when it is down). */
  status(id: number): StoreStatusView | undefined {
    const s = this.slot(id);
    return s.state === 'up' ? s.store!.status() : undefined;
  }

  /** The running store that believes it leads the highest term, if any. */
  leader(): number | undefined {
    let best: StoreStatusView | undefined;
    for (const id of this.upIds) {
      const st = this.status(id)!;
      if (st.raftState === 'Leader' && (best === undefined || st.term > best.term)) best = st;
    }
    return best?.storeId;
  }

  /** Crashes a running (or opening) store: nothing of the old incarnation runs again. */
  crash(id: number, when?: string): void {
    const s = this.slot(id);
    if (s.state === 'down') throw new SimUsageError(`crash(${id}): store ${id} is already down`);
    this.sim.record(id, 'crash', { incarnation: s.incarnation, when });
    if (s.crashSoon !== undefined) {
      const done = s.crashSoon.done;
      s.crashSoon = undefined;
      done();
    }
    s.runtime?.kill();
    s.gate?.fence();
    this.batcher?.forget(id);
    s.engines.fs?.crash();
    const store = s.store;
    s.store = undefined;
    s.state = 'down';
    s.crashes++;
    if (store !== undefined) {
      try {
        const r = store.stop();
        if (r instanceof Promise) r.then(undefined, (err: unknown) => this.fault(id, err, 'Store.stop'));
      } catch (err) {
        this.fault(id, err, 'Store.stop');
      }
    }
    for (const c of [...s.calls]) c.finish({ kind: 'crashed' });
    s.calls.clear();
    for (const [k, r] of this.outstanding) if (r.store === id) this.outstanding.delete(k);
  }

  /**
   * Crashes a store in the middle of its work: right after its `writes`-th next engine write completes
   * (before the store's code continues), or after maxDelayMs if it writes less. This is how a crash
   * can fall between two writes of one Ready (persisted but not sent, applied but not answered…).
   * Resolves once the store is down.
   */
  crashSoon(id: number, writes: number, maxDelayMs: number): Promise<void> {
    const s = this.slot(id);
    if (s.state !== 'up') throw new SimUsageError(`crashSoon(${id}): store ${id} is ${s.state}`);
    if (s.crashSoon !== undefined) return s.crashSoon.promise;
    let done: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      done = resolve;
    });
    const armed = { writes, done, promise };
    s.crashSoon = armed;
    this.sim.record(id, 'crash-armed', { writes });
    this.sim.schedule(maxDelayMs, id, () => {
      if (s.crashSoon === armed && s.state !== 'down') this.crash(id, 'at the deadline');
    });
    return promise;
  }

  /** Cancels a crash armed by crashSoon() (its promise resolves; the store stays up). */
  disarm(id: number): void {
    const s = this.slot(id);
    const armed = s.crashSoon;
    if (armed === undefined) return;
    s.crashSoon = undefined;
    this.sim.record(id, 'crash-disarmed', {});
    armed.done();
  }

  /**
   * Starts a new incarnation of a down store over its engines, after `delayMs` (default 0). Resolves
   * once the store is open (or the attempt was cut short by another crash). Call it from events, or
   * drive it with sim.runUntil.
   */
  restart(id: number, delayMs = 0): Promise<void> {
    const s = this.slot(id);
    if (s.state !== 'down') throw new SimUsageError(`restart(${id}): store ${id} is ${s.state}`);
    s.incarnation++;
    s.state = 'opening';
    const inc = s.incarnation;
    this.sim.record(id, s.incarnation === 1 ? 'start' : 'restart', { incarnation: inc });
    const gate = this.sim.ioGate();
    s.gate = gate;
    const engines = s.engines;
    const runtime = new SimRuntime(this.sim, {
      storeId: id,
      incarnation: inc,
      tickMs: this.tuning.tickMs,
      spawnDelayMs: this.spawnDelay,
      rng: this.sim.rng.fork('cluster').fork(`store${id}`).fork(`run${inc}`),
      onFault: (err, where) => this.fault(id, err, where),
    });
    s.runtime = runtime;
    const cfg: StoreConfig = {
      storeId: id,
      storeIds: [...this.storeIds],
      runtime,
      transport: this.transport(s, inc),
      raftEngine: instrumentEngine(engines.raft, gate, (b) => {
        if (s.engines !== engines) return;
        for (const f of this.onRaftWritten) f(id, b);
        this.written(s, inc, 'raft');
      }),
      kvEngine: instrumentEngine(
        engines.kv,
        gate,
        (b) => {
          if (s.engines !== engines) return;
          for (const f of this.onKvWritten) f(id, b);
          this.written(s, inc, 'kv');
        },
        (r) => {
          if (s.engines !== engines) return;
          for (const f of this.onKvRangeDeleted) f(id, r);
        },
      ),
      ...this.storeTuning(engines),
      onEvent: this.onStoreEvent.length > 0 ? (ev) => this.storeEvent(id, inc, ev) : undefined,
    };
    return new Promise<void>((resolve) => {
      this.sim.schedule(delayMs, id, () => {
        if (s.incarnation !== inc || s.state !== 'opening') return resolve();
        let opening: Promise<SimStore>;
        try {
          opening = this.opts.driver.open(cfg);
        } catch (err) {
          this.fault(id, err, 'Store.open');
          return resolve();
        }
        opening.then(
          (store) => {
            if (s.incarnation !== inc || s.state !== 'opening') {
              // Crashed while opening: this incarnation is dead already.
              void Promise.resolve()
                .then(() => store.stop())
                .catch(() => {});
              return resolve();
            }
            s.store = store;
            s.state = 'up';
            this.sim.record(id, 'up', { incarnation: inc });
            resolve();
          },
          (err: unknown) => {
            if (s.incarnation === inc) this.fault(id, err, 'Store.open');
            resolve();
          },
        );
      });
    });
  }

  /**
   * Replaces a down store's engines by new empty ones: its next restart bootstraps a fresh peer of the
   * region (a store that lost its disk, rebuilt by a snapshot from the leader). Its persisted-state model
   * starts over and the invariant monitor forgets what it applied.
   *
   * This loses the store's votes and its acknowledged entries, which Raft assumes are durable. The
   * caller must make that harmless before restarting it: every other store up and following one leader
   * in a term at or above every term the wiped store persisted (no election can reuse a term it voted
   * in), and that leader's commit index at or above the highest last index the store ever persisted,
   * applied by every other store (every entry it acknowledged is committed, held by all the others).
   */
  async wipe(id: number): Promise<void> {
    const s = this.slot(id);
    if (s.state !== 'down') throw new SimUsageError(`wipe(${id}): store ${id} is ${s.state}, not down`);
    s.engines = await this.newEngines(id);
    s.wipes++;
    this.sim.record(id, 'wipe', { wipes: s.wipes });
    if (this.models !== undefined) this.models.set(id, this.newModel(id, this.invariants));
    this.invariants?.forget(id);
  }

  /**
   * Sends a client request to a store and waits (in virtual time) for its answer, at most timeoutMs.
   * Request and response travel as protobuf bytes with client latency each way.
   */
  call(id: number, req: storepb.RaftCmdRequest, timeoutMs: number): Promise<CallResult> {
    const s = this.slot(id);
    const bytes = storepb.RaftCmdRequest.encode(req).finish();
    return new Promise<CallResult>((resolve) => {
      const pending: PendingCall = {
        done: false,
        finish: (r) => {
          if (pending.done) return;
          pending.done = true;
          this.sim.cancel(timer);
          s.calls.delete(pending);
          resolve(r);
        },
      };
      const timer = this.sim.schedule(timeoutMs, 0, () => pending.finish({ kind: 'timeout' }));
      this.sim.schedule(this.clientDelay(), id, () => {
        if (pending.done) return;
        if (s.state !== 'up') return pending.finish({ kind: 'down' });
        const inc = s.incarnation;
        s.calls.add(pending);
        const ticket = ++this.requestSeq;
        this.outstanding.set(ticket, { store: id, incarnation: inc, at: this.sim.now, req });
        let p: Promise<storepb.RaftCmdResponse>;
        try {
          this.batcher?.before(id, s.store!);
          p = s.store!.propose(storepb.RaftCmdRequest.decode(bytes));
        } catch (err) {
          this.fault(id, err, 'Store.propose');
          return;
        }
        p.then(
          (resp) => {
            this.outstanding.delete(ticket);
            if (pending.done || s.incarnation !== inc) return;
            s.calls.delete(pending);
            let rb: Uint8Array;
            try {
              rb = storepb.RaftCmdResponse.encode(resp).finish();
            } catch (err) {
              this.fault(id, err, 'Store.propose (encoding the response)');
              return;
            }
            this.sim.schedule(this.clientDelay(), 0, () =>
              pending.finish({ kind: 'response', resp: storepb.RaftCmdResponse.decode(rb) }),
            );
          },
          (err: unknown) => {
            if (s.incarnation === inc) this.fault(id, err, 'Store.propose (the promise rejected)');
          },
        );
      });
    });
  }

  /**
   * Requests that reached a store which stayed up but never answered them, received more than
   * olderThanMs ago. A store must answer every proposal (applied, not leader, stale, timeout).
   */
  unanswered(olderThanMs: number): UnansweredRequest[] {
    const out: UnansweredRequest[] = [];
    for (const r of this.outstanding.values()) {
      const s = this.slot(r.store);
      if (s.incarnation === r.incarnation && s.state === 'up' && this.sim.now - r.at > olderThanMs)
        out.push(r);
    }
    return out;
  }

  /** Fails the run with an error the store threw. */
  fault(id: number, err: unknown, where: string): void {
    if (err instanceof InvariantViolation) this.sim.fail(err);
    else this.sim.fail(new StoreFault(id, where, this.sim.now, err));
  }

  /** Crashes every store that is up and stops every client call; the cluster is unusable afterwards. */
  shutdown(): void {
    for (const id of this.storeIds) {
      const s = this.slot(id);
      if (s.state !== 'down') this.crash(id);
    }
  }

  /** Batches the batched delivery opened (0 when it is off). */
  get batches(): number {
    return this.batcher?.count ?? 0;
  }

  crashCount(id: number): number {
    return this.slot(id).crashes;
  }

  /** The snapshot directory of a store (lab 4), or undefined when the snapshot transport is off. */
  snapshotFs(id: number): VirtualFs | undefined {
    return this.slot(id).engines.fs;
  }

  /** New empty engines for store id (and its snapshot directory, with the snapshot transport on). */
  private async newEngines(id: number): Promise<Engines> {
    const fs = this.tuning.snapshotTransport
      ? new VirtualFs({ defer: (fn) => this.sim.schedule(FS_OP_MS, id, fn) })
      : undefined;
    return { raft: await MemEngine.open(), kv: await MemEngine.open(), fs };
  }

  /** The tuning as store configuration: the snapshot transport becomes snapshotFs and its limits. */
  private storeTuning(engines: Engines): Omit<RaftTuning, 'snapshotTransport'> & Partial<StoreConfig> {
    const { snapshotTransport, ...tuning } = this.tuning;
    if (engines.fs === undefined) return tuning;
    const limits = typeof snapshotTransport === 'object' ? snapshotTransport : undefined;
    return { ...tuning, snapshotFs: engines.fs, snapshotTransfer: limits };
  }

  private slot(id: number): Slot {
    const s = this.slots.get(id);
    if (s === undefined)
      throw new SimUsageError(`no store ${id} in this cluster (ids 1..${this.storeIds.length})`);
    return s;
  }

  private transport(s: Slot, inc: number): Transport {
    return {
      send: (env) => {
        if (s.incarnation !== inc || s.state === 'down') {
          this.sim.record(s.id, 'zombie-send', { incarnation: inc });
          return;
        }
        if (env.kind === 'raft') for (const f of this.onSending) f(s.id, env.msg);
        this.net.send(s.id, env);
      },
    };
  }

  /** After every completed engine write: the crash armed by crashSoon() may fall here. */
  private written(s: Slot, inc: number, engine: string): void {
    const armed = s.crashSoon;
    if (armed === undefined || s.incarnation !== inc || s.state !== 'up') return;
    if (--armed.writes > 0) return;
    this.crash(s.id, `right after a ${engine}-engine write`);
  }

  private deliver(id: number, env: Envelope): void {
    const s = this.slot(id);
    try {
      this.batcher?.before(id, s.store!);
      s.store!.onMessage(env);
    } catch (err) {
      this.fault(id, err, 'Store.onMessage');
    }
  }

  /** Hands what the running incarnation reports to the observers. */
  private storeEvent(id: number, inc: number, ev: StoreEvent): void {
    const s = this.slot(id);
    if (s.incarnation !== inc || s.state === 'down') return;
    try {
      for (const f of this.onStoreEvent) f(id, ev);
    } catch (err) {
      this.fault(id, err, `onEvent(${ev.kind})`);
    }
  }

  private clientDelay(): number {
    const [lo, hi] = this.clientLatency;
    return lo + this.latencyRng.int(hi - lo + 1);
  }

  /** After each event: poll the store it concerned and hand its status to the observers. */
  private poll(owner: number): void {
    const s = this.slots.get(owner);
    if (s === undefined || s.state !== 'up') return;
    let st: StoreStatusView;
    try {
      st = s.store!.status();
    } catch (err) {
      this.fault(owner, err, 'Store.status');
      return;
    }
    for (const f of this.onStatus) f(owner, s.incarnation, st);
  }
}
