// The lab-3 store rig: one real store (store 1 of a three-store region, snapshots on, over MemEngines)
// whose two peers the test plays by hand, after lab 2's gc-rig. A ManualRuntime ticks the store only when
// the test says so and holds its background tasks ('snapshot-gen', 'raftlog-gc') until the test runs
// them; the transport captures what the store sends. The kv engine can park its writes (a slow disk),
// hold the reads of its read views until the test lets them go, hand out a view pinned earlier (taken
// before the store applied more), and fail the reads of its next views (a failing generation). The usual path to a snapshot: the store follows leader 2, which compacts the
// log; the store then leads, and peer 3 answers with a rejection whose hint is below the first index.
import { storepb } from '@target/proto/pb.js';
import {
  type Entry,
  EntryType,
  type Message,
  MessageType,
  messageFromProto,
  newMessage,
} from '@target/raft/raftpb.js';
import type { StoreConfig, StoreEvent, StoreStatus } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { compactLogCommand, kvCommand, putRequest } from '@target/store/cmd.js';
import {
  type Engine,
  type EngineReadView,
  type KeyRange,
  type KeyValue,
  MemEngine,
  type WriteBatch,
} from '@target/store/engine.js';
import { EngineError } from '@target/store/errors.js';
import { dataKeyRange, userKeyOf } from '@target/store/keys.js';
import { Store } from '@target/store/store.js';
import { type HeldTask, ManualRuntime, settle } from '../../harness/manual-runtime.js';
import { check } from '../../harness/rule.js';

/** Encoded command data of a log entry: a Put of key = value. */
export function putData(key: string, value: string): Uint8Array {
  return storepb.RaftCmdRequest.encode(
    kvCommand(0, [putRequest(Buffer.from(key), Buffer.from(value))]),
  ).finish();
}

export function compactLogData(compactIndex: number, compactTerm: number): Uint8Array {
  return storepb.RaftCmdRequest.encode(compactLogCommand(2, 0, compactIndex, compactTerm)).finish();
}

export function entry(index: number, term: number, data: Uint8Array): Entry {
  return { entryType: EntryType.EntryNormal, index, term, data };
}

/** Entries from..to of the given term, each a Put of k<i> = v<i>. */
export function puts(from: number, to: number, term: number): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term, putData(`k${i}`, `v${i}`)));
  return out;
}

export const TICK_MS = 10;
export const ELECTION_TICK = 10;
const ME = 1;

/**
 * The kv engine of the rig: a MemEngine whose writes can be parked (`holdWrites`, then `releaseWrites`),
 * whose read views can be held (`holdViews`: their reads wait for `releaseViews`), taken ahead of time
 * (`pinView`: the next view is the engine as of that call) or made to fail (`failViews` = n: every
 * read of the next n views throws an EngineError).
 */
export class SnapEngine implements Engine {
  holdWrites = false;
  holdViews = false;
  failViews = 0;
  /** Read views taken so far. */
  views = 0;
  private heldWrites: { batch: WriteBatch; done: () => void }[] = [];
  private heldReads: (() => void)[] = [];
  private pinned: EngineReadView | undefined;

  constructor(readonly inner: MemEngine) {}

  static async open(): Promise<SnapEngine> {
    return new SnapEngine(await MemEngine.open());
  }

  get(key: Uint8Array): Promise<Buffer | undefined> {
    return this.inner.get(key);
  }

  async write(batch: WriteBatch): Promise<void> {
    if (this.holdWrites) {
      await new Promise<void>((done) => this.heldWrites.push({ batch, done }));
    }
    await this.inner.write(batch);
  }

  scan(range: KeyRange, limit?: number): Promise<KeyValue[]> {
    return this.inner.scan(range, limit);
  }

  count(range: KeyRange): Promise<number> {
    return this.inner.count(range);
  }

  deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number> {
    return this.inner.deleteRange(range, beforeWrite);
  }

  /**
   * The next snapshot() hands out a view of the engine as it is now, as if the task had taken its view
   * now and its body ran later: what lands in between is in the store's memory but not in the view.
   */
  pinView(): void {
    this.pinned = this.inner.snapshot();
  }

  snapshot(): EngineReadView {
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

export class SnapRig {
  rt = new ManualRuntime();
  store!: Store;
  /** Core messages the store sent, oldest first (takeSent() empties it). */
  sent: Message[] = [];
  events: StoreEvent[] = [];
  /** The prev index of the last MsgAppend the store sent to peer 3 (-1: none yet). */
  private appendIndexTo3 = -1;
  private requestId = 0;

  private constructor(
    readonly raftEngine: MemEngine,
    readonly kvEngine: SnapEngine,
    readonly opts: SnapRigOptions,
  ) {}

  static async open(opts: SnapRigOptions = {}): Promise<SnapRig> {
    const rig = new SnapRig(await MemEngine.open(), await SnapEngine.open(), opts);
    await rig.start();
    return rig;
  }

  /** Opens a new incarnation of the store over the same engines (after crash()). */
  async start(): Promise<void> {
    this.rt = new ManualRuntime();
    const cfg: StoreConfig = {
      storeId: ME,
      storeIds: [1, 2, 3],
      runtime: this.rt,
      transport: {
        send: (env) => {
          if (env.kind !== 'raft') return;
          const m = messageFromProto(env.msg.message!);
          if (m.msgType === MessageType.MsgAppend && m.to === 3) this.appendIndexTo3 = m.index;
          this.sent.push(m);
        },
      },
      raftEngine: this.raftEngine,
      kvEngine: this.kvEngine,
      tickMs: TICK_MS,
      electionTick: ELECTION_TICK,
      heartbeatTick: 2,
      gcCountLimit: this.opts.gcCountLimit ?? 0,
      gcTickInterval: 1,
      snapshots: true,
      onEvent: (e) => this.events.push(e),
    };
    this.store = await Store.open(cfg);
    await settle();
    this.healthy('opening the store');
  }

  /** The crash: the store stops; its held tasks and timers are gone with it. */
  crash(): void {
    this.store.stop();
    this.rt.stopAll();
  }

  status(): StoreStatus {
    return this.store.status();
  }

  /** Fails the test if the store reported an error (a LabTodo stub, a raft or store error…). */
  healthy(when: string): void {
    check(this.rt.errors.length === 0, `the store failed ${when}`, {
      actual: this.rt.errors.join('\n'),
    });
  }

  takeSent(): Message[] {
    const out = this.sent;
    this.sent = [];
    return out;
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

  /** Delivers a raft message from peer `from` (2 or 3) and lets the store settle; no health check. */
  async send(from: number, fields: Partial<Message> & Pick<Message, 'msgType' | 'term'>): Promise<void> {
    const m = newMessage({ ...fields, from, to: ME });
    const msg = storepb.RaftMessage.create({
      regionId: REGION_ID,
      fromPeer: { id: from, storeId: from },
      toPeer: { id: ME, storeId: ME },
      message: m,
    });
    this.store.onMessage({ kind: 'raft', msg });
    await settle();
  }

  /** Delivers a raft message from peer `from` and checks that the store is still healthy. */
  async deliver(from: number, fields: Partial<Message> & Pick<Message, 'msgType' | 'term'>): Promise<void> {
    await this.send(from, fields);
    this.healthy(`handling ${MessageType[fields.msgType]} from store ${from}`);
  }

  /** Advances n ticks. */
  async tick(n: number): Promise<void> {
    await this.rt.advance(n * TICK_MS);
    this.healthy(`on tick ${this.rt.now() / TICK_MS}`);
  }

  /** Peer 2 leads `term` and appends entries after (prevIndex, prevTerm), committing up to `commit`. */
  async appendFromLeader(
    term: number,
    prevIndex: number,
    prevTerm: number,
    entries: Entry[],
    commit: number,
  ): Promise<void> {
    await this.deliver(2, {
      msgType: MessageType.MsgAppend,
      term,
      index: prevIndex,
      logTerm: prevTerm,
      entries,
      commit,
    });
  }

  /** Ticks until the store campaigns, then peer 2 grants its vote: the store leads the new term. */
  async becomeLeader(): Promise<number> {
    for (let i = 0; i < 3 * ELECTION_TICK; i++) {
      await this.tick(1);
      const vote = this.takeSent().find((m) => m.msgType === MessageType.MsgRequestVote);
      if (vote !== undefined) {
        await this.deliver(2, { msgType: MessageType.MsgRequestVoteResponse, term: vote.term });
        const st = this.status();
        check(st.raftState === 'Leader', 'setup: store 1 must win the election with the vote of store 2', {
          actual: st,
        });
        return st.term;
      }
    }
    this.healthy('while campaigning');
    throw new Error('setup: store 1 never campaigned');
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

  /** A client put to the store, as leader (its answer is not awaited). */
  put(key: string, value: string): void {
    void this.store.propose(kvCommand(++this.requestId, [putRequest(Buffer.from(key), Buffer.from(value))]));
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
