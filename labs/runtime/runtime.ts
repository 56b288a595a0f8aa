// The injected runtime: the only way code in solutions/ may read a clock, set a timer, draw a random
// number or run background work. The grader's simulator implements it over virtual time and a seeded
// PRNG; realtime.ts implements it over Node's timers for running a real cluster.
import type { RandomSource } from '../raft/raft.js';

/** A scheduled callback that can be cancelled. */
export interface Timer {
  cancel(): void;
}

export interface Runtime {
  /** Milliseconds since an arbitrary origin (virtual time in the simulator). */
  now(): number;
  /** Calls fn once after delayMs (virtual) milliseconds, unless cancelled. */
  setTimer(delayMs: number, fn: () => void): Timer;
  /** Calls fn every periodMs milliseconds until cancelled. */
  setInterval(periodMs: number, fn: () => void): Timer;
  /** Seeded randomness (the raft election timeout draws from it). */
  readonly random: RandomSource;
  /**
   * Runs background work (log GC, snapshot generation…) at a time of the runtime's choosing — the
   * simulator picks a seeded delay, so a worker's task may run late or out of order relative to the
   * store. Errors are reported through onError, never swallowed.
   */
  spawn(name: string, task: () => Promise<void>): void;
  /** Called with any error a spawned task or timer callback throws. */
  onError(err: unknown, where: string): void;
}
