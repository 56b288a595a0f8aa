// GcProbe: the engine probe the lab-2 system tests and the GC bench use to look into the stores' raft
// logs: it counts a running store's raft-log keys, and finds the restarts that opened from a truncated
// log. It changes nothing the stores do.
import { REGION_ID } from '@target/store/bootstrap.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import type { Cluster } from '../../sim/cluster.js';
import { EngineProbe, type OpenRecord } from '../../sim/engine-probe.js';
import { targetDriver } from '../../sim/target.js';
import type { StoreDriver } from '../../sim/types.js';

export class GcProbe extends EngineProbe {
  constructor(inner: StoreDriver = targetDriver) {
    super(inner, 'gc-probe');
  }

  /** Restarts (incarnation > 1) whose store opened with a log truncated past `index`. */
  restartsTruncatedPast(index: number): OpenRecord[] {
    return this.opens.filter((o) => o.incarnation > 1 && o.status.truncatedIndex > index);
  }

  /** Raft-log keys of region 1 in store id's raft engine with index in [lo, hi) (hi omitted: all). */
  countLogKeys(cluster: Cluster, id: number, lo = 0, hi?: number): Promise<number> {
    return this.countKeys(cluster, id, 'raft', raftLogKeyRange(REGION_ID, lo, hi));
  }
}
