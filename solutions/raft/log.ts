// RaftLog: the node's view of the log — what storage holds plus the unstable tail not yet persisted —
// with the committed, applied and stabled cursors.
//
//   compacted | first ........ applied ....... committed ........ stabled ........ last
//   (storage snapshot)  [----- entries held in memory: stable (in storage) | unstable (not yet) -----]
//
// Invariants: first - 1 <= applied <= committed <= last; first - 1 <= stabled <= last (applied may lag
// behind first - 1 only while a restored snapshot is pending). RawNode checks them (checkInvariants).
import { CompactedError, RaftInvariantError, UnavailableError } from './errors.js';
import type { Entry, Snapshot } from './raftpb.js';
import type { Storage } from './storage.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

/** Where RawNode checks the invariants: when a Ready is collected, or when advance() is done. */
export type InvariantCheckpoint = 'ready' | 'advance';

const CHECKPOINTS: Record<InvariantCheckpoint, string> = {
  ready: 'checked when RawNode.ready() was called',
  advance: 'checked at the end of RawNode.advance()',
};

/** The log's cursors, as the invariant rules see them. */
interface Cursors {
  first: number;
  last: number;
  committed: number;
  applied: number;
  stabled: number;
  snapshotPending: boolean;
}

/** One invariant: when it is broken, what to show, and the likeliest culprit at each checkpoint. */
interface LogRule {
  rule: string;
  broken(c: Cursors): boolean;
  found(c: Cursors): string;
  blame: Record<InvariantCheckpoint, string>;
}

const LOG_RULES: readonly LogRule[] = [
  {
    rule: 'committed ≤ last',
    broken: (c) => c.committed > c.last,
    found: (c) => `committed ${c.committed} > last ${c.last}`,
    blame: {
      ready:
        'commitTo() must never move committed past lastIndex(), and maybeAppend() must never truncate a committed entry; restore() sets first = snapshot index + 1 (so last = index) and committed = index',
      advance: 'advance() must not move committed, and maybeCompact() must not drop the last entry',
    },
  },
  {
    rule: 'committed ≥ first − 1',
    broken: (c) => c.committed < c.first - 1,
    found: (c) => `committed ${c.committed} < first − 1 = ${c.first - 1}`,
    blame: {
      ready:
        "the RaftLog constructor must take committed from storage's hard state and first from storage.firstIndex(), and restore() sets committed to the snapshot index",
      advance: 'maybeCompact() must never drop an entry that is not applied, let alone one not committed',
    },
  },
  {
    rule: 'applied ≤ committed',
    broken: (c) => c.applied > c.committed,
    found: (c) => `applied ${c.applied} > committed ${c.committed}`,
    blame: {
      ready:
        "committed never moves back (commitTo()) and only advance() moves applied; on a restart Config.applied must not exceed the hard state's commit",
      advance: 'advance() must move applied only to the last entry the Ready handed out for applying',
    },
  },
  {
    rule: 'applied ≥ first − 1',
    broken: (c) => c.applied < c.first - 1 && !c.snapshotPending,
    found: (c) => `applied ${c.applied} < first − 1 = ${c.first - 1}`,
    blame: {
      ready:
        'the RaftLog constructor must set applied = storage.firstIndex() − 1, and maybeCompact() must never drop an entry not yet applied; or restore() did not keep the snapshot in pendingSnapshot (this rule is waived only while a snapshot is pending)',
      advance:
        'maybeCompact() must never drop an entry not yet applied (first ≤ applied + 1), and a Ready carrying a snapshot moves applied to its index',
    },
  },
  {
    rule: 'stabled ≤ last',
    broken: (c) => c.stabled > c.last,
    found: (c) => `stabled ${c.stabled} > last ${c.last}`,
    blame: {
      ready:
        'maybeAppend() must move stabled back when it truncates a conflicting tail (to the index before the first replaced entry)',
      advance: "stableTo() must move stabled only to an entry the log still holds with the Ready's term",
    },
  },
  {
    rule: 'stabled ≥ first − 1',
    broken: (c) => c.stabled < c.first - 1,
    found: (c) => `stabled ${c.stabled} < first − 1 = ${c.first - 1}`,
    blame: {
      ready:
        'the RaftLog constructor must set stabled = storage.lastIndex(), and restore() sets it to the snapshot index',
      advance: 'maybeCompact() must never drop an entry not yet persisted (first ≤ stabled + 1)',
    },
  },
];

export class RaftLog {
  /** Highest index known to be stored on a quorum. */
  committed = 0;
  /** Highest index the application has been told to apply (handed out in a Ready). */
  applied = 0;
  /** Entries with index <= stabled are in storage; later ones are unstable (go out in Ready.entries). */
  stabled = 0;
  /** Entries held in memory, contiguous: entries[i].index === first + i. */
  entries: Entry[] = [];
  /** Index of entries[0]; when entries is empty, the index the next entry will get. */
  first = 1;
  /** A snapshot received from the leader and not yet handed to the application (lab 3). */
  pendingSnapshot: Snapshot | null = null;

  constructor(readonly storage: Storage) {
    // BEGIN lab1a: load the log from storage: entries [firstIndex, lastIndex], stabled = lastIndex, committed from the hard state but never below firstIndex - 1 (a snapshot is committed), applied = firstIndex - 1
    // brief: Rebuild the log from what storage durably holds: every stored entry is stable, nothing past a
    // brief: snapshot is applied yet, and what was committed before (by the hard state, or by a snapshot) is
    // brief: committed again.
    const firstIndex = storage.firstIndex();
    const lastIndex = storage.lastIndex();
    this.first = firstIndex;
    this.entries = lastIndex >= firstIndex ? storage.entries(firstIndex, lastIndex + 1) : [];
    this.stabled = lastIndex;
    // Storage may hold a snapshot newer than its hard state (a crash between persisting the two).
    this.committed = Math.max(storage.initialState().hardState.commit, firstIndex - 1);
    this.applied = firstIndex - 1;
    // END lab1a
  }

  /** Index of the last entry (or of the snapshot/compaction point when no entry is held). */
  lastIndex(): number {
    // BEGIN lab1a: the index of the last entry held, or first - 1 when none
    // brief: The index of the newest entry the log holds, also when it holds none.
    return this.first + this.entries.length - 1;
    // END lab1a
  }

  /**
   * Term of entry i. Answers for first - 1 too (the compaction point, from a pending snapshot or
   * storage). Throws CompactedError below that and UnavailableError past lastIndex().
   */
  term(i: number): number {
    // BEGIN lab1a: in-memory entries first; first - 1 from the pending snapshot or storage; errors outside
    // brief: The term of any index the log can still speak for, from memory, from a pending snapshot or from
    // brief: storage; an index compacted away and one not yet written are each an error of its own kind.
    if (i > this.lastIndex()) throw new UnavailableError(i);
    if (i >= this.first) return this.entries[i - this.first]!.term;
    if (i === this.first - 1 && this.pendingSnapshot !== null) return this.pendingSnapshot.metadata.term;
    if (i < this.first - 1) throw new CompactedError(i);
    return this.storage.term(i);
    // END lab1a
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  /** Entries in [lo, hi) from memory. Throws CompactedError if lo < first, UnavailableError if hi > last + 1. */
  slice(lo: number, hi: number): Entry[] {
    // BEGIN lab1a: a copy of the in-memory entries [lo, hi); CompactedError below first, UnavailableError past last
    // brief: A copy of a range of the entries held; asking for entries compacted away or not yet written is
    // brief: an error of its own kind.
    if (lo < this.first) throw new CompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new UnavailableError(hi - 1);
    return this.entries.slice(lo - this.first, hi - this.first);
    // END lab1a
  }

  /** §5.4.1: is a log ending at (lastIndex, lastTerm) at least as up-to-date as ours? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    // BEGIN lab1a: compare last terms first, then last indexes
    // brief: Raft's "at least as up to date" rule (paper 5.4.1): the later last term wins; with equal last
    // brief: terms, the longer log does.
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
    // END lab1a
  }

  /** Leader-side append: entries must continue the log (index lastIndex() + 1, …). */
  append(entries: Entry[]): number {
    // BEGIN lab1a: push the entries (they are unstable until the application persists them)
    // brief: New entries go at the end of the log; they are not durable yet.
    for (const e of entries) this.entries.push(e);
    return this.lastIndex();
    // END lab1a
  }

  /** True when we hold entry `index` with term `term` (index 0 / term 0 always matches). */
  matchTerm(index: number, term: number): boolean {
    try {
      return this.term(index) === term;
    } catch (e) {
      if (e instanceof CompactedError || e instanceof UnavailableError) return false;
      throw e;
    }
  }

  /** Moves committed forward to i (never backward, never past the last index). */
  commitTo(i: number): void {
    // BEGIN lab1a: committed = max(committed, min(i, lastIndex))
    // brief: The commit index never moves back, and never past the entries the log holds.
    const to = Math.min(i, this.lastIndex());
    if (to > this.committed) this.committed = to;
    // END lab1a
  }

  /**
   * Follower-side append (Figure 2, AppendEntries receiver rules 3–4): entries follow prevIndex; an
   * existing entry that conflicts (same index, other term) is deleted with all that follow it; entries
   * already present are kept; new ones are appended. Returns the index of the last new entry.
   */
  maybeAppend(prevIndex: number, entries: Entry[]): number {
    // BEGIN lab1b: skip entries we already have, truncate at the first conflict (stabled may move back), append the rest
    // brief: Entries the log already has (same index and term) stay untouched; at the first conflict the tail
    // brief: from there is dropped, and whatever was dropped no longer counts as persisted; then the rest is
    // brief: added.
    for (const [k, e] of entries.entries()) {
      if (e.index <= this.lastIndex() && this.matchTerm(e.index, e.term)) continue;
      if (e.index <= this.lastIndex()) {
        this.entries.length = e.index - this.first;
        this.stabled = Math.min(this.stabled, e.index - 1);
      }
      for (const rest of entries.slice(k)) this.entries.push(rest);
      break;
    }
    return prevIndex + entries.length;
    // END lab1b
  }

  /** Entries not yet persisted: index > stabled. */
  unstableEntries(): Entry[] {
    // BEGIN lab1c: the in-memory entries after stabled
    // brief: The entries the application has not persisted yet.
    return this.entries.slice(Math.max(0, this.stabled + 1 - this.first));
    // END lab1c
  }

  /** Entries committed but not yet handed out for applying: (applied, committed]. */
  nextEnts(): Entry[] {
    // BEGIN lab1c: the entries in (applied, committed]
    // brief: The entries committed but not yet applied.
    return this.entries.slice(Math.max(0, this.applied + 1 - this.first), this.committed + 1 - this.first);
    // END lab1c
  }

  /** All entries held in memory (for tests and debugging). */
  allEntries(): Entry[] {
    return [...this.entries];
  }

  /** The application persisted entries up to i (only if i still has term t: the tail may have been replaced since). */
  stableTo(i: number, t: number): void {
    // BEGIN lab1c: move stabled to i unless the entry at i was replaced (its term is no longer t)
    // brief: Entries are persisted up to a point, unless the entry there was replaced in the meantime (its
    // brief: term changed); the mark never moves back.
    if (this.matchTerm(i, t) && i > this.stabled) this.stabled = i;
    // END lab1c
  }

  /** The application was handed entries up to i for applying. */
  appliedTo(i: number): void {
    // BEGIN lab1c: applied = i (it never passes committed and never goes back)
    // brief: Record how far the application has applied: never past the commit index, never backwards.
    if (i > this.committed || i < this.applied)
      throw new RangeError(`applied(${i}) outside [${this.applied}, ${this.committed}]`);
    this.applied = i;
    // END lab1c
  }

  /**
   * Restarts the log from a snapshot (a follower installing the leader's, lab 3): every in-memory entry
   * goes, the snapshot index becomes the compaction point (first − 1), stabled and committed move to
   * it, and the snapshot waits in pendingSnapshot for the next Ready. applied is kept: advance() of
   * that Ready moves it to the snapshot index.
   */
  restore(snapshot: Snapshot): void {
    // BEGIN lab3a: drop every entry; first = snapshot index + 1; stabled and committed = snapshot index; keep the snapshot pending
    // brief: A snapshot replaces the whole log: the log now starts right after it, and everything up to it
    // brief: counts as committed and persisted; keep the snapshot until the application has installed it.
    const index = snapshot.metadata.index;
    this.entries = [];
    this.first = index + 1;
    this.stabled = index;
    this.committed = index;
    this.pendingSnapshot = snapshot;
    // END lab3a
  }

  /** Throws RaftInvariantError if a cursor broke an invariant of the header comment (RawNode calls it). */
  checkInvariants(checkpoint: InvariantCheckpoint): void {
    // The fast path (every Ready and advance): the six rules of LOG_RULES at once, keep them in step,
    // without building anything; the slow path below finds which rule broke.
    const last = this.lastIndex();
    const floor = this.first - 1;
    const appliedOk = this.applied >= floor || this.pendingSnapshot !== null;
    const ok =
      this.committed <= last &&
      this.committed >= floor &&
      this.applied <= this.committed &&
      appliedOk &&
      this.stabled <= last &&
      this.stabled >= floor;
    if (ok) return;
    const cursors: Cursors = {
      first: this.first,
      last: this.lastIndex(),
      committed: this.committed,
      applied: this.applied,
      stabled: this.stabled,
      snapshotPending: this.pendingSnapshot !== null,
    };
    for (const r of LOG_RULES) {
      if (r.broken(cursors)) {
        throw new RaftInvariantError(r.rule, r.found(cursors), CHECKPOINTS[checkpoint], r.blame[checkpoint]);
      }
    }
  }

  /**
   * Drops in-memory entries that storage has compacted (log GC, lab 2), keeping everything that is
   * still unstable or not yet applied.
   */
  maybeCompact(): void {
    const storageFirst = this.storage.firstIndex();
    if (storageFirst <= this.first) return;
    // BEGIN lab2a: drop entries below storage.firstIndex(), but never an unstable or unapplied one
    // brief: Forget the in-memory entries that storage has compacted, but never one the application has not
    // brief: yet persisted or applied.
    const newFirst = Math.min(storageFirst, this.stabled + 1, this.applied + 1);
    if (newFirst <= this.first) return;
    this.entries = this.entries.slice(newFirst - this.first);
    this.first = newFirst;
    // END lab2a
  }
}
