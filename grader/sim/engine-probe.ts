// EngineProbe: a StoreDriver around another that lets tests and benches look into the stores' engines.
// It keeps the config (the engines) of every store's latest incarnation, to count the keys of a range
// while that store is up, and what each incarnation's status was when it opened. It changes nothing the
// stores do.
import type { StoreConfig } from '@target/store/api.js';
import type { KeyRange } from '@target/store/engine.js';
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

export class EngineProbe implements StoreDriver {
  readonly name: string;
  /** Every successful open, in order. */
  readonly opens: OpenRecord[] = [];
  private readonly configs = new Map<number, StoreConfig>();
  private readonly incarnations = new Map<number, number>();

  /** `label` names the probe in the driver's name (`<inner>+<label>`, recorded in the trace). */
  constructor(
    private readonly inner: StoreDriver = targetDriver,
    label = 'engine-probe',
  ) {
    this.name = `${inner.name}+${label}`;
  }

  async open(cfg: StoreConfig): Promise<SimStore> {
    const incarnation = (this.incarnations.get(cfg.storeId) ?? 0) + 1;
    this.incarnations.set(cfg.storeId, incarnation);
    this.configs.set(cfg.storeId, cfg);
    const store = await this.inner.open(cfg);
    this.opens.push({ storeId: cfg.storeId, incarnation, status: { ...store.status() } });
    return store;
  }

  /**
   * The keys in `range` of one engine of store id, read between two simulation events. The store must
   * be up: a crashed incarnation's engine never answers.
   */
  async countKeys(cluster: Cluster, id: number, engine: 'raft' | 'kv', range: KeyRange): Promise<number> {
    const cfg = this.configs.get(id);
    if (cfg === undefined || !cluster.isUp(id)) {
      throw new SimUsageError(`${this.name}: cannot count the keys of store ${id}, which is not up`);
    }
    const counting = (engine === 'raft' ? cfg.raftEngine : cfg.kvEngine).count(range);
    await cluster.sim.settleNow();
    return counting;
  }
}
