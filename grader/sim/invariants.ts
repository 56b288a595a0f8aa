// Core invariants checked while a simulation runs, each failing the run at the first violation:
// at most one leader per term; every store's user data identical at the same applied index (a
// snapshot install included: the data it writes must be exactly every other store's at its index); a
// store's persisted applied index never goes back (it may jump forward, at an install); a store's term
// and commit never go back; hard state and entries persisted before the messages that depend on them
// are sent; no double vote within a term. The persisted last index is free to move (a replaced tail
// lowers it, an install sets it to the snapshot's index).
import { raftpb, type storepb } from '@target/proto/pb.js';
import { InvariantViolation } from './errors.js';
import { type ApplyBoundary, type PersistedView, formatDigest } from './persisted.js';
import type { Sim } from './sim.js';
import type { StoreStatusView } from './types.js';

const MT = raftpb.MessageType;

interface AppliedAt {
  store: number;
  d1: number;
  d2: number;
  size: number;
  t: number;
  /** The data itself when it is small (for the message), else undefined. */
  contents: Map<string, string> | undefined;
}

/** Data sets up to this many keys are kept per applied index, to name the keys that differ. */
const KEEP_CONTENTS_UP_TO = 64;

/** The keys on which two data sets differ, e.g. `k3: "c1.5" vs absent`. */
function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const show = (v: string | undefined): string => (v === undefined ? 'absent' : JSON.stringify(v));
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${show(a.get(k))} vs ${show(b.get(k))}`);
}

interface Observed {
  incarnation: number;
  term: number;
  committed: number;
}

/** appliedAt is pruned when it holds this many indexes (so memory stays bounded over long runs). */
const PRUNE_AT = 4096;

export class InvariantMonitor {
  private readonly leaders = new Map<number, { store: number; t: number }>();
  /** The data at each applied index, as the first store to reach it wrote it; pruned behind the slowest store. */
  private readonly appliedAt = new Map<number, AppliedAt>();
  /** The highest applied index each store has written. */
  private readonly reached = new Map<number, number>();
  private readonly observed = new Map<number, Observed>();
  /** How many applied-index boundaries were compared against another store's. */
  comparisons = 0;
  /** Snapshot installs seen on any store (ApplyBoundary.install). */
  installs = 0;

  constructor(
    private readonly sim: Sim,
    /** Every store of the cluster: an index is forgotten once all of them have applied past it. */
    private readonly storeIds: readonly number[],
  ) {}

  /** Leader elections seen so far: term → store. */
  get leadersByTerm(): ReadonlyMap<number, { store: number; t: number }> {
    return this.leaders;
  }

  /** A status poll of a running store. */
  status(storeId: number, incarnation: number, st: StoreStatusView): void {
    const prev = this.observed.get(storeId);
    if (prev !== undefined && prev.incarnation === incarnation) {
      if (st.term < prev.term) {
        this.violate(
          `store ${storeId}'s term went back from ${prev.term} to ${st.term} (without a restart)`,
          {
            hint: 'a term only ever grows: becomeFollower/becomeCandidate must never lower it',
          },
        );
      }
      if (st.committed < prev.committed) {
        this.violate(`store ${storeId}'s commit index went back from ${prev.committed} to ${st.committed}`, {
          hint: 'the commit index only ever grows (commitTo must ignore smaller values)',
        });
      }
    }
    this.observed.set(storeId, { incarnation, term: st.term, committed: st.committed });
    if (st.applied > st.committed) {
      this.violate(`store ${storeId} applied index ${st.applied} beyond its commit index ${st.committed}`, {
        hint: 'only committed entries may be applied',
      });
    }
    if (st.raftState !== 'Leader') return;
    const other = this.leaders.get(st.term);
    if (other === undefined) {
      this.leaders.set(st.term, { store: storeId, t: this.sim.now });
    } else if (other.store !== storeId) {
      this.violate(
        `two leaders in term ${st.term}: store ${other.store} (since t=${other.t}ms) and store ${storeId}`,
        {
          expected: 'at most one leader per term (Raft §5.2, Election Safety)',
          actual: `stores ${other.store} and ${storeId} both lead term ${st.term}`,
          hint: 'a node grants at most one vote per term, persists it before answering, and needs a majority to win',
        },
      );
    }
  }

  /** The raft engine's RaftLocalState was rewritten. */
  raftState(storeId: number, prev: PersistedView, next: PersistedView): void {
    if (next.term < prev.term) {
      this.violate(`store ${storeId} persisted term ${next.term} after having persisted term ${prev.term}`, {
        hint: 'the persisted hard state must never go back: a restart would forget a vote or a term',
      });
    } else if (next.term === prev.term && prev.vote !== 0 && next.vote !== prev.vote) {
      this.violate(
        `store ${storeId} changed its persisted vote in term ${next.term} from ${prev.vote} to ${next.vote}`,
        {
          hint: 'a node votes at most once per term (Figure 2, RequestVote receiver rule 2)',
        },
      );
    }
    if (next.commit < prev.commit && next.term >= prev.term) {
      this.violate(
        `store ${storeId} persisted commit ${next.commit} after having persisted commit ${prev.commit}`,
        {
          hint: 'the commit index in the hard state only ever grows',
        },
      );
    }
  }

  /** Forgets the indexes every store has applied past: no store will write them again. */
  private prune(): void {
    const floor = Math.min(...this.storeIds.map((id) => this.reached.get(id) ?? 0));
    for (const index of this.appliedAt.keys()) if (index < floor) this.appliedAt.delete(index);
  }

  /**
   * Store storeId's engines were replaced by empty ones (Cluster.wipe): what it applied before is
   * forgotten, so that its new engines may start again from the bootstrap index.
   */
  forget(storeId: number): void {
    this.reached.delete(storeId);
  }

  /** A kv write set the applied index: compare the user data with every other store's at that index. */
  applied(storeId: number, b: ApplyBoundary): void {
    if (b.applied < b.prevApplied) {
      this.violate(
        `store ${storeId}'s persisted applied index went back from ${b.prevApplied} to ${b.applied}`,
        {
          expected: `applied index >= ${b.prevApplied}`,
          actual: `a kv write set applied index ${b.applied} (truncated index ${b.truncated})`,
          hint:
            'the applied index only ever grows: a restart re-applies from the persisted applied index + 1, and ' +
            'a snapshot at or below the applied index must be ignored, not installed',
        },
      );
      return;
    }
    if (b.install) this.installs++;
    this.reached.set(storeId, Math.max(b.applied, this.reached.get(storeId) ?? 0));
    if (this.appliedAt.size >= PRUNE_AT) this.prune();
    const first = this.appliedAt.get(b.applied);
    if (first === undefined) {
      const contents = b.size <= KEEP_CONTENTS_UP_TO ? b.contents() : undefined;
      this.appliedAt.set(b.applied, {
        store: storeId,
        d1: b.d1,
        d2: b.d2,
        size: b.size,
        t: this.sim.now,
        contents,
      });
      return;
    }
    this.comparisons++;
    if (first.d1 !== b.d1 || first.d2 !== b.d2 || first.size !== b.size) {
      const differs =
        first.contents === undefined
          ? []
          : diff(first.contents, b.contents())
              .slice(0, 5)
              .map((l) => `\n    ${l}`);
      this.violate(
        `stores ${first.store} and ${storeId} hold different data at the same applied index ${b.applied}` +
          (b.install ? ` (store ${storeId} installed a snapshot there)` : ''),
        {
          expected: `the data store ${first.store} had at applied index ${b.applied} (t=${first.t}ms): digest ${formatDigest(first)}`,
          actual:
            `store ${storeId}'s data at applied index ${b.applied}: digest ${formatDigest(b)}` +
            (differs.length > 0
              ? `; keys that differ (store ${first.store} vs store ${storeId}):${differs.join('')}`
              : ''),
          hint: b.install
            ? `store ${storeId} installed a snapshot at index ${b.applied}: its data must be exactly the state at that ` +
              "index (generated through one read view holding the persisted apply state and the region's keys), and " +
              'the install must replace every user key of the region (delete the old ones, write the snapshot’s)'
            : 'every store must apply the same committed entries in the same order (State Machine Safety), and ' +
              'write the applied index in the same WriteBatch as the data it covers',
        },
      );
    }
  }

  /** A store is sending msg; check that what it depends on is already persisted. */
  sending(storeId: number, persisted: PersistedView, msg: storepb.RaftMessage): void {
    const m = msg.message;
    if (m == null) return;
    const type = m.msgType ?? 0;
    const name = MT[type] ?? `type ${type}`;
    const term = Number(m.term ?? 0);
    const to = Number(m.to ?? 0);
    const hint =
      "persist the Ready's hard state and entries (and await the write) before sending its messages";
    if (term > persisted.term) {
      this.violate(`store ${storeId} sent ${name} at term ${term} before persisting that term`, {
        expected: `persisted term >= ${term}`,
        actual: `persisted term ${persisted.term}`,
        hint,
      });
      return;
    }
    if (
      type === MT.MsgRequestVoteResponse &&
      m.reject !== true &&
      persisted.term === term &&
      persisted.vote !== to
    ) {
      this.violate(`store ${storeId} granted its vote to ${to} in term ${term} before persisting that vote`, {
        expected: `persisted vote ${to}`,
        actual: `persisted vote ${persisted.vote}`,
        hint,
      });
    } else if (type === MT.MsgRequestVote && persisted.term === term && persisted.vote !== storeId) {
      this.violate(`store ${storeId} asked for votes in term ${term} before persisting its vote for itself`, {
        expected: `persisted vote ${storeId}`,
        actual: `persisted vote ${persisted.vote}`,
        hint,
      });
    } else if (
      type === MT.MsgAppendResponse &&
      m.reject !== true &&
      Number(m.index ?? 0) > persisted.lastIndex
    ) {
      this.violate(
        `store ${storeId} acknowledged entries up to index ${Number(m.index)} before persisting them`,
        {
          expected: `persisted last index >= ${Number(m.index)}`,
          actual: `persisted last index ${persisted.lastIndex}`,
          hint,
        },
      );
    }
  }

  private violate(what: string, details: ConstructorParameters<typeof InvariantViolation>[1]): void {
    this.sim.fail(new InvariantViolation(what, details));
  }
}
