// ObservedStorage: the Storage the Raft core of a peer sees — PeerStorage itself, with every call of
// snapshot() reported as a 'snapshot-call' StoreEvent (its result: a snapshot, "temporarily unavailable"
// or an error). The trace viewer's snapshot chain starts there: the leader's sendAppend found the
// follower's next entry compacted and asked its storage for a snapshot. Framework; nothing to write.
import { SnapshotTemporarilyUnavailableError } from '../raft/errors.js';
import type { Entry, Snapshot } from '../raft/raftpb.js';
import type { InitialState, Storage } from '../raft/storage.js';
import type { StoreEvent } from './api.js';

export class ObservedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly storeId: number,
    private readonly emit: (e: StoreEvent) => void,
  ) {}

  initialState(): InitialState {
    return this.inner.initialState();
  }

  entries(lo: number, hi: number): Entry[] {
    return this.inner.entries(lo, hi);
  }

  term(i: number): number {
    return this.inner.term(i);
  }

  lastIndex(): number {
    return this.inner.lastIndex();
  }

  firstIndex(): number {
    return this.inner.firstIndex();
  }

  snapshot(): Snapshot {
    const storeId = this.storeId;
    let snap: Snapshot;
    try {
      snap = this.inner.snapshot();
    } catch (err) {
      if (err instanceof SnapshotTemporarilyUnavailableError) {
        this.emit({ kind: 'snapshot-call', storeId, result: 'unavailable' });
      } else {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        this.emit({ kind: 'snapshot-call', storeId, result: 'error', error });
      }
      throw err;
    }
    const { index, term } = snap.metadata;
    this.emit({ kind: 'snapshot-call', storeId, result: 'ok', index, term });
    return snap;
  }
}
