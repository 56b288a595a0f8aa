// The lab-2 unit-test rig: one real store (store 1 of a three-store region, over MemEngines) whose
// two peers the test plays by hand. A ManualRuntime (grader/harness) ticks it only when the test says
// so and holds its spawned log-GC tasks until the test runs them (in any order, any number of times);
// the transport captures what it sends; the engines record every batch, count keys and can hold the
// kv writes (a slow disk) to crash the store between the apply step and its batch landing.
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
import { MemEngine, type WriteBatch } from '@target/store/engine.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import { Store } from '@target/store/store.js';
import { ForwardingEngine } from '../../harness/forwarding-engine.js';
import { ManualRuntime, settle } from '../../harness/manual-runtime.js';
import { check } from '../../harness/rule.js';

export const TICK_MS = 10;
export const ELECTION_TICK = 10;
const ME = 1;

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

/** A client command's answer, once it arrives. */
export interface Answer {
  resp: storepb.RaftCmdResponse | undefined;
}

/** Encoded command data of a log entry. */
export function putData(key: string, value: string, requestId = 0): Uint8Array {
  const cmd = kvCommand(requestId, [putRequest(Buffer.from(key), Buffer.from(value))]);
  return storepb.RaftCmdRequest.encode(cmd).finish();
}

export function compactLogData(compactIndex: number, compactTerm: number): Uint8Array {
  return storepb.RaftCmdRequest.encode(compactLogCommand(2, 0, compactIndex, compactTerm)).finish();
}

export function entry(index: number, term: number, data: Uint8Array): Entry {
  return { entryType: EntryType.EntryNormal, index, term, data };
}

/** Entries from..to of the given term, each a Put of k<i> = v<i>. */
export function puts(from: number, to: number, term = 6): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term, putData(`k${i}`, `v${i}`)));
  return out;
}

/** The CompactLog a log entry carries, if any. */
export function compactLogOf(e: Entry): { index: number; term: number } | undefined {
  if (e.data.length === 0) return undefined;
  const c = storepb.RaftCmdRequest.decode(e.data).adminRequest?.compactLog;
  return c ? { index: Number(c.compactIndex ?? 0), term: Number(c.compactTerm ?? 0) } : undefined;
}

export class GcRig {
  rt = new ManualRuntime();
  store!: Store;
  /** Core messages the store sent, oldest first (takeSent() empties it). */
  sent: Message[] = [];
  events: StoreEvent[] = [];
  private requestId = 0;

  private constructor(
    readonly raftEngine: TestEngine,
    readonly kvEngine: TestEngine,
    readonly opts: RigOptions,
  ) {}

  static async open(opts: RigOptions): Promise<GcRig> {
    const rig = new GcRig(await TestEngine.open(), await TestEngine.open(), opts);
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
          if (env.kind === 'raft') this.sent.push(messageFromProto(env.msg.message!));
        },
      },
      raftEngine: this.raftEngine,
      kvEngine: this.kvEngine,
      tickMs: TICK_MS,
      electionTick: ELECTION_TICK,
      heartbeatTick: 2,
      gcCountLimit: this.opts.gcCountLimit,
      gcTickInterval: this.opts.gcTickInterval ?? 1,
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

  /** Fails the test if the store reported an error (a LabTodo stub, a raft error…). */
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

  /** The entries the store sent to peer 2 in MsgAppend since the last takeSent, each index once. */
  sentEntries(): Entry[] {
    const byIndex = new Map<number, Entry>();
    for (const m of this.takeSent()) {
      if (m.msgType !== MessageType.MsgAppend || m.to !== 2) continue;
      for (const e of m.entries) byIndex.set(e.index, e);
    }
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  }

  /** Delivers a raft message from peer `from` (2 or 3) to the store, and lets it settle. */
  async deliver(from: number, fields: Partial<Message> & Pick<Message, 'msgType' | 'term'>): Promise<void> {
    const m = newMessage({ ...fields, from, to: ME });
    const msg = storepb.RaftMessage.create({
      regionId: REGION_ID,
      fromPeer: { id: from, storeId: from },
      toPeer: { id: ME, storeId: ME },
      message: m,
    });
    this.store.onMessage({ kind: 'raft', msg });
    await settle();
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

  /** Peer `from` acknowledges the leader's log up to index. */
  async ack(from: number, index: number): Promise<void> {
    await this.deliver(from, { msgType: MessageType.MsgAppendResponse, term: this.status().term, index });
  }

  /** A client put to the store; the answer fills in once it arrives. */
  put(key: string, value: string): Answer {
    const answer: Answer = { resp: undefined };
    const cmd = kvCommand(++this.requestId, [putRequest(Buffer.from(key), Buffer.from(value))]);
    void this.store.propose(cmd).then((resp) => {
      answer.resp = resp;
    });
    return answer;
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
