// The realtime Runtime: wall-clock time and Node timers, for running a real cluster (the TCP loopback
// test, a server). Its randomness is seeded, so elections are reproducible up to timing. Together with
// tcp-transport.ts, the only code in solutions/ that touches Node's clock and timers.
import { performance } from 'node:perf_hooks';
import { SeededRandom } from './prng.js';
import type { Runtime, Timer } from './runtime.js';

export interface RealtimeOptions {
  seed: number;
  /** Where errors of timer callbacks and spawned tasks go. Default: console.error. */
  onError?: (err: unknown, where: string) => void;
}

export class RealtimeRuntime implements Runtime {
  readonly random: SeededRandom;
  private readonly report: (err: unknown, where: string) => void;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(opts: RealtimeOptions) {
    this.random = new SeededRandom(opts.seed);
    this.report = opts.onError ?? ((err, where) => console.error(`[${where}]`, err));
  }

  now(): number {
    return performance.now();
  }

  setTimer(delayMs: number, fn: () => void): Timer {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      this.guard(fn, 'timer');
    }, delayMs);
    return this.track(handle);
  }

  setInterval(periodMs: number, fn: () => void): Timer {
    return this.track(setInterval(() => this.guard(fn, 'interval'), periodMs));
  }

  spawn(name: string, task: () => Promise<void>): void {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      task().catch((err: unknown) => this.onError(err, name));
    }, 0);
    this.timers.add(handle);
  }

  onError(err: unknown, where: string): void {
    this.report(err, where);
  }

  /** Cancels every timer and pending task (at shutdown), so the process can exit. */
  close(): void {
    for (const handle of this.timers) clearTimeout(handle);
    this.timers.clear();
  }

  private track(handle: NodeJS.Timeout): Timer {
    this.timers.add(handle);
    return {
      cancel: () => {
        clearTimeout(handle);
        this.timers.delete(handle);
      },
    };
  }

  private guard(fn: () => void, where: string): void {
    try {
      fn();
    } catch (err) {
      this.onError(err, where);
    }
  }
}
