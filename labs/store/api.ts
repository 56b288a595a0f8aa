// The store's public contract: how a store is configured and wired (runtime, transport, engines) and
// what clients get back. The simulator (grader/sim) and the real server both build on these types.
import type { StateType } from '../raft/raft.js';
import type { HardState } from '../raft/raftpb.js';
import type { storepb } from '../proto/pb.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Engine } from './engine.js';
import type { SnapFs } from './snap-fs.js';

/**
 * What one store sends another: a raft message, or (lab 4) a frame of a snapshot stream — a chunk from
 * the sender, an ack from the receiver. On the wire it is one storepb.StoreMessage (message.ts encodes
 * and decodes it for every transport).
 */
export type Envelope =
  | { kind: 'raft'; msg: storepb.RaftMessage }
  | { kind: 'chunk'; chunk: storepb.SnapshotChunk }
  | { kind: 'ack'; ack: storepb.SnapshotAck };

/** Moves envelopes between stores. The simulated network and the TCP transport implement it. */
export interface Transport {
  /** Fire-and-forget: delivery may fail, be delayed, duplicated or reordered. */
  send(env: Envelope): void;
}

export interface StoreConfig {
  /** This store's id; its peer in the region has the same id. */
  storeId: number;
  /** All store ids of the cluster (the region's peers), including this one: the initial membership. */
  storeIds: number[];
  runtime: Runtime;
  transport: Transport;
  /** Log entries and raft local state. */
  raftEngine: Engine;
  /** User data, apply state, region state. */
  kvEngine: Engine;
  /** Milliseconds per raft tick. */
  tickMs: number;
  electionTick: number;
  heartbeatTick: number;
  /** Lab 2: propose CompactLog when applied − firstIndex reaches this; 0 switches log GC off. */
  gcCountLimit: number;
  /** Lab 2: ticks between GC checks on the leader. */
  gcTickInterval: number;
  /**
   * Lab 3: snapshots on (default false). Off, the log is compacted only up to what every follower holds
   * and no snapshot is ever generated or installed; on, a follower behind the first index gets one.
   */
  snapshots?: boolean;
  /**
   * Lab 4: the snapshot transport is on when set (needs snapshots: true): snapshots are files in this
   * filesystem (SnapManager), a MsgSnapshot carries only their metadata, and the data travels as a
   * chunked, checksummed stream (SnapSender → SnapReceiver). Off (unset), labs 1–3 behave as before:
   * the snapshot's data rides in the raft message.
   */
  snapshotFs?: SnapFs;
  /** Lab 4: the transfer limits; unset ones take DEFAULT_TRANSFER_LIMITS (snap-transfer.ts). */
  snapshotTransfer?: Partial<TransferLimits>;
  /**
   * A proposal still unanswered after this long is answered with a timeout (indeterminate) error.
   * Checked on ticks. Default: 5 × electionTick × tickMs.
   */
  proposalTimeoutMs?: number;
  /** Observer of what the store does, for traces. Called synchronously; must not throw. */
  onEvent?: (e: StoreEvent) => void;
}

/**
 * Lab 4: the bounds of snapshot transfers (StoreConfig.snapshotTransfer; sizes in bytes). Re-exported
 * with its defaults by snap-transfer.ts, which the sender and the receiver share.
 */
export interface TransferLimits {
  /** The most data one chunk carries. */
  chunkBytes: number;
  /** The most bytes the sender has sent beyond the receiver's last acknowledged `received`. */
  windowBytes: number;
  /** Concurrent sends per store; one more is reported failed at once. */
  maxSends: number;
  /** Concurrent receives per store; one more is refused (ack error). */
  maxReceives: number;
  /** The sender aborts a transfer after this long without an ack. */
  ackTimeoutMs: number;
  /** The receiver aborts a transfer after this long without a frame (while it is not writing). */
  idleTimeoutMs: number;
  /** Chunks ahead of the next expected offset that the receiver may hold; one more aborts. */
  reorderChunks: number;
}

/** What a committed entry carried. */
export type CommandKind = 'noop' | 'get' | 'put' | 'delete' | 'scan' | 'mixed' | 'admin';

/** One thing a store did, in the order it did it. */
export type StoreEvent =
  /** A command was appended to the leader's log at (index, term). */
  | { kind: 'propose'; storeId: number; index: number; term: number; requestId: number }
  /** The raft engine now durably holds the log up to lastIndex and hardState (null: unchanged). */
  | { kind: 'persist'; storeId: number; lastIndex: number; entries: number; hardState: HardState | null }
  /** A raft message was handed to the transport. */
  | {
      kind: 'send';
      storeId: number;
      to: number;
      msgType: string;
      term: number;
      index: number;
      logTerm: number;
      commit: number;
      entries: number;
      reject: boolean;
    }
  /** The commit index moved to index (persisted in the hard state). */
  | { kind: 'commit'; storeId: number; index: number }
  /** The entry at (index, term) is being applied to the kv engine. */
  | { kind: 'apply'; storeId: number; index: number; term: number; command: CommandKind; requestId: number }
  /** The peer's role or known leader changed. */
  | { kind: 'leader-change'; storeId: number; term: number; lead: number; raftState: StateType }
  /** An incoming envelope was refused (wrong region or peer, local message type; a chunk before lab 4). */
  | { kind: 'drop'; storeId: number; reason: string }
  /** Lab 2: a log-GC task ran, deleting `deleted` raft-log keys below endIndex (truncated index + 1). */
  | { kind: 'log-gc'; storeId: number; endIndex: number; deleted: number }
  /** Lab 2: a CompactLog at `index` was applied; `truncated` is the truncated index after it. */
  | { kind: 'compact-log'; storeId: number; index: number; truncated: number }
  /** Lab 3: the Raft core called PeerStorage.snapshot(): what it answered (ObservedStorage reports it). */
  | {
      kind: 'snapshot-call';
      storeId: number;
      result: 'ok' | 'unavailable' | 'error';
      index?: number;
      term?: number;
      error?: string;
    }
  /** Lab 3: PeerStorage asked for a snapshot of the region to be generated (a 'snapshot-gen' task). */
  | { kind: 'snapshot-requested'; storeId: number; regionId: number }
  /** Lab 3: a generation finished: the snapshot at (index, term), `keys` user keys, `bytes` of data. */
  | { kind: 'snapshot-generated'; storeId: number; index: number; term: number; keys: number; bytes: number }
  /** Lab 3: a generation failed (the next PeerStorage.snapshot() asks again). */
  | { kind: 'snapshot-failed'; storeId: number; reason: string }
  /** Lab 3: a MsgSnapshot went to the transport; the send is reported finished to Raft (mailbox). */
  | { kind: 'snapshot-sent'; storeId: number; to: number; index: number; term: number; bytes: number }
  /** Lab 3: installing the leader's snapshot at (index, term), `keys` user keys, begins (nothing written yet). */
  | { kind: 'snapshot-install'; storeId: number; index: number; term: number; keys: number }
  /** Lab 3: the snapshot at (index, term) is installed in both engines (its marker cleared). */
  | { kind: 'snapshot-installed'; storeId: number; index: number; term: number }
  /** Lab 4: the header of stream `stream` to store `to` went out: the snapshot at (index, term), `bytes` long. */
  | {
      kind: 'snapshot-stream-start';
      storeId: number;
      to: number;
      stream: number;
      index: number;
      term: number;
      bytes: number;
    }
  /** Lab 4: a send ended: ok once the receiver acked it done; else why it failed (reported to Raft). */
  | { kind: 'snapshot-stream-end'; storeId: number; to: number; stream: number; ok: boolean; reason?: string }
  /** Lab 4: the header of stream `stream` from store `from` was accepted: the snapshot at (index, term). */
  | {
      kind: 'snapshot-receive-start';
      storeId: number;
      from: number;
      stream: number;
      index: number;
      term: number;
      bytes: number;
    }
  /** Lab 4: a receive ended: ok once verified, committed and stepped; else why it was refused or aborted. */
  | {
      kind: 'snapshot-receive-end';
      storeId: number;
      from: number;
      stream: number;
      ok: boolean;
      reason?: string;
    }
  /** Lab 4: SnapManager removed snapshot files: leftovers at open() (temporaries, halves) or passed ones at gc(). */
  | { kind: 'snapshot-files-removed'; storeId: number; why: 'open' | 'gc'; names: string[] };

/** A store's state at a glance (for assertions and debugging). Indexes are the persisted ones. */
export interface StoreStatus {
  storeId: number;
  stopped: boolean;
  raftState: StateType;
  term: number;
  /** The leader's store id, 0 when unknown. */
  lead: number;
  committed: number;
  applied: number;
  lastIndex: number;
  firstIndex: number;
  truncatedIndex: number;
  /** On a leader: its Progress of each peer (the live map; read it, never change it). */
  progress?: ReadonlyMap<number, ProgressView>;
}

/** What a status reader sees of the leader's Progress of one peer. */
export interface ProgressView {
  readonly state: string;
  readonly match: number;
  readonly next: number;
  readonly pendingSnapshot: number;
  /** The states entered since the last call (Progress.takeEntered): the moves within one step. */
  takeEntered?(): readonly ProgressMove[];
}

/** One state a Progress entered, with its indexes right after. */
export interface ProgressMove {
  readonly state: string;
  readonly match: number;
  readonly next: number;
  readonly pendingSnapshot: number;
}
