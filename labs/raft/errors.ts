// Typed errors of the Raft core. Storage implementations throw the storage errors; the core
// recognises them with `instanceof` (never by message text).

/** Base class of every error the Raft core or its storage throws on purpose. */
export class RaftError extends Error {}

/** The requested index is below the first index still held: it was compacted (log GC or snapshot). */
export class CompactedError extends RaftError {
  override readonly name = 'CompactedError';
  constructor(readonly index: number) {
    super(`index ${index} is unavailable due to compaction`);
  }
}

/** The requested index is past the last index held. */
export class UnavailableError extends RaftError {
  override readonly name = 'UnavailableError';
  constructor(readonly index: number) {
    super(`index ${index} is unavailable`);
  }
}

/** The snapshot is being generated; ask again later (lab 3). */
export class SnapshotTemporarilyUnavailableError extends RaftError {
  override readonly name = 'SnapshotTemporarilyUnavailableError';
  constructor() {
    super('snapshot is temporarily unavailable');
  }
}

/** A snapshot older than what storage already has was applied. */
export class SnapOutOfDateError extends RaftError {
  override readonly name = 'SnapOutOfDateError';
  constructor(readonly index: number) {
    super(`snapshot at index ${index} is out of date`);
  }
}

/** A proposal was dropped: this node is not the leader (or has no leader to forward to). */
export class ProposalDroppedError extends RaftError {
  override readonly name = 'ProposalDroppedError';
  constructor() {
    super('raft proposal dropped');
  }
}

/** RawNode.step was given a local message (MsgHup, MsgBeat), which only tick()/campaign() may make. */
export class StepLocalMsgError extends RaftError {
  override readonly name = 'StepLocalMsgError';
  constructor() {
    super('raft: cannot step raft local message');
  }
}

/** A response came from a node that is not a peer. */
export class StepPeerNotFoundError extends RaftError {
  override readonly name = 'StepPeerNotFoundError';
  constructor(readonly from: number) {
    super(`raft: cannot step as peer ${from} not found`);
  }
}

/** Config.validate failed. */
export class ConfigError extends RaftError {
  override readonly name = 'ConfigError';
}

/**
 * A cursor of the log broke one of the core's invariants (the framework checks them in RawNode.ready()
 * and RawNode.advance()): `rule` is the invariant, `found` the values that break it, `blame` the code
 * that most likely moved the cursor.
 */
export class RaftInvariantError extends RaftError {
  override readonly name = 'RaftInvariantError';
  constructor(
    readonly rule: string,
    readonly found: string,
    readonly checkpoint: string,
    readonly blame: string,
  ) {
    super(`raft invariant ${rule} broken (${checkpoint}): ${found}: ${blame}`);
  }
}
