// ManualRuntime: a Runtime whose clock, timers and spawned tasks the test drives by hand, for tests
// that run real stores outside the simulator. Time moves only in advance(), which runs the due timers
// in order and lets the stores settle after each. Spawned tasks are held until the test runs them (in
// any order, any number of times), or run at once, or as a timer at the next advance.
import { SeededRandom } from '@target/runtime/prng.js';
import type { Runtime, Timer } from '@target/runtime/runtime.js';

/** Lets every engine call and store loop under way finish (MemEngine completes on process.nextTick). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A spawned task the runtime holds until the test runs it. */
export interface HeldTask {
  readonly name: string;
  /** 1 for the first task spawned, +1 per task. */
  readonly seq: number;
  run(): Promise<void>;
}

/**
 * What spawn() does with a task: `hold` it in `tasks` (the default), run it `now` inside spawn() (a
 * runtime may run background work at any time), or run it as a 0 ms `timer` (at the next advance()).
 */
export type SpawnMode = 'hold' | 'now' | 'timer';

export interface ManualRuntimeOptions {
  /** Seed of the runtime's random source (the Raft core's election timeouts). Default 1. */
  seed?: number;
  /** Default 'hold'. */
  spawn?: SpawnMode;
}

interface ManualTimer {
  at: number;
  seq: number;
  period: number;
  fn: () => void;
  live: boolean;
}

export class ManualRuntime implements Runtime {
  readonly random: SeededRandom;
  /** Errors reported through onError, as `<where>: <name>: <message>`. */
  readonly errors: string[] = [];
  /** Tasks spawned in `hold` mode, in spawn order (run ones stay listed). */
  readonly tasks: HeldTask[] = [];
  spawnMode: SpawnMode;
  private time = 0;
  private seq = 0;
  private taskSeq = 0;
  private timers: ManualTimer[] = [];

  constructor(opts: ManualRuntimeOptions = {}) {
    this.random = new SeededRandom(opts.seed ?? 1);
    this.spawnMode = opts.spawn ?? 'hold';
  }

  now(): number {
    return this.time;
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    return this.add(delayMs, 0, fn);
  }

  setInterval(periodMs: number, fn: () => void): Timer {
    return this.add(periodMs, periodMs, fn);
  }

  spawn(name: string, task: () => Promise<void>): void {
    const held: HeldTask = {
      name,
      seq: ++this.taskSeq,
      run: () => task().catch((err: unknown) => this.onError(err, `task ${name}`)),
    };
    if (this.spawnMode === 'now') void held.run();
    else if (this.spawnMode === 'timer') this.add(0, 0, () => void held.run());
    else this.tasks.push(held);
  }

  onError(err: unknown, where: string): void {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.errors.push(`${where}: ${what}`);
  }

  /** Runs every timer due within ms, in time order, letting the stores settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => t.live);
      let next: ManualTimer | undefined;
      for (const t of this.timers) {
        if (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      }
      if (next === undefined || next.at > end) break;
      this.time = next.at;
      if (next.period > 0) {
        next.at += next.period;
        next.seq = this.seq++;
      } else {
        next.live = false;
      }
      next.fn();
      await settle();
    }
    this.time = end;
  }

  /** Cancels every timer (the store's incarnation is over). */
  stopAll(): void {
    for (const t of this.timers) t.live = false;
    this.timers = [];
  }

  private add(delay: number, period: number, fn: () => void): Timer {
    const t: ManualTimer = { at: this.time + delay, seq: this.seq++, period, fn, live: true };
    this.timers.push(t);
    return {
      cancel: () => {
        t.live = false;
      },
    };
  }
}
