// The Storage interface through which the Raft core reads what was persisted, and MemoryStorage,
// an in-memory implementation used by unit tests. The store's PeerStorage is the real one.
import { CompactedError, SnapOutOfDateError, UnavailableError } from './errors.js';
import {
  type ConfState,
  type Entry,
  type HardState,
  type Snapshot,
  emptyHardState,
  emptySnapshot,
  newEntry,
} from './raftpb.js';

/** What a restarting node reads first: its hard state and its membership. */
export interface InitialState {
  hardState: HardState;
  confState: ConfState;
}

/**
 * Read access to the persisted log. Raft only reads through it; the application writes (the store in
 * its Ready loop, or a test through MemoryStorage). Entries in [firstIndex(), lastIndex()] are
 * available; term() also answers for firstIndex() - 1, the last compacted (snapshot) index.
 */
export interface Storage {
  initialState(): InitialState;
  /** Entries in [lo, hi). Throws CompactedError if lo < firstIndex(), UnavailableError if hi > lastIndex() + 1. */
  entries(lo: number, hi: number): Entry[];
  /** Term of entry i, for i in [firstIndex() - 1, lastIndex()]; throws CompactedError / UnavailableError outside. */
  term(i: number): number;
  lastIndex(): number;
  /** Index of the first entry still available (the truncated / snapshot index + 1). */
  firstIndex(): number;
  /** The latest snapshot. May throw SnapshotTemporarilyUnavailableError while one is being generated. */
  snapshot(): Snapshot;
}

/**
 * Storage in memory. ents[0] is a dummy entry holding the snapshot's index and term, so that
 * term(firstIndex - 1) answers.
 */
export class MemoryStorage implements Storage {
  private hardState: HardState = emptyHardState();
  private snap: Snapshot = emptySnapshot();
  private ents: Entry[] = [newEntry()];

  /** `peers` becomes the membership reported by initialState() (until a snapshot replaces it). */
  constructor(peers: number[] = []) {
    this.snap.metadata.confState = { nodes: [...peers] };
  }

  initialState(): InitialState {
    return {
      hardState: { ...this.hardState },
      confState: { nodes: [...this.snap.metadata.confState.nodes] },
    };
  }

  setHardState(hs: HardState): void {
    this.hardState = { ...hs };
  }

  entries(lo: number, hi: number): Entry[] {
    const offset = this.ents[0]!.index;
    if (lo <= offset) throw new CompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(hi - 1);
    return this.ents.slice(lo - offset, hi - offset);
  }

  term(i: number): number {
    const offset = this.ents[0]!.index;
    if (i < offset) throw new CompactedError(i);
    if (i - offset >= this.ents.length) throw new UnavailableError(i);
    return this.ents[i - offset]!.term;
  }

  lastIndex(): number {
    return this.ents[0]!.index + this.ents.length - 1;
  }

  firstIndex(): number {
    return this.ents[0]!.index + 1;
  }

  snapshot(): Snapshot {
    return this.snap;
  }

  /** Replaces the whole content with a snapshot (a follower installing one). */
  applySnapshot(snap: Snapshot): void {
    if (this.snap.metadata.index >= snap.metadata.index) throw new SnapOutOfDateError(snap.metadata.index);
    this.snap = snap;
    this.ents = [newEntry({ term: snap.metadata.term, index: snap.metadata.index })];
  }

  /**
   * Makes a snapshot at index i, in [firstIndex() − 1, lastIndex()] and past the current snapshot, with
   * the given membership (null: keep the current one) and data; does not compact.
   */
  createSnapshot(i: number, cs: ConfState | null, data: Uint8Array): Snapshot {
    if (i <= this.snap.metadata.index) throw new SnapOutOfDateError(i);
    if (i > this.lastIndex()) throw new UnavailableError(i);
    const offset = this.ents[0]!.index;
    if (i < offset) throw new CompactedError(i);
    this.snap = {
      data,
      metadata: {
        index: i,
        term: this.ents[i - offset]!.term,
        confState: cs ?? { nodes: [...this.snap.metadata.confState.nodes] },
      },
    };
    return this.snap;
  }

  /** Discards entries before compactIndex; entry compactIndex becomes the dummy. */
  compact(compactIndex: number): void {
    const offset = this.ents[0]!.index;
    if (compactIndex <= offset) throw new CompactedError(compactIndex);
    if (compactIndex > this.lastIndex()) throw new UnavailableError(compactIndex);
    const i = compactIndex - offset;
    this.ents = [
      newEntry({ index: this.ents[i]!.index, term: this.ents[i]!.term }),
      ...this.ents.slice(i + 1),
    ];
  }

  /**
   * Appends entries, replacing any existing suffix from the first new index on (what a follower does
   * when the leader overwrites a conflicting tail). Entries below firstIndex are ignored.
   */
  append(entries: Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0]!.index + entries.length - 1;
    if (last < first) return;
    const ents = first > entries[0]!.index ? entries.slice(first - entries[0]!.index) : entries;
    const offset = ents[0]!.index - this.ents[0]!.index;
    if (offset > this.ents.length) throw new UnavailableError(ents[0]!.index);
    this.ents = [...this.ents.slice(0, offset), ...ents];
  }
}
