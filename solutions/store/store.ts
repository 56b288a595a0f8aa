// Store: one node of the replicated KV store, hosting this store's peer of the region. Everything that
// touches the peer — raft messages from the transport, ticks from the runtime, client proposals — goes
// through one mailbox drained by one async loop, so the RawNode is never stepped while a Ready is being
// handled:
//
//   loop: take the mailbox items one by one (tick / step / propose, all synchronous), then
//         while hasReady: ready → persist → send → apply → advance (Peer.handleReady, awaits engines),
//         then answer proposals orphaned by a lost leadership; repeat until the mailbox is empty.
//
// The loop starts synchronously from the call that fills an empty mailbox, so a message is stepped at
// the moment it is delivered, unless the loop is held (hold(): what arrives meanwhile is taken together
// at the release, as a busy store drains several items before its next Ready); every await inside is an
// engine call completing on process.nextTick, so all the work an event causes has settled before the
// next macrotask (see engine.ts).
// Opening a store bootstraps empty engines or restarts from what they hold (nothing else is kept
// between incarnations); stop() is a crash: the engines stay as they are. Later labs are switched on by
// the configuration: log GC by gcCountLimit > 0 (lab 2), snapshots by `snapshots` (lab 3), the snapshot
// transport by `snapshotFs` (lab 4: snapshot files, and their chunked streams — chunks to the receiver,
// acks to the sender — beside the raft messages).
import { storepb } from '../proto/pb.js';
import { isLocalMsg, type Message, MessageType, messageFromProto } from '../raft/raftpb.js';
import { StateType } from '../raft/raft.js';
import type { Timer } from '../runtime/runtime.js';
import type { Envelope, StoreConfig, StoreEvent, StoreStatus, TransferLimits } from './api.js';
import { REGION_ID, bootstrapStore, isBootstrapped } from './bootstrap.js';
import {
  errorResponse,
  invalidRequestError,
  notLeaderError,
  regionNotFoundError,
  storeStoppedError,
} from './cmd.js';
import { StoreConfigError, StoreStoppedError } from './errors.js';
import { Fence, FencedEngine } from './fence.js';
import { FencedSnapFs } from './fenced-snap-fs.js';
import { LogGcWorker } from './log-gc-worker.js';
import { destination } from './message.js';
import { Peer } from './peer.js';
import { PeerStorage } from './peer-storage.js';
import type { ProposalCommand } from './proposals.js';
import { SnapManager } from './snap-manager.js';
import { type ReceiverPeerView, SnapReceiver } from './snap-receiver.js';
import { SnapSender } from './snap-sender.js';
import { transferLimits } from './snap-transfer.js';
import { SnapshotWorker } from './snapshot-worker.js';

/** A client command waiting in the mailbox; its deadline is set when it is proposed. */
type QueuedCommand = Omit<ProposalCommand, 'deadline'>;

/** 'snapshot-status': how sending a MsgSnapshot to peer `to` ended (lab 3), for RawNode.reportSnapshot. */
type MailItem =
  | { kind: 'tick' }
  | { kind: 'raft'; msg: Message }
  | { kind: 'propose'; pc: QueuedCommand }
  | { kind: 'snapshot-status'; to: number; ok: boolean };

/** Why a snapshot stream's frame is refused while lab 4 is off (StoreConfig.snapshotFs unset). */
const CHUNK_REFUSAL = 'snapshot chunk: the snapshot transport (lab 4) is off in this store';
const ACK_REFUSAL = 'snapshot ack: the snapshot transport (lab 4) is off in this store';

/** Lab 4's parts of a store: its snapshot files and the two ends of the snapshot transport. */
interface SnapTransport {
  files: SnapManager;
  sender: SnapSender;
  receiver: SnapReceiver;
}

const KV_TYPES = new Set<storepb.CmdType>([
  storepb.CmdType.Get,
  storepb.CmdType.Put,
  storepb.CmdType.Delete,
  storepb.CmdType.Scan,
]);

function validateConfig(cfg: StoreConfig): void {
  const bad = (why: string): never => {
    throw new StoreConfigError(`store ${cfg.storeId}: ${why}`);
  };
  if (!Number.isSafeInteger(cfg.storeId) || cfg.storeId <= 0) bad('storeId must be a positive integer');
  if (!cfg.storeIds.includes(cfg.storeId)) bad('storeIds must include storeId');
  if (!(cfg.tickMs > 0)) bad('tickMs must be > 0');
  if (!(cfg.gcCountLimit >= 0)) bad('gcCountLimit must be >= 0');
  if (cfg.gcCountLimit > 0 && !(cfg.gcTickInterval >= 1)) bad('gcTickInterval must be >= 1');
  if (cfg.proposalTimeoutMs !== undefined && !(cfg.proposalTimeoutMs > 0))
    bad('proposalTimeoutMs must be > 0');
  if (cfg.snapshotFs !== undefined && cfg.snapshots !== true)
    bad('snapshotFs (the snapshot transport, lab 4) needs snapshots: true');
  if (cfg.snapshotFs === undefined && cfg.snapshotTransfer !== undefined)
    bad('snapshotTransfer is set but snapshotFs is not (the snapshot transport is off)');
}

export class Store {
  readonly storeId: number;
  private mailbox: MailItem[] = [];
  private running = false;
  /** Holds not yet released (hold()): while above 0 the loop does not start. */
  private holds = 0;
  /** Ticks so far; proposal deadlines and the GC tick count in it. */
  private ticks = 0;
  private readonly timeoutTicks: number;
  private readonly ticker: Timer;

  private constructor(
    private readonly cfg: StoreConfig,
    private readonly fence: Fence,
    private readonly peer: Peer,
    private readonly emit: (e: StoreEvent) => void,
    /** Lab 4 (null: off). */
    private readonly snap: SnapTransport | null,
  ) {
    this.storeId = cfg.storeId;
    const timeoutMs = cfg.proposalTimeoutMs ?? 5 * cfg.electionTick * cfg.tickMs;
    this.timeoutTicks = Math.max(1, Math.ceil(timeoutMs / cfg.tickMs));
    this.ticker = cfg.runtime.setInterval(cfg.tickMs, () => this.enqueue({ kind: 'tick' }));
  }

  /**
   * Opens a store over its two engines: bootstraps them when empty, otherwise rebuilds the peer from
   * what they hold. Starts ticking, and handles at once any committed entries not yet applied.
   */
  static async open(cfg: StoreConfig): Promise<Store> {
    validateConfig(cfg);
    const limits = cfg.snapshotFs === undefined ? null : transferLimits(cfg.snapshotTransfer);
    if (!(await isBootstrapped(cfg.kvEngine)))
      await bootstrapStore(cfg.raftEngine, cfg.kvEngine, cfg.storeIds);
    const fence = new Fence(cfg.storeId);
    const raftEngine = new FencedEngine(cfg.raftEngine, fence);
    const kvEngine = new FencedEngine(cfg.kvEngine, fence);
    const onEvent = cfg.onEvent;
    // A stopped store reports nothing more.
    const emit = (e: StoreEvent): void => {
      if (!fence.stopped) onEvent?.(e);
    };
    // Lab 4: the snapshot files, cleaned up (leftovers of a crash, then what the states passed).
    const files =
      cfg.snapshotFs === undefined
        ? null
        : new SnapManager(new FencedSnapFs(cfg.snapshotFs, fence), { storeId: cfg.storeId, emit });
    await files?.open();
    const snapshotWorker = cfg.snapshots
      ? new SnapshotWorker({ storeId: cfg.storeId, kvEngine, runtime: cfg.runtime, fence, emit, files })
      : null;
    const storage = await PeerStorage.load(raftEngine, kvEngine, REGION_ID, snapshotWorker);
    if (!storage.region.peers.some((p) => p.id === cfg.storeId && p.storeId === cfg.storeId)) {
      throw new StoreConfigError(`store ${cfg.storeId} has no peer in region ${REGION_ID}`);
    }
    await files?.gc(storage.applyState.truncatedState.index, storage.appliedIndex());
    const snap: SnapTransport | null =
      files === null ? null : Store.snapTransport(cfg, limits!, files, fence, emit, (): Store => store);
    const logGc = new LogGcWorker({
      storeId: cfg.storeId,
      regionId: REGION_ID,
      raftEngine,
      runtime: cfg.runtime,
      firstIndex: () => storage.firstIndex(),
      emit,
    });
    const peer = new Peer({
      storeId: cfg.storeId,
      electionTick: cfg.electionTick,
      heartbeatTick: cfg.heartbeatTick,
      random: cfg.runtime.random,
      storage,
      kvEngine,
      transport: cfg.transport,
      fence,
      emit,
      gcCountLimit: cfg.gcCountLimit,
      logGc,
      snapshots: cfg.snapshots ?? false,
      // The Ready loop never steps the RawNode: the report waits in the mailbox.
      snapshotSent: (to) => store.enqueue({ kind: 'snapshot-status', to, ok: true }),
      snapTransport: snap === null ? null : { files: snap.files, sender: snap.sender, runtime: cfg.runtime },
    });
    const store = new Store(cfg, fence, peer, emit, snap);
    store.kick();
    return store;
  }

  /**
   * Lab 4: the two ends of the snapshot transport. The sender's report (how a MsgSnapshot's stream
   * ended) and the receiver's verified MsgSnapshot reach the RawNode through the store's mailbox.
   */
  private static snapTransport(
    cfg: StoreConfig,
    limits: TransferLimits,
    files: SnapManager,
    fence: Fence,
    emit: (e: StoreEvent) => void,
    store: () => Store,
  ): SnapTransport {
    const { storeId, transport, runtime } = cfg;
    const common = { storeId, manager: files, transport, runtime, fence, emit, limits };
    // A transfer that ended no longer holds its file: what GC skipped meanwhile goes now.
    const sender = new SnapSender({
      ...common,
      report: (to, ok) => {
        store().peer.collectSnapshotFiles();
        store().enqueue({ kind: 'snapshot-status', to, ok });
      },
    });
    const receiver = new SnapReceiver({
      ...common,
      peer: () => store().receiverView(),
      step: (msg) => {
        store().peer.collectSnapshotFiles();
        store().enqueue({ kind: 'raft', msg });
      },
    });
    return { files, sender, receiver };
  }

  /**
   * An envelope from the transport. What the store cannot use is refused (a 'drop' event): a raft message
   * for another region or peer, and, while lab 4 is off, every frame of a snapshot stream. With lab 4 on,
   * chunks go to the snapshot receiver and acks to the snapshot sender.
   */
  onMessage(env: Envelope): void {
    if (this.fence.stopped) return;
    const reason = this.refusalOf(env);
    if (reason !== null) {
      this.emit({ kind: 'drop', storeId: this.storeId, reason });
      return;
    }
    switch (env.kind) {
      case 'raft':
        this.enqueue({ kind: 'raft', msg: messageFromProto(env.msg.message!) });
        return;
      case 'chunk':
        this.snap!.receiver.onChunk(env.chunk);
        return;
      case 'ack':
        this.snap!.sender.onAck(env.ack);
        return;
    }
  }

  /**
   * Proposes a KV command. Reads go through the log too, so every answer is linearizable. The promise
   * always resolves (never rejects): with the responses once the command is applied, or with an error in
   * the header (see cmd.ts outcomeOf for which errors leave the command possibly applied).
   */
  propose(req: storepb.RaftCmdRequest.$Properties): Promise<storepb.RaftCmdResponse> {
    // A private, fully defaulted copy: the caller's object and buffers are not shared with the log.
    const cmd = storepb.RaftCmdRequest.decode(storepb.RaftCmdRequest.encode(req).finish());
    const requestId = Number(cmd.header?.requestId ?? 0);
    return new Promise((respond) => {
      if (this.fence.stopped) {
        respond(errorResponse(requestId, this.peer.raft.term, storeStoppedError(this.storeId, false)));
        return;
      }
      this.enqueue({ kind: 'propose', pc: { cmd, requestId, respond } });
    });
  }

  /**
   * Crashes the store: cancels its timer, cuts it off from the engines (writes in flight are whole; none
   * start later), answers every proposal it holds, and ignores all later input. The engines keep what
   * they hold, for Store.open to restart from.
   */
  stop(): void {
    if (this.fence.stopped) return;
    this.fence.close();
    this.ticker.cancel();
    this.snap?.sender.stop();
    this.snap?.receiver.stop();
    const term = this.peer.raft.term;
    for (const item of this.mailbox.splice(0)) {
      if (item.kind === 'propose') {
        item.pc.respond(errorResponse(item.pc.requestId, term, storeStoppedError(this.storeId, false)));
      }
    }
    this.peer.answerStopped();
  }

  /**
   * Holds the loop: what arrives meanwhile (messages, ticks, proposals) waits in the mailbox until the
   * returned release is called; the loop then takes it all before it handles the next Ready, as a busy
   * store drains several items at once. A loop already running goes on. Releasing twice does nothing.
   * The simulator's batched delivery uses it.
   */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds--;
      this.kick();
    };
  }

  status(): StoreStatus {
    const raft = this.peer.raft;
    const ps = this.peer.storage;
    return {
      storeId: this.storeId,
      stopped: this.fence.stopped,
      raftState: raft.state,
      term: raft.term,
      lead: raft.lead,
      committed: ps.raftLocalState().hardState.commit,
      applied: ps.appliedIndex(),
      lastIndex: ps.lastIndex(),
      firstIndex: ps.firstIndex(),
      truncatedIndex: ps.applyState.truncatedState.index,
      ...(raft.state === StateType.Leader ? { progress: raft.prs } : {}),
    };
  }

  /** Lab 4: what the snapshot receiver knows of this store's peer when a stream's header arrives. */
  private receiverView(): ReceiverPeerView {
    const ps = this.peer.storage;
    return {
      regionId: ps.regionId,
      peerId: this.peer.id,
      appliedIndex: ps.appliedIndex(),
      truncatedIndex: ps.applyState.truncatedState.index,
      term: this.peer.raft.term,
    };
  }

  /** Why an envelope is refused, or null. */
  private refusalOf(env: Envelope): string | null {
    if (env.kind === 'raft') return this.refusal(env.msg);
    if (this.snap === null) return env.kind === 'chunk' ? CHUNK_REFUSAL : ACK_REFUSAL;
    const to = destination(env);
    return to === this.storeId ? null : `snapshot ${env.kind} addressed to store ${to}`;
  }

  private refusal(msg: storepb.RaftMessage): string | null {
    const m = msg.message;
    if (msg.regionId !== REGION_ID) return `unknown region ${msg.regionId}`;
    if (!m) return 'no raft message';
    if (msg.toPeer?.id !== this.peer.id || msg.toPeer.storeId !== this.storeId || m.to !== this.peer.id) {
      return `addressed to peer ${msg.toPeer?.id} on store ${msg.toPeer?.storeId}`;
    }
    const from = msg.fromPeer;
    if (!from || !this.peer.hasPeer(from.id ?? 0, from.storeId ?? 0) || m.from !== from.id) {
      return `from unknown peer ${from?.id} on store ${from?.storeId}`;
    }
    if (isLocalMsg(m.msgType ?? MessageType.MsgHup)) return `local message type ${m.msgType}`;
    if (this.snap !== null && m.msgType === MessageType.MsgSnapshot) {
      return 'MsgSnapshot outside a snapshot stream (the snapshot transport, lab 4, is on)';
    }
    return null;
  }

  private enqueue(item: MailItem): void {
    if (this.fence.stopped) return;
    this.mailbox.push(item);
    this.kick();
  }

  /** Starts the loop unless it is running (it then picks the new items up before it ends) or held. */
  private kick(): void {
    if (this.running || this.holds > 0 || this.fence.stopped) return;
    this.running = true;
    this.run().catch((err: unknown) => this.fail(err));
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        for (let item = this.mailbox.shift(); item !== undefined; item = this.mailbox.shift())
          this.handle(item);
        while (this.peer.rawNode.hasReady()) await this.peer.handleReady();
        this.peer.answerOrphans();
        if (this.mailbox.length === 0) return;
      }
    } finally {
      this.running = false;
    }
  }

  private handle(item: MailItem): void {
    this.fence.check();
    switch (item.kind) {
      case 'tick':
        this.onTick();
        return;
      case 'raft':
        this.peer.rawNode.step(item.msg);
        return;
      case 'propose':
        this.onPropose(item.pc);
        return;
      case 'snapshot-status':
        this.peer.rawNode.reportSnapshot(item.to, item.ok);
        return;
    }
  }

  private onTick(): void {
    this.ticks++;
    this.peer.rawNode.tick();
    this.peer.expireProposals(this.ticks);
    if (this.cfg.gcCountLimit > 0 && this.ticks % this.cfg.gcTickInterval === 0) this.peer.onLogGcTick();
  }

  /** Refuses what cannot be proposed (definite errors), else hands the command to the proposal path. */
  private onPropose(pc: QueuedCommand): void {
    const term = this.peer.raft.term;
    const error = this.check(pc.cmd);
    if (error !== null) {
      pc.respond(errorResponse(pc.requestId, term, error));
      return;
    }
    try {
      this.peer.propose({ ...pc, deadline: this.ticks + this.timeoutTicks });
    } catch (err) {
      // The store fails on this error; the command never reached a persisted log.
      pc.respond(errorResponse(pc.requestId, term, storeStoppedError(this.storeId, false)));
      throw err;
    }
  }

  private check(cmd: storepb.RaftCmdRequest): storepb.Error | null {
    const regionId = Number(cmd.header?.regionId ?? 0);
    if (regionId !== REGION_ID) return regionNotFoundError(regionId);
    if (cmd.adminRequest) return invalidRequestError('admin requests come from the store itself');
    if (cmd.requests.length === 0) return invalidRequestError('no requests');
    if (!cmd.requests.every((r) => KV_TYPES.has(r.cmdType ?? storepb.CmdType.Invalid)))
      return invalidRequestError('unknown command type');
    if (!this.peer.isLeader()) return notLeaderError(REGION_ID, this.peer.raft.lead, false);
    return null;
  }

  /** An unexpected error: the store stops as if it had crashed, and the runtime hears of it. */
  private fail(err: unknown): void {
    if (err instanceof StoreStoppedError) return;
    this.stop();
    this.cfg.runtime.onError(err, `store ${this.storeId}`);
  }
}
