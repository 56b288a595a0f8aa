// Safety invariants of Raft (paper §5, Figure 3), checked over views of every peer after each event
// of a run: election safety, log matching, leader completeness, state-machine safety, commit never
// moving back, applied ≤ committed, in-order application (an application applies the committed entries
// one by one, or jumps to a snapshot's index when it restores one, and never moves back). The checker
// keeps the history it needs (leader of each term, every committed entry and the term it was first seen
// committed in, how far each application has applied).
import type { Entry } from '@target/raft/raftpb.js';

/** What the checker needs to know about one live peer. Entries are read, never modified. */
export interface PeerView {
  id: number;
  term: number;
  isLeader: boolean;
  /** The entries the peer holds, contiguous: entries[k].index === first + k. */
  entries: readonly Entry[];
  first: number;
  committed: number;
  applied: number;
}

/** A safety property of Raft does not hold. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    readonly detail: string,
    readonly seed: number | undefined,
    readonly where: string,
  ) {
    const seedText = seed === undefined ? '' : ` (seed ${seed})`;
    const whereText = where === '' ? '' : `\n  at: ${where}`;
    super(`Raft invariant "${invariant}" violated${seedText}: ${detail}${whereText}`);
  }
}

export interface InvariantOptions {
  /** Seed of the run, named in every violation. */
  seed?: number;
}

interface CommittedRecord {
  term: number;
  data: Uint8Array;
  /** Lowest term in which a peer was seen holding this index as committed (≥ the real commit term). */
  commitTerm: number;
  /** The peer that first reported it. */
  by: number;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function entryAt(p: PeerView, index: number): Entry | undefined {
  return index >= p.first ? p.entries[index - p.first] : undefined;
}

function lastIndexOf(p: PeerView): number {
  return p.first + p.entries.length - 1;
}

function show(e: Entry | undefined): string {
  return e === undefined ? 'nothing' : `${e.index}@${e.term}`;
}

export class RaftInvariants {
  private readonly seed: number | undefined;
  private readonly leaderOfTerm = new Map<number, number>();
  private readonly committedEntries = new Map<number, CommittedRecord>();
  private readonly lastCommit = new Map<number, number>();
  private readonly lastApplied = new Map<number, number>();
  /** Per peer: index of the last entry its application applied, or of the snapshot it restored last. */
  private readonly appIndex = new Map<number, number>();
  /** The entry objects each peer held at its last observation: what changed since is re-checked. */
  private readonly seenLogs = new Map<number, { first: number; refs: Entry[] }>();
  /** Per peer: committed entries up to this index were recorded / compared at an earlier observation. */
  private readonly smsChecked = new Map<number, number>();
  /** Per pair `a:b` (a < b): log matching holds up to this index, unless an entry below changed since. */
  private readonly pairChecked = new Map<string, number>();
  /** Number of observe() calls so far. */
  observations = 0;

  constructor(opts: InvariantOptions = {}) {
    this.seed = opts.seed;
  }

  private fail(invariant: string, detail: string, where: string): never {
    throw new InvariantViolation(invariant, detail, this.seed, where);
  }

  /** The entry committed at `index`, as far as any peer has reported. */
  committedAt(index: number): { term: number; data: Uint8Array } | undefined {
    const r = this.committedEntries.get(index);
    return r === undefined ? undefined : { term: r.term, data: r.data };
  }

  /** Highest index any peer has reported committed. */
  highestCommitted(): number {
    let hi = 0;
    for (const i of this.committedEntries.keys()) if (i > hi) hi = i;
    return hi;
  }

  /** Leader of each term seen so far. */
  leaders(): ReadonlyMap<number, number> {
    return this.leaderOfTerm;
  }

  /** Checks every invariant over the live peers; `where` says which event just happened. */
  observe(peers: readonly PeerView[], where = ''): void {
    this.observations++;
    const dirty = new Map<number, number>();
    for (const p of peers) dirty.set(p.id, this.dirtyFrom(p));
    for (const p of peers) {
      this.electionSafety(p, where);
      this.cursors(p, where);
      this.stateMachineSafety(p, dirty.get(p.id)!, where);
    }
    this.logMatching(peers, dirty, where);
    for (const p of peers) if (p.isLeader) this.leaderCompleteness(p, where);
  }

  /**
   * Lowest index of p's log holding another entry object than at p's last observation (Infinity when
   * nothing changed). Only entries from there on need checking again (entries are never mutated).
   */
  private dirtyFrom(p: PeerView): number {
    const seen = this.seenLogs.get(p.id);
    if (seen === undefined || seen.first !== p.first) {
      this.seenLogs.set(p.id, { first: p.first, refs: [...p.entries] });
      return p.first;
    }
    const n = Math.min(seen.refs.length, p.entries.length);
    let k = 0;
    while (k < n && seen.refs[k] === p.entries[k]) k++;
    if (k === seen.refs.length && k === p.entries.length) return Number.POSITIVE_INFINITY;
    seen.refs.length = k;
    for (let j = k; j < p.entries.length; j++) seen.refs.push(p.entries[j]!);
    return p.first + k;
  }

  /** A peer restarted; its applied index restarts from `applied` (what its config said). */
  restarted(id: number, applied: number): void {
    this.lastApplied.set(id, applied);
  }

  /** Index of the last entry the application of peer `id` applied (or of the snapshot it restored). */
  appliedBy(id: number): number {
    return this.appIndex.get(id) ?? 0;
  }

  /**
   * The application of peer `id` (in `term`) applied `entries`: they must follow on from what it applied
   * before without a gap or repeat, and be exactly the entries committed at those indexes.
   */
  onApply(id: number, term: number, entries: readonly Entry[], where = ''): void {
    const prev = this.appliedBy(id);
    entries.forEach((e, k) => {
      const want = prev + 1 + k;
      if (e.index !== want) {
        this.fail(
          'apply in order',
          `node ${id} was handed entry ${show(e)} to apply, but the next index to apply is ${want} ` +
            '(committed entries are applied once each, in log order, with no gap; only a snapshot skips ahead)',
          where,
        );
      }
      this.record(id, term, e, where, 'state machine safety');
      this.appIndex.set(id, e.index);
    });
  }

  /**
   * The application of peer `id` restored a snapshot of the entries up to `index`@`term`: its applied
   * index jumps there. It may jump over entries, never back; and where an entry is known to be
   * committed at `index`, the snapshot must end with it.
   */
  onRestore(id: number, index: number, term: number, where = ''): void {
    const prev = this.appliedBy(id);
    if (index < prev) {
      this.fail(
        'applied never goes backwards',
        `node ${id} restored a snapshot at ${index}@${term}, but its application had already applied up to ${prev}`,
        where,
      );
    }
    const rec = this.committedEntries.get(index);
    if (rec !== undefined && rec.term !== term) {
      this.fail(
        'state machine safety',
        `node ${id} restored a snapshot ending at ${index}@${term}, but node ${rec.by} committed ${index}@${rec.term} there ` +
          '(a snapshot holds committed entries only)',
        where,
      );
    }
    this.appIndex.set(id, index);
  }

  private electionSafety(p: PeerView, where: string): void {
    if (!p.isLeader) return;
    const other = this.leaderOfTerm.get(p.term);
    if (other === undefined) {
      this.leaderOfTerm.set(p.term, p.id);
    } else if (other !== p.id) {
      this.fail(
        'election safety',
        `nodes ${other} and ${p.id} were both leader in term ${p.term} ` +
          '(§5.2: at most one leader can be elected in a given term)',
        where,
      );
    }
  }

  private cursors(p: PeerView, where: string): void {
    const last = lastIndexOf(p);
    if (p.committed > last) {
      this.fail(
        'commit within log',
        `node ${p.id} has commit index ${p.committed} but its log ends at ${last}: a node can only commit entries it holds`,
        where,
      );
    }
    const prev = this.lastCommit.get(p.id) ?? 0;
    if (p.committed < prev) {
      this.fail(
        'commit never goes backwards',
        `node ${p.id}'s commit index went from ${prev} back to ${p.committed} ` +
          '(a committed entry stays committed; after a restart the commit index comes from the persisted hard state)',
        where,
      );
    }
    this.lastCommit.set(p.id, p.committed);
    if (p.applied > p.committed) {
      this.fail(
        'applied ≤ committed',
        `node ${p.id} has applied index ${p.applied} above its commit index ${p.committed}: only committed entries may be applied`,
        where,
      );
    }
    const prevApplied = this.lastApplied.get(p.id) ?? 0;
    if (p.applied < prevApplied) {
      this.fail(
        'applied never goes backwards',
        `node ${p.id}'s applied index went from ${prevApplied} back to ${p.applied}`,
        where,
      );
    }
    this.lastApplied.set(p.id, p.applied);
  }

  /** Records (or compares) the entry `e` that `id` (in `term`) holds as committed. */
  private record(id: number, term: number, e: Entry, where: string, invariant: string): void {
    const rec = this.committedEntries.get(e.index);
    if (rec === undefined) {
      this.committedEntries.set(e.index, { term: e.term, data: e.data, commitTerm: term, by: id });
      return;
    }
    if (rec.term !== e.term || !sameBytes(rec.data, e.data)) {
      this.fail(
        invariant,
        `node ${id} has ${show(e)} committed at index ${e.index}, but node ${rec.by} committed ` +
          `${rec.term === e.term ? 'an entry with other data' : `${e.index}@${rec.term}`} there ` +
          '(§5.4.3: no two servers may apply different entries at the same index)',
        where,
      );
    }
    if (term < rec.commitTerm) rec.commitTerm = term;
  }

  private stateMachineSafety(p: PeerView, dirty: number, where: string): void {
    const from = Math.max(p.first, 1, Math.min(dirty, (this.smsChecked.get(p.id) ?? 0) + 1));
    for (let i = from; i <= p.committed; i++) {
      const e = entryAt(p, i);
      if (e === undefined) continue;
      this.record(p.id, p.term, e, where, 'state machine safety');
    }
    this.smsChecked.set(p.id, p.committed);
  }

  private logMatching(peers: readonly PeerView[], dirty: ReadonlyMap<number, number>, where: string): void {
    const byId = new Map(peers.map((p) => [p.id, p]));
    const ids = [...this.seenLogs.keys()].sort((x, y) => x - y);
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const key = `${ids[x]}:${ids[y]}`;
        const a = byId.get(ids[x]!);
        const b = byId.get(ids[y]!);
        const checked = this.pairChecked.get(key) ?? 0;
        if (a !== undefined && b !== undefined) {
          const from = Math.min(dirty.get(a.id)!, dirty.get(b.id)!, checked + 1);
          this.pairChecked.set(key, this.matchPair(a, b, from, where));
        } else if (a !== undefined || b !== undefined) {
          // one side is down: remember how far the other side's changes reach, to check them later
          const d = dirty.get((a ?? b)!.id)!;
          if (d - 1 < checked) this.pairChecked.set(key, d - 1);
        }
      }
    }
  }

  /**
   * §5.3: if two logs hold an entry with the same index and term, they are identical up to it. Checks
   * the indexes from `from` on (the relation of each with the one before); returns the last checked.
   */
  private matchPair(a: PeerView, b: PeerView, from: number, where: string): number {
    const lo = Math.max(a.first, b.first, from);
    const hi = Math.min(lastIndexOf(a), lastIndexOf(b));
    for (let i = hi; i >= lo; i--) {
      const ea = entryAt(a, i)!;
      const eb = entryAt(b, i)!;
      if (ea.term !== eb.term) continue;
      if (!sameBytes(ea.data, eb.data)) {
        this.fail(
          'log matching',
          `nodes ${a.id} and ${b.id} both hold an entry at index ${i} with term ${ea.term} but with different data ` +
            '(§5.3: one leader creates at most one entry per index in a term)',
          where,
        );
      }
      const pa = entryAt(a, i - 1);
      const pb = entryAt(b, i - 1);
      if (pa !== undefined && pb !== undefined && pa.term !== pb.term) {
        this.fail(
          'log matching',
          `nodes ${a.id} and ${b.id} both hold entry ${i}@${ea.term} but differ before it: node ${a.id} has ` +
            `${show(pa)}, node ${b.id} has ${show(pb)} (§5.3: logs that agree on an entry agree on all before it)`,
          where,
        );
      }
    }
    return hi;
  }

  /**
   * §5.4: a leader holds every entry committed in an earlier term (below its first index, compacted
   * into its snapshot, which holds only committed entries).
   */
  private leaderCompleteness(p: PeerView, where: string): void {
    for (const [i, rec] of this.committedEntries) {
      if (rec.commitTerm >= p.term || i < p.first) continue;
      const e = entryAt(p, i);
      if (e === undefined || e.term !== rec.term || !sameBytes(e.data, rec.data)) {
        this.fail(
          'leader completeness',
          `node ${p.id} is leader of term ${p.term} but holds ${show(e)} at index ${i}, where ${i}@${rec.term} ` +
            `was committed by term ${rec.commitTerm} (§5.4: a leader's log contains every entry committed in earlier terms)`,
          where,
        );
      }
    }
  }
}
