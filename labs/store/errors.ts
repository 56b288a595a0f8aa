// Typed errors of the store, its engines (and their read views) and its transports. Callers recognise
// them with `instanceof`. A later lab's feature reached too early is NotInLabYet (solutions/labtodo.ts).

/** Base class of every error the store layer throws on purpose. */
export class StoreError extends Error {}

/** An engine operation failed; `cause` holds the engine's own error. */
export class EngineError extends StoreError {
  override readonly name = 'EngineError';
  constructor(op: string, cause: unknown) {
    super(`engine ${op} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The engine was closed. */
export class EngineClosedError extends StoreError {
  override readonly name = 'EngineClosedError';
  constructor() {
    super('engine is closed');
  }
}

/** A read view (Engine.snapshot()) was read after its release(). */
export class ReadViewReleasedError extends StoreError {
  override readonly name = 'ReadViewReleasedError';
  constructor() {
    super('engine read view is released');
  }
}

/**
 * The store has stopped (crashed): its work is cut off from the engines and the network. Raised inside a
 * stopped store's own pending work, which then ends quietly; never reported as a failure.
 */
export class StoreStoppedError extends StoreError {
  override readonly name = 'StoreStoppedError';
  constructor(storeId: number) {
    super(`store ${storeId} is stopped`);
  }
}

/** The persisted state is inconsistent (a state missing, a log gap, indexes out of order). */
export class CorruptStateError extends StoreError {
  override readonly name = 'CorruptStateError';
}

/**
 * Generating a snapshot of a region failed MAX_SNAPSHOT_TRIES times in a row (lab 3b, after TiKV's
 * "failed to get snapshot after 5 times"): PeerStorage.snapshot() stops answering "temporarily
 * unavailable" and says why; `cause` is the last failure.
 */
export class SnapshotGenerationError extends StoreError {
  override readonly name = 'SnapshotGenerationError';
  constructor(regionId: number, tries: number, cause: unknown) {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`region ${regionId}: generating a snapshot failed ${tries} times in a row; last: ${why}`, {
      cause,
    });
  }
}

/** A snapshot was requested while one of the same region is still being generated (at most one at a time). */
export class SnapshotInFlightError extends StoreError {
  override readonly name = 'SnapshotInFlightError';
  constructor(regionId: number) {
    super(`region ${regionId}: a snapshot was requested while one is being generated`);
  }
}

/** A snapshot's data does not decode or fails its checksum (damaged on the way or built wrongly). */
export class CorruptSnapshotError extends StoreError {
  override readonly name = 'CorruptSnapshotError';
}

/** The store configuration is invalid. */
export class StoreConfigError extends StoreError {
  override readonly name = 'StoreConfigError';
}

/**
 * A committed entry carries a command the store cannot execute (an admin command of an unknown type or
 * without its request). Clients cannot propose admin commands, so only a corrupt or foreign log has one.
 */
export class UnknownCommandError extends StoreError {
  override readonly name = 'UnknownCommandError';
}

/** A transport was used wrongly (not listening, closed). */
export class TransportError extends StoreError {
  override readonly name: string = 'TransportError';
}

/** A malformed or oversized frame arrived on a transport connection. */
export class FrameError extends TransportError {
  override readonly name = 'FrameError';
}

/** Lab 4: a snapshot file that should exist does not (SnapFs.open / rename of a missing name). */
export class SnapFileMissingError extends StoreError {
  override readonly name = 'SnapFileMissingError';
  constructor(readonly file: string) {
    super(`snapshot file ${file} does not exist`);
  }
}

/**
 * Lab 4: a snapshot transfer was refused or aborted, by the sender or the receiver (a bad header, a
 * gap, a chunk or file failing its checksum, a size mismatch, a stall, a limit). `reason` is what the
 * receiver sends back in its SnapshotAck.
 */
export class SnapshotTransferError extends StoreError {
  override readonly name = 'SnapshotTransferError';
}
