// Pending proposals of a leader: each remembers the log slot (index, term) its command was appended at
// and how to answer the client. Answered exactly once; later answers are ignored, so no code path can
// answer twice and nothing answers after the store stopped (stop answers them all first).
import type { storepb } from '../proto/pb.js';
import { errorResponse } from './cmd.js';

/** A client's command on its way into the log, with how to answer it. */
export interface ProposalCommand {
  cmd: storepb.RaftCmdRequest;
  /** The client's request id, echoed in the response. */
  requestId: number;
  /** Tick count at which it times out. */
  deadline: number;
  respond: (resp: storepb.RaftCmdResponse) => void;
}

/** A command appended to the log at (index, term), waiting for that slot to be applied. */
export class Proposal {
  private answered = false;

  constructor(
    /** Log index the command was appended at. */
    readonly index: number,
    /** Term of the leader that appended it. */
    readonly term: number,
    private readonly pc: ProposalCommand,
  ) {}

  get requestId(): number {
    return this.pc.requestId;
  }

  get deadline(): number {
    return this.pc.deadline;
  }

  respond(resp: storepb.RaftCmdResponse): void {
    if (this.answered) return;
    this.answered = true;
    this.pc.respond(resp);
  }

  /** Answers with an error response; currentTerm goes into the header. */
  fail(error: storepb.Error, currentTerm: number): void {
    this.respond(errorResponse(this.requestId, currentTerm, error));
  }
}

/**
 * The pending proposals in log order. They all belong to the current leader term (a leader that loses
 * its term answers them all), so index order is also proposal-time order.
 */
export class ProposalQueue {
  private readonly queue: Proposal[] = [];

  constructor(private readonly onPush: (p: Proposal) => void) {}

  push(p: Proposal): void {
    this.queue.push(p);
    this.onPush(p);
  }

  /** The oldest pending proposal. */
  first(): Proposal | undefined {
    return this.queue[0];
  }

  /** Removes and returns the proposals at log indexes up to index, in order. */
  takeUpTo(index: number): Proposal[] {
    let n = 0;
    while (n < this.queue.length && this.queue[n]!.index <= index) n++;
    return this.queue.splice(0, n);
  }

  /** Removes and returns every pending proposal. */
  drain(): Proposal[] {
    return this.queue.splice(0);
  }

  /** Removes and returns the proposals whose deadline is at or before tick `now`. */
  expire(now: number): Proposal[] {
    let n = 0;
    while (n < this.queue.length && this.queue[n]!.deadline <= now) n++;
    return this.queue.splice(0, n);
  }
}
