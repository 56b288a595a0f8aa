// Bootstrap: the initial persisted state of a store opened on empty engines, as in TinyKV. The log
// starts empty, truncated at (5, 5): last index/term 5, commit 5, applied 5, so the first real entry is
// index 6 (code that assumes the log starts at 1 fails at once). One region (id 1, the whole key space)
// with one peer per store, peer id = store id.
import { storepb } from '../proto/pb.js';
import { type Engine, WriteBatch } from './engine.js';
import {
  type ApplyState,
  type RaftLocalState,
  type RegionLocalState,
  putApplyState,
  putRaftLocalState,
  putRegionLocalState,
  readRegionLocalState,
} from './meta.js';

/** The one region of the kit. Keys carry it so that multi-region could be added. */
export const REGION_ID = 1;
/** Index and term of the (empty) log's truncation point at bootstrap. */
export const RAFT_INIT_LOG_INDEX = 5;
const RAFT_INIT_LOG_TERM = 5;

function initialRaftLocalState(): RaftLocalState {
  return {
    hardState: { term: RAFT_INIT_LOG_TERM, vote: 0, commit: RAFT_INIT_LOG_INDEX },
    lastIndex: RAFT_INIT_LOG_INDEX,
    lastTerm: RAFT_INIT_LOG_TERM,
  };
}

function initialApplyState(): ApplyState {
  return {
    appliedIndex: RAFT_INIT_LOG_INDEX,
    truncatedState: { index: RAFT_INIT_LOG_INDEX, term: RAFT_INIT_LOG_TERM },
  };
}

function initialRegionLocalState(storeIds: readonly number[]): RegionLocalState {
  return {
    state: storepb.PeerState.Normal,
    region: {
      id: REGION_ID,
      startKey: new Uint8Array(0),
      endKey: new Uint8Array(0),
      peers: [...storeIds].sort((a, b) => a - b).map((id) => ({ id, storeId: id })),
    },
  };
}

/** True once bootstrap has completed: the region state is the last thing it writes. */
export async function isBootstrapped(kvEngine: Engine): Promise<boolean> {
  return (await readRegionLocalState(kvEngine, REGION_ID)) !== undefined;
}

/**
 * Writes the initial states: the raft engine first, then the kv engine (apply state and region state
 * in one batch). A crash in between leaves the store unbootstrapped, and the next open starts over.
 */
export async function bootstrapStore(
  raftEngine: Engine,
  kvEngine: Engine,
  storeIds: readonly number[],
): Promise<void> {
  const raftWb = new WriteBatch();
  putRaftLocalState(raftWb, REGION_ID, initialRaftLocalState());
  await raftEngine.write(raftWb);
  const kvWb = new WriteBatch();
  putApplyState(kvWb, REGION_ID, initialApplyState());
  putRegionLocalState(kvWb, REGION_ID, initialRegionLocalState(storeIds));
  await kvEngine.write(kvWb);
}
