// Peer: this store's member of the region — a RawNode over PeerStorage, the pending proposals, and the
// handling of one Ready (install a snapshot → persist → send → apply → advance). The Store serializes
// every call into it; the proposal path and the persist and apply steps are lab1d; the log-GC tick, its
// compact-index rule and applying CompactLog are lab2b (the deleting itself is the LogGcWorker's, lab2c);
// installing a snapshot and the compact-index rule with snapshots on are lab3c; the rest is framework.
// With lab 4 on (snapTransport), a MsgSnapshot goes to the SnapSender instead of the transport, a
// snapshot to install is read from its received file, and the snapshot files' GC runs in the background
// after an install and after a CompactLog moved the truncated index.
import { storepb } from '../proto/pb.js';
import { type RandomSource, type Raft, StateType } from '../raft/raft.js';
import { type Entry, type Message, MessageType, type Snapshot } from '../raft/raftpb.js';
import { RawNode, type Ready } from '../raft/rawnode.js';
import type { Runtime } from '../runtime/runtime.js';
import type { StoreEvent, Transport } from './api.js';
import {
  adminResponse,
  commandKind,
  compactLogCommand,
  notLeaderError,
  okResponse,
  staleCommandError,
  storeStoppedError,
  timeoutError,
} from './cmd.js';
import { type Engine, WriteBatch } from './engine.js';
import { CorruptSnapshotError, UnknownCommandError } from './errors.js';
import { execRequests } from './exec.js';
import type { Fence } from './fence.js';
import type { LogGcWorker } from './log-gc-worker.js';
import { wrapMessage } from './message.js';
import { type ApplyState, type Peer as PeerMeta, putApplyState } from './meta.js';
import { ObservedStorage } from './observed-storage.js';
import type { PeerStorage } from './peer-storage.js';
import { Proposal, type ProposalCommand, ProposalQueue } from './proposals.js';
import type { SnapManager } from './snap-manager.js';
import type { SnapSender } from './snap-sender.js';
import { snapKeyOf } from './snap-transfer.js';
import { decodeSnapshotData } from './snapshot-data.js';
import { BackgroundWorker } from './worker.js';
import { LabTodo } from '../labtodo.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

export interface PeerOptions {
  storeId: number;
  electionTick: number;
  heartbeatTick: number;
  random: RandomSource;
  storage: PeerStorage;
  /** The kv engine, fenced. */
  kvEngine: Engine;
  transport: Transport;
  fence: Fence;
  emit: (e: StoreEvent) => void;
  /** Lab 2: the leader proposes CompactLog once applied − firstIndex reaches this (0: log GC off). */
  gcCountLimit: number;
  /** Lab 2: deletes compacted raft-log keys in the background. */
  logGc: LogGcWorker;
  /** Lab 3: snapshots on (StoreConfig.snapshots). */
  snapshots: boolean;
  /**
   * Lab 3: a MsgSnapshot to peer `to` went to the transport. The store reports the send finished to
   * Raft (RawNode.reportSnapshot) through its mailbox, never inside handleReady.
   */
  snapshotSent?: (to: number) => void;
  /** Lab 4 (StoreConfig.snapshotFs set): the snapshot files, their sender, the runtime of their GC. */
  snapTransport?: SnapTransportParts | null;
}

/** What the Peer uses of lab 4's snapshot transport. */
export interface SnapTransportParts {
  files: SnapManager;
  sender: SnapSender;
  runtime: Runtime;
}

/** A GC of the snapshot files: what the truncated and applied indexes were when it was asked for. */
interface SnapGc {
  truncated: number;
  applied: number;
}

export class Peer {
  readonly id: number;
  readonly rawNode: RawNode;
  readonly storage: PeerStorage;
  readonly proposals: ProposalQueue;
  private readonly kvEngine: Engine;
  private readonly transport: Transport;
  private readonly fence: Fence;
  private readonly emit: (e: StoreEvent) => void;
  private readonly peers: Map<number, PeerMeta>;
  private readonly gcCountLimit: number;
  private readonly logGc: LogGcWorker;
  private readonly snapshots: boolean;
  private readonly snapshotSent: ((to: number) => void) | undefined;
  /** Lab 4: the snapshot files and their sender (null: lab 4 is off). */
  private readonly snapFiles: SnapManager | null;
  private readonly snapSender: SnapSender | null;
  private readonly snapGc: BackgroundWorker<SnapGc, string[]> | null;
  /** The last commit index reported in a 'commit' event. */
  private reportedCommit: number;

  constructor(o: PeerOptions) {
    this.id = o.storeId;
    this.storage = o.storage;
    this.kvEngine = o.kvEngine;
    this.transport = o.transport;
    this.fence = o.fence;
    this.emit = o.emit;
    this.gcCountLimit = o.gcCountLimit;
    this.logGc = o.logGc;
    this.snapshots = o.snapshots;
    this.snapshotSent = o.snapshotSent;
    const lab4 = o.snapTransport ?? null;
    this.snapFiles = lab4?.files ?? null;
    this.snapSender = lab4?.sender ?? null;
    this.snapGc =
      lab4 === null
        ? null
        : new BackgroundWorker({
            name: 'snapshot-gc',
            runtime: lab4.runtime,
            run: (t) => lab4.files.gc(t.truncated, t.applied),
          });
    this.peers = new Map(o.storage.region.peers.map((p) => [p.id, p]));
    this.rawNode = new RawNode({
      id: this.id,
      electionTick: o.electionTick,
      heartbeatTick: o.heartbeatTick,
      storage: new ObservedStorage(o.storage, o.storeId, o.emit),
      applied: o.storage.appliedIndex(),
      random: o.random,
    });
    this.reportedCommit = o.storage.raftLocalState().hardState.commit;
    this.proposals = new ProposalQueue((p) =>
      this.emit({ kind: 'propose', storeId: this.id, index: p.index, term: p.term, requestId: p.requestId }),
    );
  }

  get raft(): Raft {
    return this.rawNode.raft;
  }

  isLeader(): boolean {
    return this.raft.state === StateType.Leader;
  }

  /** Is (id, storeId) a peer of the region? */
  hasPeer(id: number, storeId: number): boolean {
    return this.peers.get(id)?.storeId === storeId;
  }

  /**
   * The proposal path: appends a command to the leader's log and remembers where, so that applying that
   * log slot answers it. The caller has checked that this peer leads.
   */
  propose(pc: ProposalCommand): void {
    // BEGIN lab1d: encode pc.cmd and propose it to the RawNode; remember its log slot (the new last index, the current term) as a Proposal in this.proposals
    throw new LabTodo('lab1d', 'encode pc.cmd and propose it to the RawNode; remember its log slot (the new last index, the current term) as a Proposal in this.proposals');
    // END lab1d
  }

  /**
   * Handles one Ready. The order is the Raft safety contract:
   *  0. install the snapshot, if the Ready carries one (lab 3): it writes both engines, and the Ready's
   *     entries continue the log after it;
   *  1. persist the entries and the hard state — a vote or an appended entry must be durable before any
   *     message that reveals it leaves, or a crash could make this peer vote twice in a term or lose an
   *     entry that a leader already counted towards a quorum;
   *  2. send the messages;
   *  3. apply the committed entries — each one's effects and its applied index in one kv batch, so a
   *     restart re-applies exactly the unapplied suffix — and answer their proposals;
   *  4. advance the RawNode.
   * After each await the fence is checked: a store stopped meanwhile does nothing more.
   */
  async handleReady(): Promise<void> {
    const rd = this.rawNode.ready();
    if (rd.softState !== null) {
      const { lead, raftState } = rd.softState;
      this.emit({ kind: 'leader-change', storeId: this.id, term: this.raft.term, lead, raftState });
    }
    if (rd.snapshot !== null) {
      await this.installSnapshot(rd.snapshot);
      this.fence.check();
    }
    await this.storage.saveReadyState(rd);
    this.fence.check();
    this.reportPersisted(rd);
    this.send(rd.messages);
    const truncated = this.storage.applyState.truncatedState.index;
    await this.applyCommitted(rd.committedEntries);
    this.fence.check();
    this.logGc.flush();
    if (this.storage.applyState.truncatedState.index > truncated) this.collectSnapshotFiles();
    this.rawNode.advance(rd);
  }

  /** Answers every pending proposal once this peer no longer leads the term they were proposed in. */
  answerOrphans(): void {
    const first = this.proposals.first();
    if (first === undefined || (this.isLeader() && this.raft.term === first.term)) return;
    const error = notLeaderError(this.storage.regionId, this.raft.lead, true);
    for (const p of this.proposals.drain()) p.fail(error, this.raft.term);
  }

  /** Answers the proposals whose deadline (a tick count) has come. */
  expireProposals(nowTick: number): void {
    for (const p of this.proposals.expire(nowTick)) p.fail(timeoutError(), this.raft.term);
  }

  /** The store stopped: answers every pending proposal (they may still be applied elsewhere). */
  answerStopped(): void {
    const error = storeStoppedError(this.id, true);
    for (const p of this.proposals.drain()) p.fail(error, this.raft.term);
  }

  /**
   * The log-GC tick (lab 2), called every gcTickInterval ticks when gcCountLimit > 0. Only the leader
   * acts, and only once applied − firstIndex reaches gcCountLimit: it proposes CompactLog through Raft,
   * like any command, so that every replica truncates at the same point of the log. The compact index
   * comes from compactIndex(applied); nothing is proposed when it is below the first index. The command
   * has no client: no Proposal is kept for it.
   */
  onLogGcTick(): void {
    // BEGIN lab2b: leader only; when applied - firstIndex >= gcCountLimit: compactIndex = this.compactIndex(applied); if >= firstIndex, propose compactLogCommand(id, term, compactIndex, its term) to the RawNode (no Proposal: nobody waits for it)
    throw new LabTodo('lab2b', 'leader only; when applied - firstIndex >= gcCountLimit: compactIndex = this.compactIndex(applied); if >= firstIndex, propose compactLogCommand(id, term, compactIndex, its term) to the RawNode (no Proposal: nobody waits for it)');
    // END lab2b
  }

  /** Where a leader at this applied index compacts its log to: lab 2's rule with snapshots off, else lab 3's. */
  private compactIndex(applied: number): number {
    return this.snapshots
      ? this.compactIndexWithSnapshots(applied)
      : this.compactIndexKeepingFollowers(applied);
  }

  /**
   * Lab 2's compact index. Without snapshots a follower cannot be caught up past the leader's first
   * index, so the log keeps what some follower still lacks: min(applied, every follower's match).
   */
  private compactIndexKeepingFollowers(applied: number): number {
    // BEGIN lab2b: min(applied, every follower's match): what every replica already holds
    throw new LabTodo('lab2b', "min(applied, every follower's match): what every replica already holds");
    // END lab2b
  }

  /**
   * Lab 3's compact index: with snapshots, a follower behind the first index is sent one instead, so
   * the leader compacts at its own pace — up to what it has applied — and waits for nobody.
   */
  private compactIndexWithSnapshots(applied: number): number {
    // BEGIN lab3c: the applied index: nothing waits for a lagging follower any more (it gets a snapshot)
    throw new LabTodo('lab3c', 'the applied index: nothing waits for a lagging follower any more (it gets a snapshot)');
    // END lab3c
  }

  /**
   * Applies an admin command at applyState.appliedIndex (the caller writes applyState in the entry's
   * apply batch) and returns its type. CompactLog is the only one (lab 2); any other stops the store
   * with UnknownCommandError (only the store proposes admin commands).
   */
  private applyAdmin(req: storepb.AdminRequest.$Properties, applyState: ApplyState): storepb.AdminCmdType {
    const cmdType = req.cmdType ?? storepb.AdminCmdType.InvalidAdmin;
    if (cmdType !== storepb.AdminCmdType.CompactLog || !req.compactLog) {
      const name = storepb.AdminCmdType[cmdType] ?? cmdType;
      throw new UnknownCommandError(
        `region ${this.storage.regionId}: cannot apply admin command ${name} at index ${applyState.appliedIndex}`,
      );
    }
    this.applyCompactLog(req.compactLog, applyState);
    const index = Number(req.compactLog.compactIndex ?? 0);
    this.emit({ kind: 'compact-log', storeId: this.id, index, truncated: applyState.truncatedState.index });
    return cmdType;
  }

  /**
   * Applying CompactLog (lab 2) on every replica: the truncated state moves forward to (compactIndex,
   * compactTerm) in applyState — written by the caller in the same kv batch as the applied index, so
   * PeerStorage.firstIndex() becomes compactIndex + 1 once that batch has landed — and a log-GC task is
   * scheduled to delete the raft-log keys below it. An older or repeated CompactLog changes nothing.
   */
  private applyCompactLog(req: storepb.CompactLogRequest.$Properties, applyState: ApplyState): void {
    // BEGIN lab2b: only forward: if compactIndex > applyState.truncatedState.index, replace applyState.truncatedState with {compactIndex, compactTerm} (a new object: the current one is still live) and this.logGc.schedule(compactIndex)
    throw new LabTodo('lab2b', 'only forward: if compactIndex > applyState.truncatedState.index, replace applyState.truncatedState with {compactIndex, compactTerm} (a new object: the current one is still live) and this.logGc.schedule(compactIndex)');
    // END lab2b
  }

  /**
   * The Ready's snapshot: its data is in the message (lab 3), or with lab 4 on in the received file of
   * its (region, term, index), which is marked 'applying' while it is installed and collected after.
   */
  private async installSnapshot(snap: Snapshot): Promise<void> {
    const files = this.snapFiles;
    if (files === null) return this.applySnapshot(snap, snap.data);
    const key = snapKeyOf('rcv', this.storage.regionId, snap.metadata);
    const release = files.acquire(key, 'applying');
    try {
      await this.applySnapshot(snap, snap.data.length > 0 ? snap.data : await files.readAll(key));
    } finally {
      release();
    }
    this.collectSnapshotFiles();
  }

  /**
   * Lab 4: deletes, in the background, the snapshot files that the truncated and applied indexes passed
   * (after an install, after a CompactLog, and when a transfer ends: a file in use was skipped).
   */
  collectSnapshotFiles(): void {
    if (this.snapGc === null) return;
    const { appliedIndex, truncatedState } = this.storage.applyState;
    this.snapGc.schedule({ truncated: truncatedState.index, applied: appliedIndex });
    this.snapGc.flush();
  }

  /**
   * Lab 3: installs a snapshot from the leader — its data and states in both engines — before the rest
   * of its Ready is persisted (the Ready's entries continue the log after the snapshot). Data that fails
   * its checksum, or is of another region, is refused before anything is written (CorruptSnapshotError
   * stops the store; restarted, it is as it was, and the leader sends the snapshot again). Once
   * installed, the log-GC worker goes on from the new first index: the install deleted every log key
   * below it. `data` is the snapshot's data (the message's; with lab 4 on, its received file's).
   */
  private async applySnapshot(snap: Snapshot, data: Uint8Array): Promise<void> {
    const { index, term } = snap.metadata;
    const content = decodeSnapshotData(data);
    if (content.region.id !== this.storage.regionId) {
      throw new CorruptSnapshotError(
        `snapshot at index ${index}: of region ${content.region.id}, not of region ${this.storage.regionId}`,
      );
    }
    this.emit({ kind: 'snapshot-install', storeId: this.id, index, term, keys: content.kvs.length });
    // BEGIN lab3c: storage.applySnapshot(snap.metadata, content, kvEngine); then answer the pending proposals up to index as indeterminate (notLeaderError(…, true)): the snapshot may or may not hold their effects
    throw new LabTodo('lab3c', 'storage.applySnapshot(snap.metadata, content, kvEngine); then answer the pending proposals up to index as indeterminate (notLeaderError(…, true)): the snapshot may or may not hold their effects');
    // END lab3c
    this.logGc.resetTo(index + 1);
    this.emit({ kind: 'snapshot-installed', storeId: this.id, index, term });
  }

  private reportPersisted(rd: Ready): void {
    if (rd.entries.length === 0 && rd.hardState === null) return;
    const lastIndex = this.storage.lastIndex();
    this.emit({
      kind: 'persist',
      storeId: this.id,
      lastIndex,
      entries: rd.entries.length,
      hardState: rd.hardState,
    });
    const commit = rd.hardState?.commit ?? this.reportedCommit;
    if (commit > this.reportedCommit) {
      this.reportedCommit = commit;
      this.emit({ kind: 'commit', storeId: this.id, index: commit });
    }
  }

  private send(messages: readonly Message[]): void {
    const from = this.peers.get(this.id)!;
    for (const m of messages) {
      const to = this.peers.get(m.to);
      if (to === undefined) continue;
      this.emit({
        kind: 'send',
        storeId: this.id,
        to: m.to,
        msgType: MessageType[m.msgType],
        term: m.term,
        index: m.index,
        logTerm: m.logTerm,
        commit: m.commit,
        entries: m.entries.length,
        reject: m.reject,
      });
      const env = wrapMessage(this.storage.regionId, from, to, m);
      if (m.msgType === MessageType.MsgSnapshot && this.snapSender !== null) {
        // Lab 4: the file goes as a stream; the sender traces 'snapshot-sent' and reports the outcome.
        this.snapSender.send(env);
        continue;
      }
      this.transport.send(env);
      if (m.msgType === MessageType.MsgSnapshot && m.snapshot !== null) {
        const { index, term } = m.snapshot.metadata;
        const bytes = m.snapshot.data.length;
        this.emit({ kind: 'snapshot-sent', storeId: this.id, to: m.to, index, term, bytes });
        this.snapshotSent?.(m.to);
      }
    }
  }

  /**
   * The apply step: applies committed entries in order to the kv engine, each entry's effects and its
   * applied index in one batch, then answers the proposals up to that index.
   */
  private async applyCommitted(entries: readonly Entry[]): Promise<void> {
    // BEGIN lab1d: per entry: a kv batch with execEntry's effects and the apply state (appliedIndex = entry index); write it and update storage.applyState; then answer the proposals up to its index (proposals.takeUpTo): same index and term gets the response, any other is stale
    throw new LabTodo('lab1d', "per entry: a kv batch with execEntry's effects and the apply state (appliedIndex = entry index); write it and update storage.applyState; then answer the proposals up to its index (proposals.takeUpTo): same index and term gets the response, any other is stale");
    // END lab1d
  }

  /**
   * Executes a committed entry's command into wb and returns the response for its proposal. An empty
   * entry (a new leader's no-op) does nothing. Admin commands go to applyAdmin, which may change
   * applyState (the truncated state) before it is written.
   */
  private async execEntry(
    e: Entry,
    wb: WriteBatch,
    applyState: ApplyState,
  ): Promise<storepb.RaftCmdResponse> {
    const term = this.raft.term;
    if (e.data.length === 0) {
      this.emit({
        kind: 'apply',
        storeId: this.id,
        index: e.index,
        term: e.term,
        command: 'noop',
        requestId: 0,
      });
      return okResponse(0, term, []);
    }
    const cmd = storepb.RaftCmdRequest.decode(e.data);
    const requestId = Number(cmd.header?.requestId ?? 0);
    this.emit({
      kind: 'apply',
      storeId: this.id,
      index: e.index,
      term: e.term,
      command: commandKind(cmd),
      requestId,
    });
    if (cmd.adminRequest) {
      return adminResponse(requestId, term, this.applyAdmin(cmd.adminRequest, applyState));
    }
    return okResponse(requestId, term, await execRequests(this.kvEngine, wb, cmd.requests));
  }
}
