// GcProbe: a StoreDriver around the target's that lets log-GC tests and the GC bench look into the
// stores' raft engines: it keeps the config (engines) of every store's latest incarnation, to count
// raft-log keys while that store is up, and what each incarnation's status was when it opened, to see
// that a restart starts from a truncated state. It changes nothing the stores do.
import { REGION_ID } from '@target/store/bootstrap.js';
import type { StoreConfig } from '@target/store/api.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import type { Cluster } from './cluster.js';
import { SimUsageError } from './errors.js';
import { targetDriver } from './target.js';
import type { SimStore, StoreDriver, StoreStatusView } from './types.js';

/** A store incarnation's status right after it opened. */
export interface OpenRecord {
  storeId: number;
  /** 1 for the first start, +1 per restart. */
  incarnation: number;
  status: StoreStatusView;
}

export class GcProbe implements StoreDriver {
  readonly name: string;
  /** Every successful open, in order. */
  readonly opens: OpenRecord[] = [];
  private readonly configs = new Map<number, StoreConfig>();
  private readonly incarnations = new Map<number, number>();

  constructor(private readonly inner: StoreDriver = targetDriver) {
    this.name = `${inner.name}+gc-probe`;
  }

  async open(cfg: StoreConfig): Promise<SimStore> {
    const incarnation = (this.incarnations.get(cfg.storeId) ?? 0) + 1;
    this.incarnations.set(cfg.storeId, incarnation);
    this.configs.set(cfg.storeId, cfg);
    const store = await this.inner.open(cfg);
    this.opens.push({ storeId: cfg.storeId, incarnation, status: { ...store.status() } });
    return store;
  }

  /** Restarts (incarnation > 1) whose store opened with a log truncated past `index`. */
  restartsTruncatedPast(index: number): OpenRecord[] {
    return this.opens.filter((o) => o.incarnation > 1 && o.status.truncatedIndex > index);
  }

  /**
   * Raft-log keys of region 1 in store id's raft engine with index in [lo, hi) (hi omitted: all), read
   * between two simulation events. The store must be up: a crashed incarnation's engine never answers.
   */
  async countLogKeys(cluster: Cluster, id: number, lo = 0, hi?: number): Promise<number> {
    const cfg = this.configs.get(id);
    if (cfg === undefined || !cluster.isUp(id)) {
      throw new SimUsageError(`GcProbe.countLogKeys(${id}): store ${id} is not up`);
    }
    const counting = cfg.raftEngine.count(raftLogKeyRange(REGION_ID, lo, hi));
    await cluster.sim.settleNow();
    return counting;
  }
}
