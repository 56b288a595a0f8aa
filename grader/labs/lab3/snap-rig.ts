// The lab-3 store rig: one real store (store 1 of a three-store region, snapshots on, over MemEngines)
// whose two peers the test plays by hand (grader/harness/one-store-rig.ts). A ManualRuntime ticks the
// store only when the test says so and holds its background tasks ('snapshot-gen', 'raftlog-gc') until
// the test runs them. The kv engine can park its writes (a slow disk), hold the reads of its read views
// until the test lets them go, hand out a view pinned earlier (taken before the store applied more), and
// fail the reads of its next views (a failing generation). The usual path to a snapshot: the store
// follows leader 2, which compacts the log; the store then leads, and peer 3 answers with a rejection
// whose hint is below the first index.
import { type Message, MessageType } from '@target/raft/raftpb.js';
import type { StoreEvent } from '@target/store/api.js';
import { type EngineReadView, MemEngine, type WriteBatch } from '@target/store/engine.js';
import { EngineError } from '@target/store/errors.js';
import { dataKeyRange, userKeyOf } from '@target/store/keys.js';
import type { Store } from '@target/store/store.js';
import { ForwardingEngine } from '../../harness/forwarding-engine.js';
import { type HeldTask, settle } from '../../harness/manual-runtime.js';
import { OneStoreRig } from '../../harness/one-store-rig.js';
import { check } from '../../harness/rule.js';

export { ELECTION_TICK, TICK_MS, entry, putData, puts } from '../../harness/one-store-rig.js';
import { compactLogData } from '../lab2/gc-rig.js';
import { entry, puts } from '../../harness/one-store-rig.js';

export { compactLogData } from '../lab2/gc-rig.js';

/**
 * The kv engine of the rig: a MemEngine whose writes can be parked (`holdWrites`, then `releaseWrites`),
 * whose read views can be held (`holdViews`: their reads wait for `releaseViews`), taken ahead of time
 * (`pinView`: the next view is the engine as of that call) or made to fail (`failViews` = n: every
 * read of the next n views throws an EngineError).
 */
export class SnapEngine extends ForwardingEngine<MemEngine> {
  holdWrites = false;
  holdViews = false;
  failViews = 0;
  /** Read views taken so far. */
  views = 0;
  private heldWrites: { batch: WriteBatch; done: () => void }[] = [];
  private heldReads: (() => void)[] = [];
  private pinned: EngineReadView | undefined;

  static async open(): Promise<SnapEngine> {
    return new SnapEngine(await MemEngine.open());
  }

  override async write(batch: WriteBatch): Promise<void> {
    if (this.holdWrites) {
      await new Promise<void>((done) => this.heldWrites.push({ batch, done }));
    }
    await this.inner.write(batch);
  }

  /**
   * The next snapshot() hands out a view of the engine as it is now, as if the task had taken its view
   * now and its body ran later: what lands in between is in the store's memory but not in the view.
   */
  pinView(): void {
    this.pinned = this.inner.snapshot();
  }

  override snapshot(): EngineReadView {
    this.views++;
    const view = this.pinned ?? this.inner.snapshot();
    this.pinned = undefined;
    const fail = this.failViews > 0;
    if (fail) this.failViews--;
    const read = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
      if (this.holdViews) await new Promise<void>((go) => this.heldReads.push(go));
      if (fail) throw new EngineError(op, new Error('injected read failure'));
      return fn();
    };
    return {
      get: (key) => read('get', () => view.get(key)),
      scan: (range, limit) => read('scan', () => view.scan(range, limit)),
      count: (range) => read('count', () => view.count(range)),
      release: () => view.release(),
    };
  }

  /** How many writes are parked. */
  get parkedWrites(): number {
    return this.heldWrites.length;
  }

  /** The parked writes happen now, in order. */
  releaseWrites(): void {
    this.holdWrites = false;
    const held = this.heldWrites;
    this.heldWrites = [];
    for (const h of held) h.done();
  }

  /** The held view reads go on (and later ones no longer wait). */
  releaseViews(): void {
    this.holdViews = false;
    const held = this.heldReads;
    this.heldReads = [];
    for (const go of held) go();
  }
}

export interface SnapRigOptions {
  /** Default 0: the store itself never proposes CompactLog (the tests' leader 2 does). */
  gcCountLimit?: number;
}

export class SnapRig extends OneStoreRig {
  store!: Store;
  /** The prev index of the last MsgAppend the store sent to peer 3 (-1: none yet). */
  private appendIndexTo3 = -1;

  private constructor(
    readonly raftEngine: MemEngine,
    readonly kvEngine: SnapEngine,
    readonly opts: SnapRigOptions,
  ) {
    super();
  }

  static async open(opts: SnapRigOptions = {}): Promise<SnapRig> {
    const rig = new SnapRig(await MemEngine.open(), await SnapEngine.open(), opts);
    await rig.start();
    return rig;
  }

  protected running(): Store {
    return this.store;
  }

  protected override capture(m: Message): void {
    if (m.msgType === MessageType.MsgAppend && m.to === 3) this.appendIndexTo3 = m.index;
    super.capture(m);
  }

  /** Opens a new incarnation of the store over the same engines (after crash()). */
  async start(): Promise<void> {
    this.store = await this.openStore({
      raftEngine: this.raftEngine,
      kvEngine: this.kvEngine,
      gcCountLimit: this.opts.gcCountLimit ?? 0,
      gcTickInterval: 1,
      snapshots: true,
    });
  }

  /** The crash: the store stops; its held tasks and timers are gone with it. */
  crash(): void {
    this.store.stop();
    this.rt.stopAll();
  }

  /** The MsgSnapshot messages the store sent since the last takeSent (which this empties too). */
  sentSnapshots(): Message[] {
    return this.takeSent().filter((m) => m.msgType === MessageType.MsgSnapshot);
  }

  /** Events of one kind, oldest first. */
  eventsOf<K extends StoreEvent['kind']>(kind: K): Extract<StoreEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<StoreEvent, { kind: K }> => e.kind === kind);
  }

  /**
   * Why a generation failed, for the hint of a check that waited for a generated snapshot: undefined
   * when none of the generations after the first `expected` ones (failures the test injected) failed.
   */
  generationFailure(expected = 0): string | undefined {
    const failed = this.eventsOf('snapshot-failed').slice(expected);
    const reason = failed.at(-1)?.reason;
    if (reason === undefined) return undefined;
    const why = /checksum/.test(reason)
      ? '; a checksum mismatch means crc32 is not over SnapshotData.encode({kvs}).finish() alone (not over the region or the whole data)'
      : /does not decode/.test(reason)
        ? '; data must be storepb.SnapshotData.encode({region, kvs, crc32}).finish()'
        : /CompactedError|UnavailableError/.test(reason)
          ? "; PeerStorage.term() fails once the log has moved past the view's index: take the truncated term at the truncated index, else decodeEntry of the raft engine's raftLogKey(index)"
          : '';
    const count = failed.length > 1 ? `${failed.length} generations failed, the last: ` : '';
    return `a generation failed (${count}snapshot-failed: ${reason})${why}`;
  }

  /**
   * Leader: peer 3 rejects the leader's append with a hint of `hint` (below the first index), so the
   * leader needs a snapshot for it: PeerStorage.snapshot() is called (through Raft.sendSnapshot).
   */
  async lagFollower3(hint = 5): Promise<void> {
    check(this.appendIndexTo3 >= 0, 'setup: the leader must have sent peer 3 an append to reject', {
      actual: 'no MsgAppend to peer 3',
    });
    await this.deliver(3, {
      msgType: MessageType.MsgAppendResponse,
      term: this.status().term,
      index: this.appendIndexTo3,
      reject: true,
      rejectHint: hint,
    });
  }

  /** Leader: a heartbeat response from peer 3 (behind): the leader tries again to catch it up. */
  async heartbeatFrom3(): Promise<void> {
    await this.deliver(3, { msgType: MessageType.MsgHeartbeatResponse, term: this.status().term });
  }

  /** The held snapshot-generation tasks, in spawn order. */
  genTasks(): HeldTask[] {
    return this.rt.tasks.filter((t) => t.name === 'snapshot-gen');
  }

  /** Runs the n-th (1-based) snapshot-generation task and lets it finish. */
  async runGen(n: number): Promise<void> {
    const t = this.genTasks()[n - 1];
    check(t !== undefined, `setup: a snapshot-generation task #${n} must have been spawned`, {
      actual: `${this.genTasks().length} 'snapshot-gen' task(s)`,
      hint: "PeerStorage.snapshot() asks its SnapshotRequester (requestSnapshot(this)), which spawns 'snapshot-gen'",
    });
    await t.run();
    await settle();
    this.healthy(`running snapshot-generation task #${n}`);
  }

  /** The user data the kv engine holds now, as key → value strings (keys without the data prefix). */
  async userData(): Promise<Map<string, string>> {
    const pairs = await this.kvEngine.inner.scan(dataKeyRange(new Uint8Array(0), new Uint8Array(0)));
    return new Map(pairs.map((p) => [userKeyOf(p.key).toString(), p.value.toString()]));
  }
}

// ---- the lab-3b scene of lab3b-retry and lab3b-edges ------------------------------------------------

/**
 * The store follows leader 2 (term 8): puts 6..15, a CompactLog at 12 truncating to 9; then it leads
 * term 9 and peer 3 rejects below the first index: a generation is requested. failViews = how many of
 * the kv engine's next read views fail on every read (a failing disk).
 */
export async function leaderWithLaggard(failViews = 0): Promise<SnapRig> {
  const rig = await SnapRig.open();
  rig.kvEngine.failViews = failViews;
  const log = [...puts(6, 11, 6), entry(12, 6, compactLogData(9, 6)), ...puts(13, 15, 6)];
  await rig.appendFromLeader(8, 5, 5, log, 15);
  check(rig.status().truncatedIndex === 9, 'setup: the log truncated at 9', { actual: rig.status() });
  await rig.becomeLeader();
  rig.takeSent();
  await rig.lagFollower3(5);
  check(rig.genTasks().length === 1, 'setup: the first snapshot() requests one generation', {
    actual: `${rig.genTasks().length} snapshot-gen task(s)`,
  });
  return rig;
}

/** Indexes of the MsgSnapshot messages sent since the last takeSent. */
export function sentIndexes(rig: SnapRig): number[] {
  return rig.sentSnapshots().map((m) => m.snapshot?.metadata.index ?? -1);
}

/**
 * leaderWithLaggard's first generation runs and its snapshot at 15 is sent to peer 3 (a setup check;
 * `explain`: a failed generation's reason as its hint).
 */
export async function firstSnapshotSent(rig: SnapRig, explain = false): Promise<void> {
  await rig.runGen(1);
  await rig.heartbeatFrom3();
  const first = sentIndexes(rig);
  check(first.length === 1 && first[0] === 15, 'setup: a snapshot at 15 sent to peer 3', {
    actual: first,
    hint: explain ? rig.generationFailure() : undefined,
  });
}

/**
 * After a snapshot at 15: leader 2 takes over (term 10) and compacts the log past it (truncated at 17);
 * then the store leads again (what it sent so far taken).
 */
export async function truncatedPastSnapshot(rig: SnapRig): Promise<void> {
  const log = [...puts(16, 17, 10), entry(18, 10, compactLogData(17, 10))];
  await rig.appendFromLeader(10, 15, 6, log, 18);
  check(rig.status().truncatedIndex === 17, 'setup: truncated at 17 (past the snapshot)', {
    actual: rig.status(),
  });
  await rig.becomeLeader();
  rig.takeSent();
}
