// Typed errors of the store, its engines and its transports. Callers recognise them with `instanceof`.

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

/** The store configuration is invalid. */
export class StoreConfigError extends StoreError {
  override readonly name = 'StoreConfigError';
}

/** A later lab's machinery was reached although it is switched off or not built yet. */
export class NotAvailableYetError extends StoreError {
  override readonly name = 'NotAvailableYetError';
  constructor(what: string) {
    super(`${what} is not available yet`);
  }
}

/** A transport was used wrongly (not listening, closed). */
export class TransportError extends StoreError {
  override readonly name: string = 'TransportError';
}

/** A malformed or oversized frame arrived on a transport connection. */
export class FrameError extends TransportError {
  override readonly name = 'FrameError';
}
