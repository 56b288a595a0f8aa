// Unit tests of the simulator kernel (grader/sim/queue.ts, sim.ts, runtime.ts): event order by
// (virtual time, sequence), cancellation, sleeps, bounds and stalls with clear errors, settling of
// async work between events, and the runtime's timers, intervals, spawned tasks and crash.
import { describe, expect, test } from 'vitest';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { SimBoundError, SimStallError } from '../sim/errors.js';
import { EventQueue } from '../sim/queue.js';
import { SimRuntime } from '../sim/runtime.js';
import { Sim, type SimBounds } from '../sim/sim.js';

function newSim(bounds?: Partial<SimBounds>, seed = 1): Sim {
  return new Sim({ rng: new Rng(seed), trace: new Trace(), bounds });
}

describe('EventQueue', () => {
  test('pops by time, then by scheduling order; skips cancelled events', () => {
    const q = new EventQueue();
    const out: string[] = [];
    q.push(5, 0, () => out.push('a5'));
    q.push(1, 0, () => out.push('b1'));
    const c = q.push(5, 0, () => out.push('c5'));
    q.push(5, 0, () => out.push('d5'));
    q.push(0, 0, () => out.push('e0'));
    q.cancel(c);
    expect(q.size).toBe(4);
    for (let ev = q.pop(); ev !== undefined; ev = q.pop()) ev.fn();
    expect(out).toEqual(['e0', 'b1', 'a5', 'd5']);
    expect(q.size).toBe(0);
  });

  test('stays ordered over many random pushes', () => {
    const q = new EventQueue();
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) q.push(rng.int(100), 0, () => {});
    let last = { time: -1, seq: -1 };
    for (let ev = q.pop(); ev !== undefined; ev = q.pop()) {
      expect(ev.time > last.time || (ev.time === last.time && ev.seq > last.seq)).toBe(true);
      last = ev;
    }
  });
});

describe('Sim', () => {
  test('virtual time jumps to each event; runFor ends at now + ms', async () => {
    const sim = newSim();
    const seen: number[] = [];
    sim.schedule(30, 0, () => seen.push(sim.now));
    sim.schedule(10, 0, () => {
      seen.push(sim.now);
      sim.schedule(5, 0, () => seen.push(sim.now));
    });
    sim.schedule(500, 0, () => seen.push(sim.now));
    await sim.runFor(100);
    expect(seen).toEqual([10, 15, 30]);
    expect(sim.now).toBe(100);
    expect(sim.eventCount).toBe(3);
    await sim.runFor(400);
    expect(seen).toEqual([10, 15, 30, 500]);
  });

  test('an event sees the async work of the previous one settled (engine-style nextTick chains)', async () => {
    const sim = newSim();
    const gate = sim.ioGate();
    const log: string[] = [];
    const io = (label: string): Promise<void> =>
      gate.run(
        () =>
          new Promise<void>((r) =>
            process.nextTick(() => {
              log.push(label);
              r();
            }),
          ),
      );
    sim.schedule(1, 0, () => {
      void (async () => {
        for (let i = 0; i < 5; i++) await io(`w${i}`);
        await Promise.resolve();
        log.push('chain done');
      })();
    });
    sim.schedule(1, 0, () => log.push('next event'));
    await sim.runFor(2);
    expect(log).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'chain done', 'next event']);
  });

  test('settles I/O that completes through setImmediate too', async () => {
    const sim = newSim();
    const gate = sim.ioGate();
    const log: string[] = [];
    sim.schedule(1, 0, () => {
      void (async () => {
        for (let i = 0; i < 3; i++) await gate.run(() => new Promise<void>((r) => setImmediate(r)));
        log.push('slow chain done');
      })();
    });
    sim.schedule(1, 0, () => log.push('next event'));
    await sim.runFor(2);
    expect(log).toEqual(['slow chain done', 'next event']);
  });

  test('a fenced gate never completes new operations', async () => {
    const sim = newSim();
    const gate = sim.ioGate();
    gate.fence();
    let done = false;
    void gate
      .run(() => Promise.resolve())
      .then(() => {
        done = true;
      });
    await sim.runFor(10);
    expect(done).toBe(false);
  });

  test('sleep resolves after virtual time, in order with other events', async () => {
    const sim = newSim();
    const log: string[] = [];
    void sim.sleep(20).then(() => log.push(`slept until ${sim.now}`));
    sim.schedule(10, 0, () => log.push('event at 10'));
    await sim.runFor(50);
    expect(log).toEqual(['event at 10', 'slept until 20']);
  });

  test('runUntil returns the value, and names stalls and budget overruns', async () => {
    const sim = newSim();
    expect(
      await sim.runUntil(
        sim.sleep(30).then(() => 'done'),
        100,
        'sleeping',
      ),
    ).toBe('done');
    await expect(sim.runUntil(new Promise(() => {}), 100, 'waiting for nothing')).rejects.toThrow(
      SimStallError,
    );
    await expect(sim.runUntil(new Promise(() => {}), 100, 'waiting for nothing')).rejects.toThrow(
      /waiting for nothing: nothing left to simulate/,
    );
    sim.schedule(1000, 0, () => {});
    await expect(sim.runUntil(new Promise(() => {}), 100, 'a slow thing')).rejects.toThrow(
      /a slow thing: did not finish within 100ms of virtual time/,
    );
  });

  test('the event bound stops a runaway timer loop with a clear message', async () => {
    const sim = newSim({ maxEvents: 1000 });
    const again = (): void => {
      sim.schedule(0, 0, again);
    };
    sim.schedule(0, 0, again);
    await expect(sim.runFor(10)).rejects.toThrow(SimBoundError);
    await expect(newSim({ maxVirtualMs: 1000 }).runFor(5000)).rejects.toThrow(
      /would run past 1000ms of virtual time/,
    );
  });

  test('the first failure ends the run; an event that throws fails it', async () => {
    const sim = newSim();
    sim.schedule(5, 0, () => {
      throw new RangeError('boom');
    });
    let after = false;
    sim.schedule(6, 0, () => {
      after = true;
    });
    await expect(sim.runFor(10)).rejects.toThrow('boom');
    expect(after).toBe(false);
    expect(sim.failed?.name).toBe('RangeError');
  });

  test('yields to the real event loop while running many events', async () => {
    const sim = newSim();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const spin = (): void => {
      const until = performance.now() + 0.2;
      while (performance.now() < until);
      sim.schedule(1, 0, spin);
    };
    sim.schedule(0, 0, spin);
    await sim.runFor(400);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('SimRuntime', () => {
  function runtime(sim: Sim, faults: unknown[] = []): SimRuntime {
    return new SimRuntime(sim, {
      storeId: 1,
      incarnation: 1,
      tickMs: 10,
      spawnDelayMs: [1, 5],
      rng: new Rng(9),
      onFault: (err) => faults.push(err),
    });
  }

  test('timers and intervals fire in virtual time and can be cancelled', async () => {
    const sim = newSim();
    const rt = runtime(sim);
    const log: string[] = [];
    rt.setTimer(25, () => log.push(`timer ${rt.now()}`));
    const cancelled = rt.setTimer(15, () => log.push('never'));
    cancelled.cancel();
    const iv = rt.setInterval(10, () => log.push(`tick ${rt.now()}`));
    await sim.runFor(35);
    iv.cancel();
    await sim.runFor(50);
    expect(log).toEqual(['tick 10', 'tick 20', 'timer 25', 'tick 30']);
  });

  test('spawned tasks run later, at a seeded time; their errors reach onFault', async () => {
    const sim = newSim();
    const faults: unknown[] = [];
    const rt = runtime(sim, faults);
    let ranAt = -1;
    rt.spawn('gc', async () => {
      ranAt = sim.now;
    });
    rt.spawn('bad', async () => {
      throw new TypeError('task failed');
    });
    await sim.runFor(10);
    expect(ranAt).toBeGreaterThanOrEqual(1);
    expect(ranAt).toBeLessThanOrEqual(5);
    expect(faults).toHaveLength(1);
    expect(String(faults[0])).toMatch(/task failed/);
  });

  test('a timer callback that throws is reported, not swallowed', async () => {
    const sim = newSim();
    const faults: unknown[] = [];
    const rt = runtime(sim, faults);
    rt.setTimer(1, () => {
      throw new Error('in a timer');
    });
    await sim.runFor(5);
    expect(faults.map(String)).toEqual(['Error: in a timer']);
  });

  test('kill cancels every timer; later timers, tasks and errors are ignored', async () => {
    const sim = newSim();
    const faults: unknown[] = [];
    const rt = runtime(sim, faults);
    let fired = 0;
    rt.setInterval(10, () => fired++);
    rt.setTimer(15, () => fired++);
    await sim.runFor(12);
    expect(fired).toBe(1);
    rt.kill();
    rt.setTimer(1, () => fired++);
    rt.spawn('late', async () => {
      fired++;
    });
    rt.onError(new Error('zombie'), 'somewhere');
    await sim.runFor(100);
    expect(fired).toBe(1);
    expect(faults).toEqual([]);
    expect(rt.timerCount).toBe(0);
  });

  test('random draws are seeded per store and incarnation', () => {
    const draws = (seed: number): number[] => {
      const rt = new SimRuntime(newSim(), {
        storeId: 2,
        incarnation: 1,
        tickMs: 10,
        spawnDelayMs: [1, 1],
        rng: new Rng(seed),
        onFault: () => {},
      });
      return Array.from({ length: 8 }, () => rt.random.int(1000));
    };
    expect(draws(4)).toEqual(draws(4));
    expect(draws(4)).not.toEqual(draws(5));
  });
});
