// Unit tests of the own-time limit (harness/own-time.ts): computing and idling both count, so a spin
// and a promise that never settles both end at the limit, and work that finishes in time passes.
import { describe, expect, test } from 'vitest';
import { DeadlineError, ownTimeMeter, withinOwnTime } from '../harness/own-time.js';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // burn CPU
  }
}

describe('own time', () => {
  test('a promise that never settles is ended at the limit (idle time counts)', async () => {
    const started = performance.now();
    await expect(withinOwnTime(new Promise<void>(() => {}), 300)).rejects.toBeInstanceOf(DeadlineError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  test('a loop that computes in slices is ended at the limit (CPU counts)', async () => {
    const work = (async () => {
      for (;;) {
        spin(20);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    work.catch(() => {});
    await expect(withinOwnTime(work, 300)).rejects.toThrow(/Test timed out in 300ms/);
  });

  test('work that ends within its limit passes, and the meter never runs ahead of wall time', async () => {
    const meter = ownTimeMeter();
    const started = performance.now();
    await withinOwnTime(new Promise<void>((resolve) => setTimeout(resolve, 50)), 5_000);
    spin(30);
    const used = meter();
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(performance.now() - started + 1);
  });
});
