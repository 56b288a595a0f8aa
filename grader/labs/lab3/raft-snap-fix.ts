// Fixtures for lab 3a's Raft-core tests: storage compacted behind a snapshot, a storage whose snapshot
// is "temporarily unavailable" until the test says so, a leader over it with its followers' progress
// placed where a test wants them, MsgSnapshot builders and one-line renderings for failure messages.
import { SnapshotTemporarilyUnavailableError } from '@target/raft/errors.js';
import { ProgressState, type Raft } from '@target/raft/raft.js';
import { type Message, MessageType, type Snapshot, newMessage } from '@target/raft/raftpb.js';
import { MemoryStorage } from '@target/raft/storage.js';
import { bytes, entriesWithTerms, forceLeader, newRaft, showMsg } from '../../harness/raftfix.js';
import { check } from '../../harness/rule.js';

/** The compaction point of the standard leader: entries up to 10 are compacted behind a snapshot. */
export const SNAP_INDEX = 10;
/** Term of entries 1..SNAP_INDEX (so of the snapshot); later entries have LATER_TERM. */
export const SNAP_TERM = 1;
export const LATER_TERM = 2;
/** The standard leader's storage holds entries up to 20. */
export const STORED_LAST = 20;

/** Term of entry i in the standard log: 1 up to the compaction point, 2 after it. */
export function standardTerm(i: number): number {
  return i <= SNAP_INDEX ? SNAP_TERM : LATER_TERM;
}

/**
 * A MemoryStorage whose snapshot() throws SnapshotTemporarilyUnavailableError until `available` is
 * set, as a store's storage does while a snapshot is being generated. Counts the calls.
 */
export class GatedStorage extends MemoryStorage {
  available = false;
  calls = 0;
  override snapshot(): Snapshot {
    this.calls++;
    if (!this.available) throw new SnapshotTemporarilyUnavailableError();
    return super.snapshot();
  }
}

/**
 * Fills `s` with entries 1..STORED_LAST (standardTerm), a snapshot at SNAP_INDEX with membership
 * `peers`, compacts up to it (firstIndex = SNAP_INDEX + 1) and sets a hard state committing everything.
 */
export function fillCompacted<S extends MemoryStorage>(s: S, peers: readonly number[]): S {
  const terms = Array.from({ length: STORED_LAST }, (_, k) => standardTerm(k + 1));
  s.append(entriesWithTerms(terms));
  s.createSnapshot(SNAP_INDEX, { nodes: [...peers] }, bytes(`state@${SNAP_INDEX}`));
  s.compact(SNAP_INDEX);
  s.setHardState({ term: LATER_TERM, vote: 1, commit: STORED_LAST });
  return s;
}

/** Where to put one follower's progress before the test acts. */
export interface FollowerAt {
  next: number;
  match: number;
}

/**
 * Node 1 as leader (term 3) over compacted storage (first index 11, entries up to 20, its no-op at 21),
 * with the given followers' progress placed as asked. Checks its own setup.
 */
export function compactedLeader(
  peers: readonly number[],
  followers: Record<number, FollowerAt>,
  storage: MemoryStorage = fillCompacted(new MemoryStorage([...peers]), peers),
): Raft {
  const r = newRaft(1, { peers, storage, applied: STORED_LAST });
  forceLeader(r);
  check(
    r.raftLog.first === SNAP_INDEX + 1 && storage.firstIndex() === SNAP_INDEX + 1,
    'setup: the leader’s log must start right after the compaction point',
    {
      expected: { logFirst: SNAP_INDEX + 1, storageFirst: SNAP_INDEX + 1 },
      actual: { logFirst: r.raftLog.first, storageFirst: storage.firstIndex() },
      hint: 'the RaftLog constructor takes first from storage.firstIndex() (lab 1a)',
    },
  );
  for (const [id, at] of Object.entries(followers)) {
    const pr = r.prs.get(Number(id))!;
    pr.next = at.next;
    pr.match = at.match;
  }
  return r;
}

/** Messages of `msgs` addressed to `to`. */
export function to(msgs: readonly Message[], id: number): Message[] {
  return msgs.filter((m) => m.to === id);
}

/** Messages of one type. */
export function ofType(msgs: readonly Message[], t: MessageType): Message[] {
  return msgs.filter((m) => m.msgType === t);
}

/** A snapshot covering the entries up to `index`@`term`, with membership `nodes`. */
export function snapshotAt(index: number, term: number, nodes: readonly number[]): Snapshot {
  return {
    data: bytes(`state@${index}`),
    metadata: { index, term, confState: { nodes: [...nodes] } },
  };
}

/** MsgSnapshot from the leader `from` (in `term`) to `toId`, carrying `snapshot`. */
export function snapMsg(from: number, toId: number, term: number, snapshot: Snapshot): Message {
  return newMessage({ msgType: MessageType.MsgSnapshot, from, to: toId, term, snapshot });
}

/** One message in a line, with the snapshot's index and term for MsgSnapshot. */
export function showSnapMsg(m: Message): string {
  if (m.msgType !== MessageType.MsgSnapshot) return showMsg(m);
  const md = m.snapshot?.metadata;
  return `${showMsg(m)} snapshot=${md === undefined ? 'none' : `${md.index}@${md.term}`}`;
}

export function showSnapMsgs(ms: readonly Message[]): string[] {
  return ms.map(showSnapMsg);
}

/** A follower's progress on the leader, in one line. */
export function showProgress(r: Raft, id: number): string {
  const pr = r.prs.get(id);
  if (pr === undefined) return `no progress for ${id}`;
  return `state=${pr.state} match=${pr.match} next=${pr.next} pendingSnapshot=${pr.pendingSnapshot}`;
}

/** The progress state, read through a call (so check() narrowing does not stick across steps). */
export function stateOf(r: Raft, id: number): ProgressState | undefined {
  return r.prs.get(id)?.state;
}

export { ProgressState };
