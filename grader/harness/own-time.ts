// A test's time limit counted in the test process's own time, so that a verdict does not depend on how
// loaded the machine is. Own time is what the process spent computing (CPU) or waiting with nothing to
// do (its event loop idle: a promise that never settles); time spent runnable but waiting for a core
// on a busy machine does not count. On an idle machine own time is wall time, so limits mean what they
// always meant; at load 20 on 2 cores a test that takes 5 s of CPU no longer times out after 20 s.
import { performance } from 'node:perf_hooks';

// Captured when the kit loads, before any submitted code runs: replacing them later changes nothing.
const cpuUsage = process.cpuUsage.bind(process);
const loopUsage = performance.eventLoopUtilization.bind(performance);
const wallNow = performance.now.bind(performance);

/** How often the limit is looked at (the work runs in between: a check only lands between tasks). */
const CHECK_EVERY_MS = 50;

/**
 * vitest's own wall-clock limit, as a multiple of a test's own-time limit: a backstop for a machine
 * so loaded that even own time barely moves (the watchdog still ends spinning loops and stalls).
 */
export const WALL_SLACK = 10;

/** The test ran out of its time; the message uses vitest's timeout wording, so reports call it one. */
export class DeadlineError extends Error {}

/** A meter of own time since it was made: min(wall, CPU + loop idle), in ms. */
export function ownTimeMeter(): () => number {
  const cpu0 = cpuUsage();
  const loop0 = loopUsage();
  const wall0 = wallNow();
  return () => {
    const cpu = cpuUsage(cpu0);
    // CPU counts every thread of the process (GC helpers too), so it can exceed wall: never count more.
    const busyOrIdle = (cpu.user + cpu.system) / 1000 + loopUsage(loop0).idle;
    return Math.min(wallNow() - wall0, busyOrIdle);
  };
}

/**
 * Waits for `work`, but rejects with a DeadlineError once it has used `ms` of own time. The work
 * itself cannot be cancelled; the test fails either way.
 */
export async function withinOwnTime(work: void | Promise<void>, ms: number): Promise<void> {
  const used = ownTimeMeter();
  let timer: ReturnType<typeof setInterval> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (used() >= ms) reject(new DeadlineError(`Test timed out in ${ms}ms`));
    }, CHECK_EVERY_MS);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearInterval(timer);
  }
}
