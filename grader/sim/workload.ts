// Client workloads: N clients, each looping "think, then one random get/put/delete on a shared key"
// until stopped. Every put writes a value unique in the run (`c<client>.<n>`), which keeps the
// linearizability check tractable and makes a lost or resurrected write easy to name.
import type { Rng } from '../harness/rng.js';
import { type ClientOptions, DEFAULT_CLIENT_OPTIONS, SimClient } from './client.js';
import type { Cluster } from './cluster.js';
import type { History, KvInput } from './history.js';

export interface WorkloadOptions {
  clients: number;
  /** The shared keys are k0 … k(keys-1). */
  keys: number;
  /** Pause before each op, uniform in [min, max] virtual ms. */
  thinkMs: readonly [number, number];
  /** Probabilities of put and delete; the rest are gets. */
  putRatio: number;
  deleteRatio: number;
  client?: ClientOptions;
  /** Client ids start here (default 1). */
  firstClientId?: number;
}

export const DEFAULT_WORKLOAD: WorkloadOptions = {
  clients: 5,
  keys: 5,
  thinkMs: [50, 150],
  putRatio: 0.45,
  deleteRatio: 0.05,
};

export function keyNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `k${i}`);
}

export class Workload {
  readonly clients: SimClient[];
  readonly keys: string[];
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly rngs: Rng[];
  /** Puts issued per client so far: values stay unique across start/stop rounds. */
  private readonly puts = new Map<number, number>();

  constructor(
    private readonly cluster: Cluster,
    history: History,
    rng: Rng,
    private readonly opts: WorkloadOptions,
  ) {
    this.keys = keyNames(opts.keys);
    const first = opts.firstClientId ?? 1;
    this.clients = [];
    this.rngs = [];
    for (let i = 0; i < opts.clients; i++) {
      const id = first + i;
      const r = rng.fork(`client${id}`);
      this.clients.push(
        new SimClient(id, cluster, history, r.fork('client'), opts.client ?? DEFAULT_CLIENT_OPTIONS),
      );
      this.rngs.push(r.fork('ops'));
    }
  }

  /** Starts every client's loop (they run as the simulation runs). */
  start(): void {
    this.stopped = false;
    this.loops = this.clients.map((c, i) => this.loop(c, this.rngs[i]!));
  }

  /** Asks the clients to stop after their current op. */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves when every loop has ended (drive it with sim.runUntil). */
  finished(): Promise<void> {
    return Promise.all(this.loops).then(() => undefined);
  }

  private async loop(c: SimClient, rng: Rng): Promise<void> {
    const sim = this.cluster.sim;
    const [lo, hi] = this.opts.thinkMs;
    while (!this.stopped && sim.failed === undefined) {
      await sim.sleep(lo + rng.int(hi - lo + 1));
      if (this.stopped) break;
      const key = rng.pick(this.keys);
      const x = rng.float();
      let input: KvInput;
      if (x < this.opts.putRatio) {
        const n = (this.puts.get(c.id) ?? 0) + 1;
        this.puts.set(c.id, n);
        input = { op: 'put', key, value: `c${c.id}.${n}` };
      } else if (x < this.opts.putRatio + this.opts.deleteRatio) input = { op: 'delete', key };
      else input = { op: 'get', key };
      try {
        await c.execute(input);
      } catch {
        // A malformed answer already failed the simulation; the run loop reports it.
        return;
      }
    }
  }
}
