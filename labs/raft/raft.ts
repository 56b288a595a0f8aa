// The Raft state machine (Raft paper §5, Figure 2): a pure, synchronous object driven by tick() and
// step(message). It never reads a clock, never sets a timer and never draws an unseeded random
// number; its only output is the outbox `msgs` and the state of its RaftLog.
import {
  CompactedError,
  ConfigError,
  ProposalDroppedError,
  SnapshotTemporarilyUnavailableError,
} from './errors.js';
import { RaftLog } from './log.js';
import { Progress, ProgressState } from './progress.js';
import {
  type Entry,
  type HardState,
  type Message,
  MessageType,
  type Snapshot,
  isEmptyHardState,
  newEntry,
  newMessage,
} from './raftpb.js';
import type { Storage } from './storage.js';
import { LabTodo } from '../labtodo.js';

export { Progress, ProgressState } from './progress.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

/** "No node": the vote and lead value meaning none. Node ids start at 1. */
export const NONE = 0;

export enum StateType {
  Follower = 'Follower',
  Candidate = 'Candidate',
  Leader = 'Leader',
}

/** Volatile state the application may want to observe (who leads, in which role we are). */
export interface SoftState {
  lead: number;
  raftState: StateType;
}

/** A source of uniformly distributed integers. The grader passes a seeded one. */
export interface RandomSource {
  /** An integer in [0, n). */
  int(n: number): number;
}

export interface Config {
  /** This node's id (> 0). */
  id: number;
  /** All voting peers, including this node. Tests set it; a store leaves it empty and membership comes from storage. */
  peers?: number[];
  /** Ticks of silence after which a follower starts an election; the actual timeout is random in [electionTick, 2·electionTick). */
  electionTick: number;
  /** Ticks between a leader's heartbeats. Must be less than electionTick. */
  heartbeatTick: number;
  storage: Storage;
  /** The last applied index on restart: entries up to it are never handed out for applying again. */
  applied?: number;
  /** Where the randomized election timeout comes from. */
  random: RandomSource;
}

export function validateConfig(c: Config): void {
  if (!(c.id > 0)) throw new ConfigError('id must be > 0');
  if (!(c.heartbeatTick > 0)) throw new ConfigError('heartbeatTick must be > 0');
  if (!(c.electionTick > c.heartbeatTick))
    throw new ConfigError('electionTick must be greater than heartbeatTick');
}

export class Raft {
  readonly id: number;
  /** Figure 2 currentTerm. */
  term = 0;
  /** Figure 2 votedFor (NONE = no vote in this term). */
  vote = NONE;
  readonly raftLog: RaftLog;
  /** Progress of every peer (including this node), keyed by id. */
  prs = new Map<number, Progress>();
  state = StateType.Follower;
  /** Votes received in the current election (true = granted). */
  votes = new Map<number, boolean>();
  /** Outbox: messages to send. RawNode.ready() (or a test's readMessages()) drains it. */
  msgs: Message[] = [];
  /** The leader of the current term, as far as we know (NONE if unknown). */
  lead = NONE;
  readonly heartbeatTimeout: number;
  readonly electionTimeout: number;
  /** The current election timeout, drawn in [electionTimeout, 2·electionTimeout) at every reset. */
  randomizedElectionTimeout = 0;
  /** Ticks since the last heartbeat (leader). */
  heartbeatElapsed = 0;
  /** Ticks since the last reset of the election timer (follower, candidate). */
  electionElapsed = 0;
  private readonly random: RandomSource;

  constructor(c: Config) {
    validateConfig(c);
    this.id = c.id;
    this.heartbeatTimeout = c.heartbeatTick;
    this.electionTimeout = c.electionTick;
    this.random = c.random;
    this.raftLog = new RaftLog(c.storage);
    // BEGIN lab1a: restore term, vote and commit from storage's hard state; one Progress per peer (config.peers, else storage's ConfState); start as a follower; honour config.applied
    throw new LabTodo('lab1a', "restore term, vote and commit from storage's hard state; one Progress per peer (config.peers, else storage's ConfState); start as a follower; honour config.applied");
    // END lab1a
  }

  softState(): SoftState {
    return { lead: this.lead, raftState: this.state };
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.raftLog.committed };
  }

  /** Drains and returns the outbox (unit tests use it instead of a RawNode). */
  readMessages(): Message[] {
    const msgs = this.msgs;
    this.msgs = [];
    return msgs;
  }

  /** Number of votes (or acknowledgements) that make a majority of the peers. */
  quorum(): number {
    return Math.floor(this.prs.size / 2) + 1;
  }

  /** Advances the logical clock by one tick: heartbeats on a leader, election timeout otherwise. */
  tick(): void {
    // BEGIN lab1a: a leader sends MsgBeat to itself every heartbeatTimeout ticks; others send MsgHup to themselves after randomizedElectionTimeout ticks
    throw new LabTodo('lab1a', 'a leader sends MsgBeat to itself every heartbeatTimeout ticks; others send MsgHup to themselves after randomizedElectionTimeout ticks');
    // END lab1a
  }

  becomeFollower(term: number, lead: number): void {
    // BEGIN lab1a: reset to term (a new term clears the vote), remember the leader, become a follower
    throw new LabTodo('lab1a', 'reset to term (a new term clears the vote), remember the leader, become a follower');
    // END lab1a
  }

  becomeCandidate(): void {
    // BEGIN lab1a: start a new term, vote for yourself, become a candidate
    throw new LabTodo('lab1a', 'start a new term, vote for yourself, become a candidate');
    // END lab1a
  }

  /** Becomes leader: resets every follower's progress and appends a no-op entry of the new term (§8). */
  becomeLeader(): void {
    // BEGIN lab1a: lead = self; next = last + 1 and match = 0 for every follower; append an empty entry of the new term and send it to all (alone, commit it at once with raftLog.commitTo(lastIndex): maybeCommit is lab1b)
    throw new LabTodo('lab1a', 'lead = self; next = last + 1 and match = 0 for every follower; append an empty entry of the new term and send it to all (alone, commit it at once with raftLog.commitTo(lastIndex): maybeCommit is lab1b)');
    // END lab1a
  }

  /**
   * Feeds one message in. Handles the term rules of §5.1 (a higher term makes us a follower, a
   * lower-term message is ignored), then dispatches on our role. Proposals to a non-leader throw
   * ProposalDroppedError.
   */
  step(m: Message): void {
    // BEGIN lab1a: term rules first (local messages have term 0), then MsgHup / MsgRequestVote, then by role
    throw new LabTodo('lab1a', 'term rules first (local messages have term 0), then MsgHup / MsgRequestVote, then by role');
    // END lab1a
  }

  private stepLeader(m: Message): void {
    switch (m.msgType) {
      case MessageType.MsgBeat:
        this.bcastHeartbeat();
        return;
      case MessageType.MsgPropose:
        this.propose(m.entries);
        return;
      case MessageType.MsgAppendResponse:
        this.handleAppendResponse(m);
        return;
      case MessageType.MsgHeartbeatResponse:
        this.handleHeartbeatResponse(m);
        return;
    }
  }

  private stepCandidate(m: Message): void {
    switch (m.msgType) {
      case MessageType.MsgPropose:
        throw new ProposalDroppedError();
      case MessageType.MsgRequestVoteResponse:
        this.handleVoteResponse(m);
        return;
      case MessageType.MsgAppend:
      case MessageType.MsgHeartbeat:
      case MessageType.MsgSnapshot:
        this.becomeFollower(m.term, m.from);
        this.stepFollower(m);
        return;
    }
  }

  private stepFollower(m: Message): void {
    switch (m.msgType) {
      case MessageType.MsgPropose:
        throw new ProposalDroppedError();
      case MessageType.MsgAppend:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppendEntries(m);
        return;
      case MessageType.MsgHeartbeat:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return;
      case MessageType.MsgSnapshot:
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
    }
  }

  /** Starts an election (§5.2): become candidate, ask every peer for its vote. */
  campaign(): void {
    // BEGIN lab1a: become candidate; win at once when alone; else MsgRequestVote (index/logTerm = our last entry) to every peer
    throw new LabTodo('lab1a', 'become candidate; win at once when alone; else MsgRequestVote (index/logTerm = our last entry) to every peer');
    // END lab1a
  }

  /** Grants at most one vote per term, only to a candidate whose log is at least as up-to-date (§5.2, §5.4.1). */
  private handleRequestVote(m: Message): void {
    // BEGIN lab1a: grant if we have not voted for someone else this term, know no leader, and the candidate's log is up to date
    throw new LabTodo('lab1a', "grant if we have not voted for someone else this term, know no leader, and the candidate's log is up to date");
    // END lab1a
  }

  private handleVoteResponse(m: Message): void {
    // BEGIN lab1a: record the vote; a majority of grants makes us leader, a majority of rejections a follower
    throw new LabTodo('lab1a', 'record the vote; a majority of grants makes us leader, a majority of rejections a follower');
    // END lab1a
  }

  /** Sends MsgAppend with the entries from the follower's next index (lab 3: a snapshot when they are compacted). */
  sendAppend(to: number): boolean {
    if (this.prs.get(to)?.isPaused()) return false; // a snapshot is in flight to it (lab 3)
    // BEGIN lab1a: prev = next - 1; send prev's index/term, the entries from next on and our commit; on CompactedError fall back to sendSnapshot
    throw new LabTodo('lab1a', "prev = next - 1; send prev's index/term, the entries from next on and our commit; on CompactedError fall back to sendSnapshot");
    // END lab1a
  }

  /**
   * The follower needs entries we no longer hold (compacted): send it storage's snapshot instead and
   * wait in Snapshot state until it acknowledges the snapshot or the send is reported. While storage
   * is still preparing one, send nothing: a later heartbeat response calls sendAppend again.
   * Returns whether a message went out.
   */
  sendSnapshot(to: number): boolean {
    // BEGIN lab3a: the follower needs compacted entries: send storage.snapshot() in a MsgSnapshot and pr.becomeSnapshot(its index); on SnapshotTemporarilyUnavailableError send nothing, change nothing, return false
    throw new LabTodo('lab3a', 'the follower needs compacted entries: send storage.snapshot() in a MsgSnapshot and pr.becomeSnapshot(its index); on SnapshotTemporarilyUnavailableError send nothing, change nothing, return false');
    // END lab3a
  }

  /**
   * The application reports how sending a snapshot to follower `id` ended. A follower in Snapshot
   * state goes back to Probe: on success from the snapshot on (next = pendingSnapshot + 1, and the
   * leader waits for its acknowledgement), on failure from match + 1. Anything else is ignored.
   */
  reportSnapshot(id: number, ok: boolean): void {
    const pr = this.prs.get(id);
    if (this.state !== StateType.Leader || pr?.state !== ProgressState.Snapshot) return;
    if (!ok) pr.pendingSnapshot = 0;
    pr.becomeProbe();
  }

  /** Heartbeat: carries min(follower's match, commit), so a follower never commits entries it may not have. */
  sendHeartbeat(to: number): void {
    // BEGIN lab1a: MsgHeartbeat with commit = min(progress.match, committed)
    throw new LabTodo('lab1a', 'MsgHeartbeat with commit = min(progress.match, committed)');
    // END lab1a
  }

  private bcastAppend(): void {
    for (const to of this.prs.keys()) if (to !== this.id) this.sendAppend(to);
  }

  private bcastHeartbeat(): void {
    for (const to of this.prs.keys()) if (to !== this.id) this.sendHeartbeat(to);
  }

  /** Follower: learn the commit index from a heartbeat and answer it. */
  handleHeartbeat(m: Message): void {
    // BEGIN lab1a: commit up to m.commit and reply MsgHeartbeatResponse
    throw new LabTodo('lab1a', 'commit up to m.commit and reply MsgHeartbeatResponse');
    // END lab1a
  }

  private handleHeartbeatResponse(m: Message): void {
    // BEGIN lab1a: a follower that is behind gets an append
    throw new LabTodo('lab1a', 'a follower that is behind gets an append');
    // END lab1a
  }

  /** Leader: append proposed entries with our term and the next indexes, then replicate them. */
  private propose(entries: Entry[]): void {
    // BEGIN lab1b: append the entries (term, index assigned here), send them to every follower, commit at once when alone
    throw new LabTodo('lab1b', 'append the entries (term, index assigned here), send them to every follower, commit at once when alone');
    // END lab1b
  }

  /** Appends entries to our own log with this term and consecutive indexes, and updates our own progress. */
  private appendEntries(entries: Entry[]): void {
    let index = this.raftLog.lastIndex();
    this.raftLog.append(entries.map((e) => ({ ...e, term: this.term, index: ++index })));
    const self = this.prs.get(this.id);
    if (self !== undefined) {
      self.match = index;
      self.next = index + 1;
    }
  }

  /**
   * Follower (Figure 2, AppendEntries receiver): reject if we lack prev (index, term); otherwise
   * append (deleting a conflicting tail), commit = min(leaderCommit, index of last new entry), accept.
   */
  handleAppendEntries(m: Message): void {
    // BEGIN lab1b: entries at or below our commit are already settled; check prev; append; commit; reply with the last new index, or reject with a hint
    throw new LabTodo('lab1b', 'entries at or below our commit are already settled; check prev; append; commit; reply with the last new index, or reject with a hint');
    // END lab1b
  }

  /** Leader: advance match/next on success (and maybe the commit), back off next on rejection and retry. */
  private handleAppendResponse(m: Message): void {
    this.trackAppendResponse(m);
    // BEGIN lab1b: on reject, ignore stale replies (m.index != next - 1, or m.index <= match), else next = max(1, min(next - 1, hint + 1)) and resend; on success ignore acks at or below match, else raise match/next, try to commit, keep sending if behind
    throw new LabTodo('lab1b', 'on reject, ignore stale replies (m.index != next - 1, or m.index <= match), else next = max(1, min(next - 1, hint + 1)) and resend; on success ignore acks at or below match, else raise match/next, try to commit, keep sending if behind');
    // END lab1b
  }

  /**
   * Moves the follower's ProgressState on an append response (framework; before the lab-1b code sees
   * the response): an acknowledgement of the pending snapshot ends Snapshot, an acknowledgement above
   * match makes a prober a replicator, a rejection makes a replicator a prober.
   */
  private trackAppendResponse(m: Message): void {
    const pr = this.prs.get(m.from);
    if (pr === undefined) return;
    if (m.reject) {
      if (pr.state === ProgressState.Replicate) pr.becomeProbe();
      return;
    }
    if (pr.state === ProgressState.Snapshot && m.index >= pr.pendingSnapshot) pr.becomeProbe();
    if (pr.state === ProgressState.Probe && m.index > pr.match) pr.becomeReplicate();
  }

  /**
   * Commits the highest index stored on a majority, but only if that entry is of the current term
   * (§5.4.2, Figure 8): older entries are committed indirectly. Returns true if commit moved.
   */
  private maybeCommit(): boolean {
    // BEGIN lab1b: the quorum-th highest match; commit it only if its term is the current term
    throw new LabTodo('lab1b', 'the quorum-th highest match; commit it only if its term is the current term');
    // END lab1b
  }

  /**
   * Follower: install the leader's snapshot (step() already took the leader and term from the message).
   * A snapshot at or below our commit index brings nothing: ignore it and answer with the commit index.
   * One whose last entry we already hold (same index and term) only moves the commit index forward.
   * Otherwise the log restarts from it, the membership becomes the snapshot's, and the answer
   * acknowledges the snapshot index.
   */
  handleSnapshot(m: Message): void {
    // BEGIN lab3a: index <= committed: reply MsgAppendResponse{index: committed}; entry (index, term) already held (matchTerm): commitTo(index), then reply MsgAppendResponse{index: committed} (now = index); else raftLog.restore(snapshot) and this.prs = one new Progress per confState node (match 0, next = index + 1), reply MsgAppendResponse{index: snapshot index}
    throw new LabTodo('lab3a', 'index <= committed: reply MsgAppendResponse{index: committed}; entry (index, term) already held (matchTerm): commitTo(index), then reply MsgAppendResponse{index: committed} (now = index); else raftLog.restore(snapshot) and this.prs = one new Progress per confState node (match 0, next = index + 1), reply MsgAppendResponse{index: snapshot index}');
    // END lab3a
  }

  /** Stamps our id and term on an outgoing message and queues it. */
  private send(m: Message): void {
    m.from = this.id;
    m.term = this.term;
    this.msgs.push(m);
  }

  /**
   * Resets the per-term state: a new term clears the vote; timers restart with a fresh random timeout;
   * every follower's progress goes back to Probe.
   */
  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout = this.electionTimeout + this.random.int(this.electionTimeout);
    this.votes = new Map();
    for (const pr of this.prs.values()) pr.becomeProbe();
  }
}
