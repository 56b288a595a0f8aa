// The simulator's view of a store: the few methods it calls on the target's Store, and the driver
// that opens one. target.ts adapts the target's real Store to it; unit tests plug in a fake.
import type { storepb } from '@target/proto/pb.js';
import type { Envelope, StoreConfig } from '@target/store/api.js';

/** A leader's Progress of one peer, as the trace reads it. */
export interface ProgressStatusView {
  state: string;
  match: number;
  next: number;
  pendingSnapshot: number;
  /** The states entered since the last call, oldest first (moves that began and ended within one event). */
  takeEntered?(): readonly { state: string; match: number; next: number; pendingSnapshot: number }[];
}

/** What the simulator reads from store.status(). */
export interface StoreStatusView {
  storeId: number;
  /** 'Follower' | 'Candidate' | 'Leader'. */
  raftState: string;
  term: number;
  lead: number;
  committed: number;
  applied: number;
  lastIndex: number;
  firstIndex: number;
  truncatedIndex: number;
  /** On a leader: its view of each peer's Progress (the trace records changes of its state). */
  progress?: ReadonlyMap<number, ProgressStatusView>;
}

export interface SimStore {
  /** An envelope the network delivers (a raft message or a snapshot chunk). */
  onMessage(env: Envelope): void;
  propose(req: storepb.RaftCmdRequest): Promise<storepb.RaftCmdResponse>;
  /** The crash: timers cancelled, in-memory state dropped, engines kept. */
  stop(): void | Promise<void>;
  status(): StoreStatusView;
  /**
   * Holds the store's loop until the returned release is called (inputs meanwhile wait and are taken
   * together): the batched delivery mode (batching.ts). Optional: a store without it is never held.
   */
  hold?(): () => void;
}

/** Opens a store over the given config (engines kept across crashes by the cluster). */
export interface StoreDriver {
  readonly name: string;
  open(cfg: StoreConfig): Promise<SimStore>;
}
