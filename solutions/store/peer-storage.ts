// PeerStorage: the Raft core's Storage for one peer, over the store's two engines. The Raft core reads
// synchronously, so the live log [firstIndex, lastIndex] is held in an in-memory cache that mirrors the
// raft engine; `load` rebuilds it (and every state) from the engines alone on restart. Writes happen only
// in the Ready loop: saveReadyState (raft engine) and the peer's apply step (kv engine). The first index
// follows the durable truncated state (lab 2's CompactLog): the cache drops what it moves past, and the
// raft-log keys below it (deleted later by the log-GC worker, or left by a crash) are never read.
// Snapshots (lab 3) are generated in the background: PeerStorage asks its SnapshotRequester (TinyKV's
// region scheduler) for one; with snapshots off there is none, and asking for a snapshot is NotInLabYet.
import { NotInLabYet } from '../labtodo.js';
import { CompactedError, UnavailableError } from '../raft/errors.js';
import { type Entry, type Snapshot, decodeEntry, encodeEntry } from '../raft/raftpb.js';
import type { Ready } from '../raft/rawnode.js';
import type { InitialState, Storage } from '../raft/storage.js';
import { type Engine, WriteBatch } from './engine.js';
import { CorruptStateError } from './errors.js';
import { raftLogIndex, raftLogKey, raftLogKeyRange } from './keys.js';
import {
  type ApplyState,
  type RaftLocalState,
  type Region,
  putRaftLocalState,
  readApplyState,
  readRaftLocalState,
  readRegionLocalState,
} from './meta.js';

/** In-memory copy of the persisted log entries [first, last], contiguous. */
class EntryCache {
  constructor(
    private first: number,
    private ents: Entry[],
  ) {}

  /** Index of the last cached entry (first - 1 when empty). */
  get last(): number {
    return this.first + this.ents.length - 1;
  }

  /** Adds entries that continue the cache or replace its tail from their first index on. */
  append(entries: readonly Entry[]): void {
    const head = entries[0];
    if (head === undefined) return;
    if (head.index < this.first || head.index > this.last + 1) {
      throw new CorruptStateError(
        `entry cache: appending at ${head.index} outside [${this.first}, ${this.last + 1}]`,
      );
    }
    this.ents.length = head.index - this.first;
    for (const e of entries) this.ents.push(e);
  }

  /** Drops the entries below first (the log was truncated); nothing when first <= this.first. */
  compactTo(first: number): void {
    if (first <= this.first) return;
    this.ents = this.ents.slice(Math.min(first, this.last + 1) - this.first);
    this.first = first;
  }

  /** Entries [lo, hi); the caller checks the bounds. */
  slice(lo: number, hi: number): Entry[] {
    return this.ents.slice(lo - this.first, hi - this.first);
  }

  /** The cached entry at index i; the caller checks the bounds. */
  at(i: number): Entry {
    return this.ents[i - this.first]!;
  }
}

/**
 * Where PeerStorage asks for a snapshot of its region to be generated (lab 3: the snapshot worker, after
 * TinyKV's region scheduler). Generating runs in the background, reading the kv engine through one read
 * view; PeerStorage.snapshot() hands the result to the Raft core once it is there.
 */
export interface SnapshotRequester {
  /** Starts generating a snapshot of the region, unless one is being generated already. */
  requestSnapshot(regionId: number): void;
}

export class PeerStorage implements Storage {
  private constructor(
    readonly regionId: number,
    private readonly raftEngine: Engine,
    /** Persisted RaftLocalState; the persist step replaces it after each raft-engine write. */
    private raftState: RaftLocalState,
    private persistedApplyState: ApplyState,
    readonly region: Region,
    private readonly cache: EntryCache,
    /** Null: snapshots are off. */
    private readonly snapshotRequester: SnapshotRequester | null,
  ) {}

  /** Persisted apply state; the apply step replaces it after each kv-engine write. */
  get applyState(): ApplyState {
    return this.persistedApplyState;
  }

  /** A truncated state that moved forward (a CompactLog landed) also drops those entries from the cache. */
  set applyState(s: ApplyState) {
    this.persistedApplyState = s;
    this.cache.compactTo(s.truncatedState.index + 1);
  }

  /**
   * Rebuilds a peer's storage from what the engines hold; throws CorruptStateError on inconsistencies.
   * snapshotRequester generates snapshots (lab 3); null, the default, when snapshots are off.
   */
  static async load(
    raftEngine: Engine,
    kvEngine: Engine,
    regionId: number,
    snapshotRequester: SnapshotRequester | null = null,
  ): Promise<PeerStorage> {
    const raftState = await readRaftLocalState(raftEngine, regionId);
    const applyState = await readApplyState(kvEngine, regionId);
    const regionState = await readRegionLocalState(kvEngine, regionId);
    if (raftState === undefined || applyState === undefined || regionState === undefined) {
      throw new CorruptStateError(`region ${regionId}: a persisted state is missing`);
    }
    const truncated = applyState.truncatedState;
    const { commit } = raftState.hardState;
    const { lastIndex } = raftState;
    if (
      !(
        truncated.index <= applyState.appliedIndex &&
        applyState.appliedIndex <= commit &&
        commit <= lastIndex
      )
    ) {
      throw new CorruptStateError(
        `region ${regionId}: need truncated ${truncated.index} <= applied ${applyState.appliedIndex} <= ` +
          `commit ${commit} <= last ${lastIndex}`,
      );
    }
    const first = truncated.index + 1;
    const pairs = await raftEngine.scan(raftLogKeyRange(regionId, first, lastIndex + 1));
    const entries = pairs.map((p, i) => {
      const e = decodeEntry(p.value);
      if (raftLogIndex(p.key) !== first + i || e.index !== first + i) {
        throw new CorruptStateError(`region ${regionId}: raft log gap or bad entry at ${first + i}`);
      }
      return e;
    });
    const lastTerm = entries.at(-1)?.term ?? truncated.term;
    if (entries.length !== lastIndex - truncated.index || lastTerm !== raftState.lastTerm) {
      throw new CorruptStateError(
        `region ${regionId}: raft log [${first}, ${lastIndex}] term ${raftState.lastTerm} ` +
          `but ${entries.length} entries found ending at term ${lastTerm}`,
      );
    }
    return new PeerStorage(
      regionId,
      raftEngine,
      raftState,
      applyState,
      regionState.region,
      new EntryCache(first, entries),
      snapshotRequester,
    );
  }

  initialState(): InitialState {
    return {
      hardState: { ...this.raftState.hardState },
      confState: { nodes: this.region.peers.map((p) => p.id) },
    };
  }

  entries(lo: number, hi: number): Entry[] {
    if (lo < this.firstIndex()) throw new CompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(hi - 1);
    return this.cache.slice(lo, hi);
  }

  term(i: number): number {
    const truncated = this.applyState.truncatedState;
    if (i === truncated.index) return truncated.term;
    if (i < truncated.index) throw new CompactedError(i);
    if (i > this.lastIndex()) throw new UnavailableError(i);
    return this.cache.at(i).term;
  }

  lastIndex(): number {
    return this.raftState.lastIndex;
  }

  firstIndex(): number {
    return this.applyState.truncatedState.index + 1;
  }

  /**
   * The snapshot for a follower behind the first index (lab 3). Nothing calls it in labs 1–2: without
   * snapshots the log is only compacted up to what every follower holds.
   */
  snapshot(): Snapshot {
    const why = this.snapshotRequester === null ? 'snapshots are off' : 'not built yet';
    throw new NotInLabYet('lab3', `generating a snapshot of region ${this.regionId} (${why})`);
  }

  appliedIndex(): number {
    return this.applyState.appliedIndex;
  }

  /** The persisted RaftLocalState (a copy). */
  raftLocalState(): RaftLocalState {
    return { ...this.raftState, hardState: { ...this.raftState.hardState } };
  }

  /**
   * The persist step of the Ready loop: makes rd's new entries and hard state durable in the raft engine,
   * in one write batch, before any message of rd is sent. Entries may replace a persisted tail from their
   * first index on: persisted entries past the new last index are deleted in the same batch.
   */
  async saveReadyState(rd: Ready): Promise<void> {
    // BEGIN lab1d: one raft-engine batch with rd's entries (deleting a replaced tail past the new last), the hard state and last index/term in RaftLocalState; write it, then update raftState and the cache
    const last = rd.entries.at(-1);
    if (last === undefined && rd.hardState === null) return;
    const wb = new WriteBatch();
    const state: RaftLocalState = { ...this.raftState, hardState: rd.hardState ?? this.raftState.hardState };
    if (last !== undefined) {
      for (const e of rd.entries) wb.put(raftLogKey(this.regionId, e.index), encodeEntry(e));
      for (let i = last.index + 1; i <= this.raftState.lastIndex; i++)
        wb.delete(raftLogKey(this.regionId, i));
      state.lastIndex = last.index;
      state.lastTerm = last.term;
    }
    putRaftLocalState(wb, this.regionId, state);
    await this.raftEngine.write(wb);
    this.raftState = state;
    this.cache.append(rd.entries);
    // END lab1d
  }
}
