// SimRuntime: the injected Runtime of one store incarnation, over the simulator's virtual clock and a
// seeded Rng. Timers and spawned tasks become simulator events owned by the store; a crash kills the
// runtime (every timer cancelled, later calls ignored), so nothing of a dead incarnation runs again.
import type { RandomSource } from '@target/raft/raft.js';
import type { Runtime, Timer } from '@target/runtime/runtime.js';
import type { Rng } from '../harness/rng.js';
import type { SimEvent } from './queue.js';
import type { Sim } from './sim.js';

export interface SimRuntimeOptions {
  storeId: number;
  /** 1 for the first start of the store, +1 per restart. */
  incarnation: number;
  /** The store's raft tick period: interval timers with this period are traced as `tick`. */
  tickMs: number;
  /** Virtual delay of spawned tasks: uniform in [min, max] ms. */
  spawnDelayMs: readonly [number, number];
  rng: Rng;
  /** Where store errors go (the cluster turns them into the test's failure). */
  onFault: (err: unknown, where: string) => void;
}

interface TimerState {
  ev: SimEvent | undefined;
  cancelled: boolean;
}

const DEAD_TIMER: Timer = { cancel() {} };

export class SimRuntime implements Runtime {
  readonly random: RandomSource;
  private readonly timers = new Set<TimerState>();
  private alive = true;
  private readonly taskRng: Rng;

  constructor(
    private readonly sim: Sim,
    private readonly opts: SimRuntimeOptions,
  ) {
    const raftRng = opts.rng.fork('random');
    this.random = { int: (n: number) => raftRng.int(n) };
    this.taskRng = opts.rng.fork('spawn');
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Live timers (for tests of the simulator). */
  get timerCount(): number {
    return this.timers.size;
  }

  now(): number {
    return this.sim.now;
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    if (!this.alive) return DEAD_TIMER;
    if (!this.validDelay('setTimer', delayMs, 0)) return DEAD_TIMER;
    const st: TimerState = { ev: undefined, cancelled: false };
    st.ev = this.sim.schedule(delayMs, this.opts.storeId, () => {
      this.timers.delete(st);
      if (st.cancelled || !this.alive) return;
      this.sim.record(this.opts.storeId, 'timer', { after: delayMs });
      this.invoke(fn, 'a timer callback');
    });
    this.timers.add(st);
    return this.handle(st);
  }

  setInterval(periodMs: number, fn: () => void): Timer {
    if (!this.alive) return DEAD_TIMER;
    if (!this.validDelay('setInterval', periodMs, Number.MIN_VALUE)) return DEAD_TIMER;
    const st: TimerState = { ev: undefined, cancelled: false };
    const kind = periodMs === this.opts.tickMs ? 'tick' : 'timer';
    const fire = (): void => {
      if (st.cancelled || !this.alive) return;
      st.ev = this.sim.schedule(periodMs, this.opts.storeId, fire);
      this.sim.record(this.opts.storeId, kind, kind === 'tick' ? undefined : { every: periodMs });
      this.invoke(fn, kind === 'tick' ? 'the tick callback' : 'an interval callback');
    };
    st.ev = this.sim.schedule(periodMs, this.opts.storeId, fire);
    this.timers.add(st);
    return this.handle(st);
  }

  spawn(name: string, task: () => Promise<void>): void {
    if (!this.alive) return;
    const [lo, hi] = this.opts.spawnDelayMs;
    const delay = lo + this.taskRng.int(hi - lo + 1);
    this.sim.record(this.opts.storeId, 'spawn', { task: name, delay });
    this.sim.schedule(delay, this.opts.storeId, () => {
      if (!this.alive) return;
      this.sim.record(this.opts.storeId, 'task', { task: name });
      let p: Promise<void>;
      try {
        p = task();
      } catch (err) {
        this.onError(err, `task ${name}`);
        return;
      }
      p.then(undefined, (err: unknown) => this.onError(err, `task ${name}`));
    });
  }

  onError(err: unknown, where: string): void {
    if (!this.alive) {
      this.sim.record(this.opts.storeId, 'zombie-error', { where });
      return;
    }
    this.opts.onFault(err, where);
  }

  /** The crash: cancels every timer; later timers, tasks and errors of this incarnation are ignored. */
  kill(): void {
    this.alive = false;
    for (const st of this.timers) {
      st.cancelled = true;
      if (st.ev !== undefined) this.sim.cancel(st.ev);
    }
    this.timers.clear();
  }

  private handle(st: TimerState): Timer {
    return {
      cancel: () => {
        if (st.cancelled) return;
        st.cancelled = true;
        if (st.ev !== undefined) this.sim.cancel(st.ev);
        this.timers.delete(st);
      },
    };
  }

  /** Runs a store callback; a throw, or a rejection of a returned promise, goes to onError. */
  private invoke(fn: () => void, where: string): void {
    let r: unknown;
    try {
      r = (fn as () => unknown)();
    } catch (err) {
      this.onError(err, where);
      return;
    }
    if (r instanceof Promise) r.then(undefined, (err: unknown) => this.onError(err, where));
  }

  private validDelay(what: string, ms: number, min: number): boolean {
    if (Number.isFinite(ms) && ms >= min) return true;
    const need = min > 0 ? '> 0' : '>= 0';
    this.onError(
      new RangeError(`runtime.${what}: the delay must be a finite number ${need}, got ${ms}`),
      what,
    );
    return false;
  }
}
