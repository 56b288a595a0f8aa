// Batched delivery: several inputs in one Ready. Without it every input (a message, a tick, a client
// request) is stepped and its Ready handled before the next one arrives, so a Ready never combines, say,
// an append with a later higher-term message, or two client proposals. Real stores drain several
// mailbox items before they handle a Ready. In this mode an input that reaches a store which is not held
// holds the store's loop (SimStore.hold), with a seeded chance, for a seeded few virtual milliseconds:
// what arrives meanwhile (messages, ticks, proposals) waits in its mailbox, and the release steps it all
// before the next Ready. Every draw comes from the simulation's Rng, so a run stays a function of its seed.
import type { Rng } from '../harness/rng.js';
import { SimUsageError } from './errors.js';
import type { Sim } from './sim.js';
import type { SimStore } from './types.js';

export interface BatchingOptions {
  /** Probability that an input reaching a store that is not held holds its loop. */
  chance: number;
  /** How long a hold lasts, uniform in [min, max] virtual ms (whole ms). */
  holdMs: readonly [number, number];
}

/** What the system scenarios use: half the inputs open a batch of up to 4 ms. */
export const DEFAULT_BATCHING: BatchingOptions = { chance: 0.5, holdMs: [1, 4] };

export class Batcher {
  /** The release of each store's current hold. */
  private readonly held = new Map<number, () => void>();
  private batches = 0;

  constructor(
    private readonly sim: Sim,
    private readonly rng: Rng,
    private readonly opts: BatchingOptions,
  ) {
    const [lo, hi] = opts.holdMs;
    if (!(opts.chance >= 0 && opts.chance <= 1) || !(Number.isInteger(lo) && lo >= 1 && hi >= lo)) {
      throw new SimUsageError(
        `batching: need 0 <= chance <= 1 and whole 1 <= min <= max ms, got ${opts.chance}, [${lo}, ${hi}]`,
      );
    }
  }

  /** Holds opened so far. */
  get count(): number {
    return this.batches;
  }

  /** Called right before an input reaches store `id`: may hold its loop, which opens a batch. */
  before(id: number, store: SimStore): void {
    if (this.held.has(id) || store.hold === undefined || !this.rng.chance(this.opts.chance)) return;
    const [lo, hi] = this.opts.holdMs;
    const ms = lo + this.rng.int(hi - lo + 1);
    const release = store.hold();
    this.held.set(id, release);
    this.batches++;
    this.sim.record(id, 'hold', { ms });
    this.sim.schedule(ms, id, () => {
      if (this.held.get(id) !== release) return;
      this.held.delete(id);
      release();
    });
  }

  /** Store `id` crashed: its hold ended with it (the release of a dead store does nothing). */
  forget(id: number): void {
    this.held.delete(id);
  }
}
