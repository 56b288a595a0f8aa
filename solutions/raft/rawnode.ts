// RawNode: the application's handle on a Raft state machine. The application ticks it, steps network
// messages into it and proposes data; then it collects a Ready (what to persist, send and apply),
// does that work in order, and calls advance(ready). See docs/lab1-raft-core.md for the loop.
import { StepLocalMsgError, StepPeerNotFoundError } from './errors.js';
import { type Config, NONE, Raft, type SoftState, StateType } from './raft.js';
import {
  type Entry,
  type HardState,
  type Message,
  MessageType,
  type Snapshot,
  emptyHardState,
  hardStateEqual,
  isLocalMsg,
  newEntry,
  newMessage,
} from './raftpb.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

/**
 * Work handed to the application, to be done in this order:
 * 1. persist `hardState` (if not null), `entries` and `snapshot` (if not null) — before sending anything;
 * 2. send `messages`;
 * 3. apply `committedEntries` to the state machine;
 * 4. call `advance(ready)`.
 */
export interface Ready {
  /** Null when unchanged since the last Ready. Never needs persisting. */
  softState: SoftState | null;
  /** Null when unchanged since the last Ready; otherwise must be persisted. */
  hardState: HardState | null;
  /** Entries to append to stable storage (they may replace a persisted tail from their first index on). */
  entries: Entry[];
  /** A snapshot to persist and apply (lab 3); null when none. */
  snapshot: Snapshot | null;
  /**
   * Entries to apply, in order. They may include entries of this same Ready's `entries` (a follower
   * learns the commit index with the entries; a lone leader commits at once): apply them only after
   * step 1 has persisted those.
   */
  committedEntries: Entry[];
  /** Messages to send, after the entries and hard state above are persisted. */
  messages: Message[];
}

function softStateEqual(a: SoftState, b: SoftState): boolean {
  return a.lead === b.lead && a.raftState === b.raftState;
}

const RESPONSES = new Set<MessageType>([
  MessageType.MsgAppendResponse,
  MessageType.MsgRequestVoteResponse,
  MessageType.MsgHeartbeatResponse,
]);

export class RawNode {
  readonly raft: Raft;
  /** Soft and hard state as of the last Ready handed out: a Ready reports only what changed since. */
  private prevSoftState: SoftState = { lead: NONE, raftState: StateType.Follower };
  private prevHardState: HardState = emptyHardState();

  constructor(config: Config) {
    this.raft = new Raft(config);
    // BEGIN lab1c: remember the current soft and hard state, so that the first Ready only reports changes
    // brief: The first Ready reports only what changed since the node was created: remember the state it
    // brief: starts from.
    this.prevSoftState = this.raft.softState();
    this.prevHardState = this.raft.hardState();
    // END lab1c
  }

  /** Advances the logical clock (the application calls it at a fixed rate). */
  tick(): void {
    this.raft.tick();
  }

  /** Starts an election now (as if the election timeout had elapsed). */
  campaign(): void {
    this.raft.step(newMessage({ msgType: MessageType.MsgHup, from: this.raft.id, to: this.raft.id }));
  }

  /** Proposes data to be appended to the log. Throws ProposalDroppedError unless this node is the leader. */
  propose(data: Uint8Array): void {
    this.raft.step(
      newMessage({
        msgType: MessageType.MsgPropose,
        from: this.raft.id,
        to: this.raft.id,
        entries: [newEntry({ data })],
      }),
    );
  }

  /** Steps a message received from the network. Local messages are refused (use campaign/propose). */
  step(m: Message): void {
    if (isLocalMsg(m.msgType)) throw new StepLocalMsgError();
    if (RESPONSES.has(m.msgType) && !this.raft.prs.has(m.from)) throw new StepPeerNotFoundError(m.from);
    this.raft.step(m);
  }

  /** True when there is anything for the application to do. */
  hasReady(): boolean {
    // BEGIN lab1c: changed soft state, changed non-empty hard state, unstable entries, entries to apply, messages or a pending snapshot
    // brief: There is a Ready when anything it carries has changed or is waiting: the node's state, entries
    // brief: to persist or to apply, messages, a snapshot.
    const r = this.raft;
    const log = r.raftLog;
    if (!softStateEqual(r.softState(), this.prevSoftState)) return true;
    if (!hardStateEqual(r.hardState(), this.prevHardState)) return true;
    if (log.pendingSnapshot !== null) return true;
    return r.msgs.length > 0 || log.lastIndex() > log.stabled || log.committed > log.applied;
    // END lab1c
  }

  /**
   * Collects the work to do. Messages are taken out of the outbox; entries and committed entries stay
   * where they are until advance() confirms them.
   */
  ready(): Ready {
    this.raft.raftLog.checkInvariants('ready');
    // BEGIN lab1c: fill each field (null/empty when nothing changed), take the messages out of raft.msgs, remember the soft state
    // brief: Hand out everything the application must persist, send and apply, each field empty when there is
    // brief: nothing new; messages are handed out only once.
    const r = this.raft;
    const ss = r.softState();
    const hs = r.hardState();
    const softChanged = !softStateEqual(ss, this.prevSoftState);
    if (softChanged) this.prevSoftState = ss;
    const rd: Ready = {
      softState: softChanged ? ss : null,
      hardState: hardStateEqual(hs, this.prevHardState) ? null : hs,
      entries: r.raftLog.unstableEntries(),
      snapshot: r.raftLog.pendingSnapshot,
      committedEntries: r.raftLog.nextEnts(),
      messages: r.readMessages(),
    };
    return rd;
    // END lab1c
  }

  /**
   * The application has done the work of `rd`: its entries are stable, its committed entries applied,
   * its hard state persisted, its snapshot (if any) installed: applied is then at least the snapshot
   * index. Also lets the log drop entries storage has compacted.
   */
  advance(rd: Ready): void {
    if (rd.snapshot !== null) {
      this.raft.raftLog.applied = Math.max(this.raft.raftLog.applied, rd.snapshot.metadata.index);
    }
    // BEGIN lab1c: remember the hard state; stabled to the last entry of rd.entries; applied to the last committed entry; clear the pending snapshot; then maybeCompact()
    // brief: The application did what the Ready asked: record its state, entries and committed entries as
    // brief: persisted and applied exactly as far as that Ready went, the snapshot as installed, then let the
    // brief: log drop what it no longer needs.
    const log = this.raft.raftLog;
    if (rd.hardState !== null) this.prevHardState = rd.hardState;
    const lastEntry = rd.entries.at(-1);
    if (lastEntry !== undefined) log.stableTo(lastEntry.index, lastEntry.term);
    const lastApplied = rd.committedEntries.at(-1);
    if (lastApplied !== undefined) log.appliedTo(lastApplied.index);
    if (rd.snapshot !== null) log.pendingSnapshot = null;
    log.maybeCompact();
    // END lab1c
    this.raft.raftLog.checkInvariants('advance');
  }

  /**
   * The application reports whether sending a snapshot to peer `id` succeeded (lab 3's transport): a
   * follower waiting for one resumes appends (see Raft.reportSnapshot).
   */
  reportSnapshot(id: number, ok: boolean): void {
    this.raft.reportSnapshot(id, ok);
  }
}
