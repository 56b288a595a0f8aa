// Progress: the leader's view of one follower, and the small state machine that says how the leader
// talks to it (probing for where the logs match, replicating, or waiting for a snapshot). The state is
// the framework's: Raft moves it outside the marked regions, and in labs 1–2 no follower ever enters
// Snapshot, so nothing is ever paused there.

/** How the leader is sending to a follower. */
export enum ProgressState {
  /** The leader does not know where the follower's log matches its own; next backs off on rejections. */
  Probe = 'Probe',
  /** The follower has acknowledged entries: the leader streams it the entries from next on. */
  Replicate = 'Replicate',
  /** A snapshot at pendingSnapshot is on its way: no append goes to the follower until it lands (lab 3). */
  Snapshot = 'Snapshot',
}

/**
 * The leader's view of one follower (Figure 2: matchIndex, nextIndex) and its ProgressState. The
 * transitions live here, in one place. In this kit next is never advanced past an acknowledgement
 * (the lab-1b code raises it on an ack and backs it off on a rejection), so moving between Probe and
 * Replicate only relabels the follower; only leaving Snapshot moves next.
 */
/** One state a Progress entered, with its indexes right after. */
export interface ProgressStep {
  readonly state: ProgressState;
  readonly match: number;
  readonly next: number;
  readonly pendingSnapshot: number;
}

const MAX_ENTERED = 8;

export class Progress {
  state = ProgressState.Probe;
  /** Index of the snapshot in flight to the follower (Snapshot state), 0 when none. */
  pendingSnapshot = 0;
  /**
   * The states entered through the methods below since a reader last took them (takeEntered): what a
   * trace records of moves that begin and end within one step (at most MAX_ENTERED, the latest kept).
   */
  private entered: ProgressStep[] = [];

  constructor(
    /** Highest index known to be replicated on the follower. */
    public match: number,
    /** Index of the next entry to send it. */
    public next: number,
  ) {}

  /**
   * Back to probing. From Snapshot the follower resumes after the snapshot (next = max(match + 1,
   * pendingSnapshot + 1); a failed send clears pendingSnapshot first, so next = match + 1) and the
   * snapshot is forgotten. From the other states only the label changes: next is the back-off's.
   */
  becomeProbe(): void {
    if (this.state === ProgressState.Snapshot) {
      this.next = Math.max(this.match + 1, this.pendingSnapshot + 1);
      this.pendingSnapshot = 0;
    }
    this.state = ProgressState.Probe;
    this.note();
  }

  /** The follower acknowledged entries: replicate from match + 1 on (next never moves back here). */
  becomeReplicate(): void {
    this.next = Math.max(this.next, this.match + 1);
    this.state = ProgressState.Replicate;
    this.note();
  }

  /** A snapshot at `index` is being sent: pause appends until it is acknowledged or reported failed. */
  becomeSnapshot(index: number): void {
    this.state = ProgressState.Snapshot;
    this.pendingSnapshot = index;
    this.note();
  }

  /** The states entered since the last call, oldest first (for traces; the Raft core never reads them). */
  takeEntered(): ProgressStep[] {
    const steps = this.entered;
    if (steps.length > 0) this.entered = [];
    return steps;
  }

  private note(): void {
    if (this.entered.length >= MAX_ENTERED) this.entered.shift();
    this.entered.push({
      state: this.state,
      match: this.match,
      next: this.next,
      pendingSnapshot: this.pendingSnapshot,
    });
  }

  /** True while no append may go to the follower: a snapshot is in flight (Snapshot state). */
  isPaused(): boolean {
    return this.state === ProgressState.Snapshot;
  }
}
