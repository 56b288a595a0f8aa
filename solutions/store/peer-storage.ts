// PeerStorage: the Raft core's Storage for one peer, over the store's two engines. The Raft core reads
// synchronously, so the live log [firstIndex, lastIndex] is held in an in-memory cache that mirrors the
// raft engine; `load` rebuilds it (and every state) from the engines alone on restart. Writes happen only
// in the Ready loop: saveReadyState (raft engine) and the peer's apply step (kv engine). The first index
// follows the durable truncated state (lab 2's CompactLog): the cache drops what it moves past, and the
// raft-log keys below it (deleted later by the log-GC worker, or left by a crash) are never read.
// Snapshots (lab 3) are generated in the background: snapshot() asks its SnapshotRequester (the
// SnapshotWorker, after TinyKV's region scheduler) for one, which runs generateSnapshot over one read view
// of the kv engine and reports back (snapshotGenerated); with snapshots off there is none, and asking for
// a snapshot is NotInLabYet.
import { NotInLabYet } from '../labtodo.js';
import { crc32 } from 'node:zlib';
import { CompactedError, SnapshotTemporarilyUnavailableError, UnavailableError } from '../raft/errors.js';
import { storepb } from '../proto/pb.js';
import {
  type Entry,
  type Snapshot,
  type SnapshotMetadata,
  decodeEntry,
  encodeEntry,
} from '../raft/raftpb.js';
import type { Ready } from '../raft/rawnode.js';
import type { InitialState, Storage } from '../raft/storage.js';
import { type Engine, type EngineReader, WriteBatch } from './engine.js';
import { CorruptStateError, SnapshotGenerationError } from './errors.js';
import { dataKey, dataKeyRange, raftLogIndex, raftLogKey, raftLogKeyRange, userKeyOf } from './keys.js';
import {
  type ApplyState,
  type RaftLocalState,
  type Region,
  putApplyState,
  putRaftLocalState,
  putRegionLocalState,
  readApplyState,
  readRaftLocalState,
  readRegionLocalState,
} from './meta.js';
import type { SnapshotData } from './snapshot-data.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

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

  /** Empties the cache, which continues at first (a snapshot replaced the whole log). */
  reset(first: number): void {
    this.first = first;
    this.ents = [];
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
 * Where PeerStorage asks for a snapshot of its region to be generated (lab 3: the SnapshotWorker, after
 * TinyKV's region scheduler). Generating runs in the background, reading the kv engine through one read
 * view; PeerStorage.snapshot() hands the result to the Raft core once it is there.
 */
export interface SnapshotRequester {
  /**
   * Starts generating a snapshot of target's region in the background — one read view of the kv engine,
   * target.generateSnapshot(view), then target.snapshotGenerated(result) — at most one at a time.
   */
  requestSnapshot(target: SnapshotTarget): void;
}

/** How a snapshot generation ended: the snapshot, or why it failed. */
export type GenerationResult = { ok: true; snapshot: Snapshot } | { ok: false; cause: unknown };

/** What a SnapshotRequester generates for (PeerStorage). */
export interface SnapshotTarget {
  readonly regionId: number;
  /** The generation task's body: the snapshot of the region as `view` (of the kv engine) holds it. */
  generateSnapshot(view: EngineReader): Promise<Snapshot>;
  /** The generation ended. */
  snapshotGenerated(result: GenerationResult): void;
}

/** Where snapshot generation stands (lab 3b). */
type SnapshotState =
  | { kind: 'idle' }
  | { kind: 'generating' }
  | { kind: 'ready'; snapshot: Snapshot }
  | { kind: 'failed'; cause: unknown };

/** After this many failed generations in a row, snapshot() throws SnapshotGenerationError (TiKV: 5). */
export const MAX_SNAPSHOT_TRIES = 5;

/** The engines a snapshot install writes, and the region whose keys it replaces. */
export interface InstallEngines {
  raftEngine: Engine;
  kvEngine: Engine;
  regionId: number;
}

export class PeerStorage implements Storage, SnapshotTarget {
  /** Lab 3b: where snapshot generation stands. */
  private snapState: SnapshotState = { kind: 'idle' };
  /** Lab 3b: generations that failed in a row (a generated snapshot resets it). */
  private snapFailures = 0;

  private constructor(
    readonly regionId: number,
    private readonly raftEngine: Engine,
    /** Persisted RaftLocalState; the persist step replaces it after each raft-engine write. */
    private raftState: RaftLocalState,
    private persistedApplyState: ApplyState,
    private currentRegion: Region,
    private readonly cache: EntryCache,
    /** Null: snapshots are off. */
    private readonly snapshotRequester: SnapshotRequester | null,
  ) {}

  /** The region this peer serves (a snapshot install writes the snapshot's). */
  get region(): Region {
    return this.currentRegion;
  }

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
   * A region state still marked Applying is a snapshot install cut short after its kv batch: it is
   * finished first (lab 3). snapshotRequester generates snapshots (lab 3); null, the default, when
   * snapshots are off.
   */
  static async load(
    raftEngine: Engine,
    kvEngine: Engine,
    regionId: number,
    snapshotRequester: SnapshotRequester | null = null,
  ): Promise<PeerStorage> {
    let raftState = await readRaftLocalState(raftEngine, regionId);
    const applyState = await readApplyState(kvEngine, regionId);
    const regionState = await readRegionLocalState(kvEngine, regionId);
    if (raftState === undefined || applyState === undefined || regionState === undefined) {
      throw new CorruptStateError(`region ${regionId}: a persisted state is missing`);
    }
    if (regionState.state === storepb.PeerState.Applying) {
      const engines = { raftEngine, kvEngine, regionId };
      raftState = await PeerStorage.finishInstall(engines, applyState, regionState.region, raftState);
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
   * The snapshot for a follower behind the first index (lab 3b). Generating one takes time, so it runs in
   * the background: the first call asks the SnapshotRequester for one and answers "temporarily
   * unavailable" (the Raft core asks again on a later heartbeat response), and so does every call while
   * it is being generated; the finished snapshot is returned for as long as it is usable (its index at
   * or above the truncated index: the log continues after it); a stale one is replaced by a fresh
   * generation, and a failed generation is retried — MAX_SNAPSHOT_TRIES failures in a row are a
   * SnapshotGenerationError. With snapshots off (labs 1–2) nothing calls it: the log is only compacted
   * up to what every follower holds.
   */
  snapshot(): Snapshot {
    const requester = this.snapshotRequester;
    if (requester === null) {
      throw new NotInLabYet('lab3', `generating a snapshot of region ${this.regionId} (snapshots are off)`);
    }
    // BEGIN lab3b: generating: SnapshotTemporarilyUnavailableError; ready: reset snapFailures, return it while its index >= the truncated index; failed: count it, MAX_SNAPSHOT_TRIES in a row: SnapshotGenerationError; otherwise (idle, failed, stale) state = generating, requester.requestSnapshot(this), SnapshotTemporarilyUnavailableError
    // brief: Snapshots are made in the background: while one is being made, it is temporarily unavailable; a
    // brief: finished one is handed out while it is recent enough; after too many failures in a row, give up
    // brief: with an error; otherwise start making one and say it is not available yet.
    const s = this.snapState;
    if (s.kind === 'generating') throw new SnapshotTemporarilyUnavailableError();
    if (s.kind === 'ready') {
      this.snapFailures = 0;
      if (s.snapshot.metadata.index >= this.applyState.truncatedState.index) return s.snapshot;
    }
    if (s.kind === 'failed' && ++this.snapFailures >= MAX_SNAPSHOT_TRIES) {
      throw new SnapshotGenerationError(this.regionId, this.snapFailures, s.cause);
    }
    this.snapState = { kind: 'generating' };
    requester.requestSnapshot(this);
    throw new SnapshotTemporarilyUnavailableError();
    // END lab3b
  }

  /**
   * The generation task's body (lab 3b; the SnapshotWorker runs it in the background): the snapshot of
   * the region exactly as the kv engine's read view `view` holds it. The persisted apply state (the
   * snapshot's index is its applied index), the region and every user key of the region come from the
   * view — never from this object's in-memory state, which moves on while the task runs. The index's
   * term is the truncated term (of the view's apply state) when the index is the truncated index;
   * otherwise it is that entry's term, and that is the one read not made through the view: it is read
   * from the live raft engine (this.raftEngine, which has no view). If log GC has deleted that entry
   * meanwhile, the read finds nothing, the generation fails (CorruptStateError, traced as
   * 'snapshot-failed') and the next snapshot() retries it (up to MAX_SNAPSHOT_TRIES failures in a row).
   * The data is a storepb.SnapshotData (see snapshot-data.ts).
   */
  async generateSnapshot(view: EngineReader): Promise<Snapshot> {
    // BEGIN lab3b: via view: readApplyState, readRegionLocalState, view.scan(dataKeyRange(region start, end)) as {key: userKeyOf(key), value}; index = applied; term = truncated term if index == truncated index, else decodeEntry of the raft engine's raftLogKey(index); data = storepb.SnapshotData {region, kvs, crc32: zlib crc32(SnapshotData.encode({kvs}))}; confState.nodes = the region's peer ids
    // brief: A snapshot is the region's user data as of the applied index, all read from one consistent view,
    // brief: with that index's term, the region's members and a checksum of the data.
    const applyState = await readApplyState(view, this.regionId);
    const regionState = await readRegionLocalState(view, this.regionId);
    if (applyState === undefined || regionState === undefined) {
      throw new CorruptStateError(`region ${this.regionId}: no apply or region state to snapshot`);
    }
    const { region } = regionState;
    const index = applyState.appliedIndex;
    const truncated = applyState.truncatedState;
    let term = truncated.term;
    if (index !== truncated.index) {
      const bytes = await this.raftEngine.get(raftLogKey(this.regionId, index));
      if (bytes === undefined) {
        throw new CorruptStateError(`region ${this.regionId}: log entry ${index} is not in the raft engine`);
      }
      term = decodeEntry(bytes).term;
    }
    const pairs = await view.scan(dataKeyRange(region.startKey, region.endKey));
    const kvs = pairs.map((p) => ({ key: userKeyOf(p.key), value: p.value }));
    const checksum = crc32(storepb.SnapshotData.encode({ kvs }).finish());
    const data = storepb.SnapshotData.encode({ region, kvs, crc32: checksum }).finish();
    return { data, metadata: { index, term, confState: { nodes: region.peers.map((p) => p.id) } } };
    // END lab3b
  }

  /** The SnapshotWorker's report: the generation ended (a failed one is retried by the next snapshot()). */
  snapshotGenerated(result: GenerationResult): void {
    this.snapState = result.ok
      ? { kind: 'ready', snapshot: result.snapshot }
      : { kind: 'failed', cause: result.cause };
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
    // brief: Persist the Ready's new entries and hard state in one atomic write, removing any old entries
    // brief: past the new end of the log; memory reflects the write only after it has landed.
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

  /**
   * Installs the leader's snapshot at (meta.index, meta.term) — its region and user key/values — in
   * both engines, before the Ready carrying it is persisted (lab 3c). Three writes, each of which a
   * restart can take up from:
   *  (1) one kv batch: every user key of the region deleted, the snapshot's pairs put, the apply state
   *      (applied = truncated = the snapshot's index and term), the region state marked Applying;
   *  (2), (3) finishInstall: the raft engine's log and state, then the marker cleared.
   * A crash before (1) lands leaves the peer as it was (the leader sends the snapshot again); after it,
   * load() sees the marker and finishes (2)–(3). Then the in-memory side follows: the states, the
   * region, and the cache (empty, continuing at index + 1).
   */
  async applySnapshot(meta: SnapshotMetadata, content: SnapshotData, kvEngine: Engine): Promise<void> {
    // BEGIN lab3c: (1) one kv batch: delete every data key in this region's key range (scan dataKeyRange(start, end) of this.region; content.region is the same region, with the same range), put content.kvs (dataKey), apply state {applied = truncated = (index, term)}, region state {Applying, content.region}; write it; then PeerStorage.finishInstall for (2)–(3); then raftState, applyState, region and cache.reset(index + 1) in memory
    // brief: Installing a snapshot, step one: in one kv write, replace the region's data with the snapshot's
    // brief: and record it as applied, with a mark that an install is under way; then finish the install;
    // brief: then update memory.
    const { index, term } = meta;
    const { region, kvs } = content;
    const wb = new WriteBatch();
    for (const { key } of await kvEngine.scan(dataKeyRange(region.startKey, region.endKey))) wb.delete(key);
    for (const kv of kvs) wb.put(dataKey(kv.key), kv.value);
    const applyState: ApplyState = { appliedIndex: index, truncatedState: { index, term } };
    putApplyState(wb, this.regionId, applyState);
    putRegionLocalState(wb, this.regionId, { state: storepb.PeerState.Applying, region });
    await kvEngine.write(wb);
    const engines = { raftEngine: this.raftEngine, kvEngine, regionId: this.regionId };
    this.raftState = await PeerStorage.finishInstall(engines, applyState, region, this.raftState);
    this.persistedApplyState = applyState;
    this.currentRegion = region;
    this.cache.reset(index + 1);
    // END lab3c
  }

  /**
   * Steps (2)–(3) of a snapshot install whose kv batch (1) has landed (lab 3c), given what it wrote —
   * the apply state (truncated = the snapshot's index and term) and the region — and the raft state
   * the raft engine holds: (2) one raft batch deleting every raft-log key of the region and writing the
   * raft state {last index/term = the snapshot's, commit at least its index}; (3) the region state back
   * to Normal. Idempotent: load() runs it again after a crash anywhere past (1). Returns the new raft
   * state. The hard state keeps its term and vote unless the snapshot's term is newer: then it takes that
   * term with no vote (the vote was cast in the old term), so a restart before the Ready's own hard state
   * lands is never in a term older than its log's last entry, nor holds a vote it never cast.
   */
  static async finishInstall(
    engines: InstallEngines,
    applyState: ApplyState,
    region: Region,
    raftState: RaftLocalState,
  ): Promise<RaftLocalState> {
    // BEGIN lab3c: (2) one raft batch: delete every raft-log key of the region (raftLogKeyRange(regionId), the whole range), put RaftLocalState {hard state with commit >= index (term and vote kept, or the snapshot's newer term with vote 0), lastIndex/lastTerm = the truncated state}; write it; (3) a kv batch with the region state Normal; return the raft state
    // brief: Steps two and three: in one raft write, drop the region's whole old log and record a raft state
    // brief: that starts at the snapshot (committed at least that far, keeping the term and vote unless the
    // brief: snapshot's term is newer); then mark the install as done.
    const { raftEngine, kvEngine, regionId } = engines;
    const { index, term } = applyState.truncatedState;
    const wb = new WriteBatch();
    for (const { key } of await raftEngine.scan(raftLogKeyRange(regionId))) wb.delete(key);
    const hs = raftState.hardState;
    const commit = Math.max(hs.commit, index);
    const state: RaftLocalState = {
      hardState: hs.term >= term ? { ...hs, commit } : { term, vote: 0, commit },
      lastIndex: index,
      lastTerm: term,
    };
    putRaftLocalState(wb, regionId, state);
    await raftEngine.write(wb);
    const done = new WriteBatch();
    putRegionLocalState(done, regionId, { state: storepb.PeerState.Normal, region });
    await kvEngine.write(done);
    return state;
    // END lab3c
  }
}
