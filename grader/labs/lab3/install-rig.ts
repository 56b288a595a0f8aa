// The lab-3c rig: one real store (store 1 of a three-store region) whose two peers the test plays, over
// MemEngines that outlive its incarnations. Each incarnation sees the engines through wrappers that
// count its writes (both engines, one count) and can crash it at any of them: armed with k, the store
// dies just before its (k+1)-th write — that write never lands and the incarnation never takes another
// step — so "crash after write k" can be enumerated for every k of an install, and of the recovery
// that the next Store.open runs. The test reads what is persisted straight from the MemEngines.
import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import { storepb } from '@target/proto/pb.js';
import { type Entry, MessageType, type Snapshot, encodeEntry } from '@target/raft/raftpb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { getRequest, scanRequest } from '@target/store/cmd.js';
import { type KeyRange, MemEngine, WriteBatch } from '@target/store/engine.js';
import { StoreStoppedError } from '@target/store/errors.js';
import { dataKeyRange, raftLogIndex, raftLogKey, raftLogKeyRange, userKeyOf } from '@target/store/keys.js';
import {
  type ApplyState,
  type Region,
  readApplyState,
  readRaftLocalState,
  readRegionLocalState,
} from '@target/store/meta.js';
import { Store } from '@target/store/store.js';
import { ForwardingEngine } from '../../harness/forwarding-engine.js';
import { settle } from '../../harness/manual-runtime.js';
import { type Answer, ME, OneStoreRig } from '../../harness/one-store-rig.js';
import { check } from '../../harness/rule.js';

export type { Answer } from '../../harness/one-store-rig.js';

/** The hint for an entry-cache error after an install: the cache still holds the old log. */
export const STALE_CACHE_HINT =
  "PeerStorage's entry cache still holds the old log: reset it to index + 1 after the install (this.cache.reset(index + 1) in PeerStorage.applySnapshot)";

const EMPTY = new Uint8Array(0);

/** A promise that never settles: what a call of a crashed process waits for. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** One incarnation's life: its write count, the write it dies before (if armed), and its death. */
class Life {
  writes = 0;
  dead = false;
  /** Die before the write that would make `writes` exceed this (null: not armed). */
  crashAfter: number | null = null;
  /** Resolves when the incarnation dies. */
  readonly died: Promise<void>;
  private markDied!: () => void;

  constructor(private readonly onDeath: () => void) {
    this.died = new Promise((resolve) => {
      this.markDied = resolve;
    });
  }

  /** A write is about to start: false when the incarnation is (now) dead and the write must not land. */
  mayWrite(): boolean {
    if (!this.dead && this.crashAfter !== null && this.writes >= this.crashAfter) this.die();
    return !this.dead;
  }

  die(): void {
    if (this.dead) return;
    this.dead = true;
    this.onDeath();
    this.markDied();
  }
}

/** An engine as one incarnation sees it: counted writes; nothing at all once the incarnation is dead. */
class LifeEngine extends ForwardingEngine<MemEngine> {
  constructor(
    inner: MemEngine,
    private readonly life: Life,
  ) {
    super(inner);
  }

  override async write(batch: WriteBatch): Promise<void> {
    if (!this.life.mayWrite()) return never();
    await this.inner.write(batch);
    this.life.writes++;
  }

  override async deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number> {
    if (this.life.dead) return never();
    return this.inner.deleteRange(range, () => {
      if (!this.life.mayWrite()) throw new StoreStoppedError(ME);
      beforeWrite?.();
      this.life.writes++;
    });
  }

  override get(key: Uint8Array): Promise<Buffer | undefined> {
    return this.life.dead ? never() : this.inner.get(key);
  }

  override scan(range: KeyRange, limit?: number): ReturnType<MemEngine['scan']> {
    return this.life.dead ? never() : this.inner.scan(range, limit);
  }

  override count(range: KeyRange): Promise<number> {
    return this.life.dead ? never() : this.inner.count(range);
  }
}

export interface InstallRigOptions {
  /** StoreConfig.snapshots; default true. */
  snapshots?: boolean;
  /** Default 0 (log GC off). */
  gcCountLimit?: number;
}

/** What a store has persisted, in the terms an install is judged by. */
export interface Persisted {
  /** User data as `key=value`, in key order. */
  data: string[];
  /** Indexes of every raft-log key of the region. */
  log: number[];
  raft: { lastIndex: number; lastTerm: number; commit: number } | undefined;
  apply: ApplyState | undefined;
  /** The region state's PeerState name. */
  region: string | undefined;
}

/** The snapshot data of these user pairs (sorted here) over region, with its checksum. */
export function snapshotData(pairs: readonly (readonly [string, string])[], region: Region): Uint8Array {
  const kvs = [...pairs]
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([k, v]) => ({ key: Buffer.from(k), value: Buffer.from(v) }));
  const sum = crc32(storepb.SnapshotData.encode({ kvs }).finish());
  return storepb.SnapshotData.encode({ region, kvs, crc32: sum }).finish();
}

export function makeSnapshot(index: number, term: number, data: Uint8Array, region: Region): Snapshot {
  return { data, metadata: { index, term, confState: { nodes: region.peers.map((p) => p.id) } } };
}

export class InstallRig extends OneStoreRig {
  store: Store | undefined;
  life!: Life;

  private constructor(
    readonly raftMem: MemEngine,
    readonly kvMem: MemEngine,
    readonly opts: InstallRigOptions,
  ) {
    super();
  }

  static async open(opts: InstallRigOptions = {}): Promise<InstallRig> {
    const rig = new InstallRig(await MemEngine.open(), await MemEngine.open(), opts);
    await rig.start();
    return rig;
  }

  protected running(): Store {
    return this.live;
  }

  /**
   * Opens a new incarnation over the same engines. crashAfter arms it at once: the store dies before
   * its (crashAfter + 1)-th write (e.g. inside the recovery Store.open runs); start() then returns
   * with `store` undefined when it died opening.
   */
  async start(crashAfter: number | null = null): Promise<void> {
    this.store = undefined;
    const life = new Life(() => {
      this.store?.stop();
      this.rt.stopAll();
    });
    life.crashAfter = crashAfter;
    this.life = life;
    const cfg = this.storeConfig({
      raftEngine: new LifeEngine(this.raftMem, life),
      kvEngine: new LifeEngine(this.kvMem, life),
      gcCountLimit: this.opts.gcCountLimit ?? 0,
      gcTickInterval: 1,
      snapshots: this.opts.snapshots ?? true,
      alive: () => !life.dead,
    });
    const opened = await Promise.race([Store.open(cfg), life.died.then(() => undefined)]);
    if (opened === undefined) return;
    this.store = opened;
    await settle();
    if (!life.dead) this.healthy('opening the store');
  }

  /** Arms the running incarnation: it dies before its k-th write from now on (k = 0: the next one). */
  crashAfterWrites(k: number): void {
    this.life.crashAfter = this.life.writes + k;
  }

  /** The crash, now. */
  crash(): void {
    this.life.die();
  }

  /** The running store (fails the test when the last start() died opening). */
  get live(): Store {
    check(this.store !== undefined, 'setup: the store must be running');
    return this.store;
  }

  /** Fails the test if the store reported an error (a LabTodo stub, a corrupt state…). */
  override healthy(when: string): void {
    const actual = this.rt.errors.join('\n');
    check(this.rt.errors.length === 0, `the store failed ${when}`, {
      actual,
      hint: /entry cache/.test(actual) ? STALE_CACHE_HINT : undefined,
    });
  }

  /** Peer 2 leads `term` and sends a snapshot. */
  async sendSnapshot(term: number, snapshot: Snapshot): Promise<void> {
    await this.send(2, { msgType: MessageType.MsgSnapshot, term, snapshot });
  }

  /** Leader: a read of key (Get) or of every key (Scan), acknowledged by peer 2 so that it applies. */
  async read(key?: string): Promise<Answer> {
    const req = key === undefined ? scanRequest(EMPTY) : getRequest(Buffer.from(key));
    const answer = this.propose([req]);
    await settle();
    await this.ack(2, this.status().lastIndex);
    return answer;
  }

  /** The persisted state, read straight from the engines. */
  async persisted(): Promise<Persisted> {
    const data = await this.kvMem.scan(dataKeyRange(EMPTY, EMPTY));
    const log = await this.raftMem.scan(raftLogKeyRange(REGION_ID));
    const raft = await readRaftLocalState(this.raftMem, REGION_ID);
    const region = await readRegionLocalState(this.kvMem, REGION_ID);
    return {
      data: data.map((p) => `${userKeyOf(p.key).toString()}=${p.value.toString()}`),
      log: log.map((p) => raftLogIndex(p.key)),
      raft: raft && { lastIndex: raft.lastIndex, lastTerm: raft.lastTerm, commit: raft.hardState.commit },
      apply: await readApplyState(this.kvMem, REGION_ID),
      region: region && storepb.PeerState[region.state],
    };
  }

  /** The region as the store persisted it. */
  async region(): Promise<Region> {
    const rs = await readRegionLocalState(this.kvMem, REGION_ID);
    check(rs !== undefined, 'setup: the store must have a region state');
    return rs.region;
  }

  /** Writes raft-log entries straight into the raft engine (what a lagging log GC leaves behind). */
  async plantLogEntries(entries: readonly Entry[]): Promise<void> {
    const wb = new WriteBatch();
    for (const e of entries) wb.put(raftLogKey(REGION_ID, e.index), encodeEntry(e));
    await this.raftMem.write(wb);
  }
}
