// The nemesis: faults injected while clients run. Unreliable links (drop, duplicate, reorder filters
// that stay on), random two-way partitions re-drawn every period, and crashes: of one random store,
// of the current leader, or of every store at once, each followed by a restart after a random downtime.
// Everything it does goes into the trace; stop() heals the network and restarts every crashed store.
// What to do next (partition, victim, downtime) is decided by grader/harness/nemesis-plan.ts, which
// RawNet's chaos driver shares; this file carries the decisions out on a Cluster in virtual time.
import { dropFilter, duplicateFilter, reorderFilter } from '../harness/faults.js';
import { between, drawCrash, drawPartition, mayCrash, minorityOf } from '../harness/nemesis-plan.js';
import type { Rng } from '../harness/rng.js';
import type { Cluster } from './cluster.js';

export type CrashMode = 'none' | 'one' | 'leader' | 'all';

export interface Unreliability {
  /** Drop probability per message. */
  drop: number;
  duplicate?: number;
  /** Probability that a message is held back (by up to reorderMaxMs). */
  reorder?: number;
  reorderMaxMs?: number;
}

export interface ChaosOptions {
  unreliable?: Unreliability;
  partitions: boolean;
  crash: CrashMode;
  /** Time between two nemesis actions, uniform in [min, max] virtual ms. */
  periodMs: readonly [number, number];
  /** Downtime of a crashed store, uniform in [min, max] virtual ms. */
  downMs: readonly [number, number];
  /** At most this many stores down at once for 'one' and 'leader' (default: a minority). */
  maxDown?: number;
  /** 'all': crash every store at most once per this many periods (default 3). */
  allEvery?: number;
}

export class Nemesis {
  private stopped = true;
  private loop: Promise<void> = Promise.resolve();
  private readonly restarts: Promise<void>[] = [];
  /** What it did (for tests and reports). */
  readonly counts = { partitions: 0, crashes: 0, restarts: 0, crashAll: 0 };

  constructor(
    private readonly cluster: Cluster,
    private readonly rng: Rng,
    private readonly opts: ChaosOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const u = this.opts.unreliable;
    const net = this.cluster.net;
    if (u !== undefined) {
      if (u.drop > 0) net.add(dropFilter(u.drop), 'unreliable');
      if ((u.duplicate ?? 0) > 0) net.add(duplicateFilter(u.duplicate!), 'unreliable');
      if ((u.reorder ?? 0) > 0) net.add(reorderFilter(u.reorder!, u.reorderMaxMs ?? 30), 'unreliable');
    }
    if (this.opts.partitions || this.opts.crash !== 'none') this.loop = this.run();
  }

  /** Stops the nemesis: disarms pending crashes, heals the network and restarts every crashed store. */
  stop(): void {
    this.stopped = true;
    for (const id of this.crashing) this.cluster.disarm(id);
    this.cluster.net.clear('unreliable');
    this.cluster.net.heal();
    for (const id of this.cluster.storeIds) {
      if (!this.cluster.isUp(id) && !this.pendingRestart.has(id)) this.restartNow(id);
    }
  }

  /** Resolves when the loop has ended and every restart has completed (drive it with sim.runUntil). */
  finished(): Promise<void> {
    return this.loop.then(() => Promise.all(this.restarts)).then(() => undefined);
  }

  private readonly pendingRestart = new Set<number>();

  private async run(): Promise<void> {
    const sim = this.cluster.sim;
    let round = 0;
    while (!this.stopped && sim.failed === undefined) {
      await sim.sleep(between(this.rng, this.opts.periodMs));
      if (this.stopped) return;
      round++;
      if (this.opts.partitions) this.partition();
      switch (this.opts.crash) {
        case 'one':
          this.crashOne(drawCrash(this.rng, this.cluster.upIds, this.downOrCrashing(), this.maxDown()));
          break;
        case 'leader':
          this.crashOne(this.cluster.leader());
          break;
        case 'all':
          if (round % (this.opts.allEvery ?? 3) === 0) this.crashAll();
          break;
        case 'none':
          break;
      }
    }
  }

  private partition(): void {
    // One time in five the network is whole for a period; otherwise a random two-way split.
    const plan = drawPartition(this.rng, this.cluster.storeIds, { heal: 0.2 });
    if (plan.kind === 'heal') {
      this.cluster.net.heal();
      return;
    }
    this.cluster.net.partition(...plan.groups.map((g) => [...g]));
    this.counts.partitions++;
  }

  private maxDown(): number {
    return this.opts.maxDown ?? minorityOf(this.cluster.storeIds.length);
  }

  /** Stores down, or armed to crash at one of their next writes. */
  private downOrCrashing(): number {
    return this.cluster.downIds.length + this.crashing.size;
  }

  /**
   * Crashes one store: half the time at once (between two events), half the time in the middle of
   * its work, right after one of its next 1–3 engine writes (see Cluster.crashSoon).
   */
  private crashOne(id: number | undefined): void {
    if (id === undefined || !this.cluster.isUp(id)) return;
    if (!mayCrash(this.downOrCrashing(), this.maxDown()) || this.crashing.has(id)) return;
    this.counts.crashes++;
    if (this.rng.chance(0.5)) {
      this.cluster.crash(id);
      this.restartLater(id);
      return;
    }
    this.crashing.add(id);
    const crashed = this.cluster.crashSoon(id, 1 + this.rng.int(3), 300).then(() => {
      this.crashing.delete(id);
      return this.cluster.stateOf(id) === 'down' ? this.restartLater(id) : undefined;
    });
    this.restarts.push(crashed);
  }

  /** Stores armed to crash at one of their next writes (not down yet). */
  private readonly crashing = new Set<number>();

  private crashAll(): void {
    this.counts.crashAll++;
    for (const id of this.cluster.storeIds) {
      if (this.cluster.isUp(id)) {
        this.cluster.crash(id);
        this.counts.crashes++;
        this.restartLater(id);
      }
    }
  }

  private restartLater(id: number): Promise<void> {
    this.pendingRestart.add(id);
    const p = this.cluster.sim.sleep(between(this.rng, this.opts.downMs)).then(() => {
      this.pendingRestart.delete(id);
      if (this.cluster.stateOf(id) === 'down') return this.doRestart(id);
    });
    this.restarts.push(p);
    return p;
  }

  private restartNow(id: number): void {
    if (this.cluster.stateOf(id) === 'down') this.restarts.push(this.doRestart(id));
  }

  private doRestart(id: number): Promise<void> {
    this.counts.restarts++;
    return this.cluster.restart(id);
  }
}
