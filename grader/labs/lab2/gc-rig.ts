// The lab-2 unit-test rig: one real store (store 1 of a three-store region, over MemEngines) whose
// two peers the test plays by hand (grader/harness/one-store-rig.ts). A ManualRuntime ticks it only when
// the test says so and holds its spawned log-GC tasks until the test runs them (in any order, any number
// of times); the engines record every batch, count keys and can hold the kv writes (a slow disk) to
// crash the store between the apply step and its batch landing. Also the log-GC entry builders.
import { storepb } from '@target/proto/pb.js';
import { type Entry, MessageType } from '@target/raft/raftpb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { compactLogCommand } from '@target/store/cmd.js';
import { MemEngine, type WriteBatch } from '@target/store/engine.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import type { Store } from '@target/store/store.js';
import { ForwardingEngine } from '../../harness/forwarding-engine.js';
import { settle } from '../../harness/manual-runtime.js';
import { OneStoreRig } from '../../harness/one-store-rig.js';
import { check } from '../../harness/rule.js';

export {
  type Answer,
  ELECTION_TICK,
  TICK_MS,
  entry,
  putData,
  puts,
} from '../../harness/one-store-rig.js';

/**
 * An engine over MemEngine that records every completed write batch and, while `holdWrites` is set,
 * parks writes instead of doing them: `dropHeld()` loses them, as a crash loses an unfinished write.
 */
export class TestEngine extends ForwardingEngine<MemEngine> {
  readonly batches: WriteBatch[] = [];
  holdWrites = false;
  private held: { batch: WriteBatch; done: () => void; fail: (err: unknown) => void }[] = [];

  static async open(): Promise<TestEngine> {
    return new TestEngine(await MemEngine.open());
  }

  override async write(batch: WriteBatch): Promise<void> {
    if (this.holdWrites) {
      await new Promise<void>((done, fail) => this.held.push({ batch, done, fail }));
      return;
    }
    await this.inner.write(batch);
    this.batches.push(batch);
  }

  /** How many writes are parked. */
  get heldWrites(): number {
    return this.held.length;
  }

  /** The parked writes never happen (their callers wait forever, like a crashed process). */
  dropHeld(): void {
    this.held = [];
    this.holdWrites = false;
  }
}

export interface RigOptions {
  gcCountLimit: number;
  /** Default 1: a GC check on every tick. */
  gcTickInterval?: number;
}

export function compactLogData(compactIndex: number, compactTerm: number): Uint8Array {
  return storepb.RaftCmdRequest.encode(compactLogCommand(2, 0, compactIndex, compactTerm)).finish();
}

/** The CompactLog a log entry carries, if any. */
export function compactLogOf(e: Entry): { index: number; term: number } | undefined {
  if (e.data.length === 0) return undefined;
  const c = storepb.RaftCmdRequest.decode(e.data).adminRequest?.compactLog;
  return c ? { index: Number(c.compactIndex ?? 0), term: Number(c.compactTerm ?? 0) } : undefined;
}

export class GcRig extends OneStoreRig {
  store!: Store;

  private constructor(
    readonly raftEngine: TestEngine,
    readonly kvEngine: TestEngine,
    readonly opts: RigOptions,
  ) {
    super();
  }

  static async open(opts: RigOptions): Promise<GcRig> {
    const rig = new GcRig(await TestEngine.open(), await TestEngine.open(), opts);
    await rig.start();
    return rig;
  }

  protected running(): Store {
    return this.store;
  }

  /** Opens a new incarnation of the store over the same engines (after crash()). */
  async start(): Promise<void> {
    this.store = await this.openStore({
      raftEngine: this.raftEngine,
      kvEngine: this.kvEngine,
      gcCountLimit: this.opts.gcCountLimit,
      gcTickInterval: this.opts.gcTickInterval ?? 1,
    });
  }

  /** The crash: the store stops; its held tasks and timers are gone with it. */
  crash(): void {
    this.store.stop();
    this.rt.stopAll();
  }

  /** The entries the store sent to peer 2 in MsgAppend since the last takeSent, each index once. */
  sentEntries(): Entry[] {
    const byIndex = new Map<number, Entry>();
    for (const m of this.takeSent()) {
      if (m.msgType !== MessageType.MsgAppend || m.to !== 2) continue;
      for (const e of m.entries) byIndex.set(e.index, e);
    }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  }

  /** Leader: puts n values, each acknowledged by the given peers, so that each commits and applies. */
  async putAcked(n: number, ackers: readonly number[] = [2, 3]): Promise<void> {
    for (let i = 0; i < n; i++) {
      this.put(`k${i}`, `v${i}`);
      await settle();
      const last = this.status().lastIndex;
      for (const p of ackers) await this.ack(p, last);
    }
  }

  /** Raft-log keys in the raft engine with index in [lo, hi) (hi omitted: all). */
  countLog(lo = 0, hi?: number): Promise<number> {
    return this.raftEngine.count(raftLogKeyRange(REGION_ID, lo, hi));
  }

  /** Runs the held log-GC task with this position (1-based, in spawn order) and lets it finish. */
  async runTask(seq: number): Promise<void> {
    const t = this.rt.tasks.find((x) => x.seq === seq);
    check(t !== undefined, `setup: a log-GC task #${seq} must have been scheduled`, {
      actual: `${this.rt.tasks.length} task(s) scheduled`,
      hint: 'applying a CompactLog that moves the truncated state schedules one task (through runtime.spawn)',
    });
    await t.run();
    await settle();
    this.healthy(`running log-GC task #${seq}`);
  }
}
