// Tests of the log-GC framework pieces (not of a student's lab-2 code): the LogGcWorker's handling of a
// task that outlives its store, the GcProbe driver the lab-2 system tests use, and the GC bench on a
// small write count (bounded log, exact key count at the end, determinism).
import { describe, expect, test } from 'vitest';
import type { StoreEvent } from '../../solutions/store/api.js';
import { REGION_ID } from '../../solutions/store/bootstrap.js';
import { MemEngine, WriteBatch } from '../../solutions/store/engine.js';
import { Fence, FencedEngine } from '../../solutions/store/fence.js';
import { raftLogKey, raftLogKeyRange } from '../../solutions/store/keys.js';
import { LogGcWorker } from '../../solutions/store/log-gc-worker.js';
import { runGcBench } from '../bench/gc-bench.js';
import { ManualRuntime, settle } from '../harness/manual-runtime.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { Cluster } from '../sim/cluster.js';
import { SimUsageError } from '../sim/errors.js';
import { GcProbe } from '../labs/lab2/gc-probe.js';
import { Sim } from '../sim/sim.js';
import { waitForLeader } from '../sim/verify.js';

async function engineWithLog(from: number, to: number): Promise<MemEngine> {
  const e = await MemEngine.open();
  const wb = new WriteBatch();
  for (let i = from; i <= to; i++) wb.put(raftLogKey(REGION_ID, i), Buffer.from([i]));
  await e.write(wb);
  return e;
}

describe('LogGcWorker', () => {
  test('deletes below the first index and reports what it deleted', async () => {
    const raw = await engineWithLog(6, 20);
    const rt = new ManualRuntime();
    const events: StoreEvent[] = [];
    const w = new LogGcWorker({
      storeId: 1,
      regionId: REGION_ID,
      raftEngine: raw,
      runtime: rt,
      firstIndex: () => 13,
      emit: (e) => events.push(e),
    });
    w.schedule(15);
    w.flush();
    expect(rt.tasks).toHaveLength(1);
    await rt.tasks[0]!.run();
    // Clamped to the durable first index 13, though the task reaches 16.
    expect(await raw.count(raftLogKeyRange(REGION_ID, 0, 13))).toBe(0);
    expect(await raw.count(raftLogKeyRange(REGION_ID))).toBe(8);
    expect(events).toEqual([{ kind: 'log-gc', storeId: 1, endIndex: 16, deleted: 7 }]);
    expect(rt.errors).toEqual([]);
  });

  test('a task that runs after its store stopped ends quietly and deletes nothing', async () => {
    const raw = await engineWithLog(6, 20);
    const fence = new Fence(1);
    const rt = new ManualRuntime();
    const events: StoreEvent[] = [];
    const w = new LogGcWorker({
      storeId: 1,
      regionId: REGION_ID,
      raftEngine: new FencedEngine(raw, fence),
      runtime: rt,
      firstIndex: () => 16,
      emit: (e) => events.push(e),
    });
    w.schedule(15);
    w.flush();
    fence.close();
    await rt.tasks[0]!.run();
    await settle();
    expect(rt.errors).toEqual([]);
    expect(events).toEqual([]);
    expect(await raw.count(raftLogKeyRange(REGION_ID))).toBe(15);
  });
});

describe('GcProbe', () => {
  test('counts raft-log keys of a running store and records every open', async () => {
    const sim = new Sim({ rng: new Rng(3), trace: new Trace({ keepLines: false }) });
    const probe = new GcProbe();
    const c = await Cluster.start(sim, {
      driver: probe,
      stores: 3,
      tuning: { gcCountLimit: 5, gcTickInterval: 1 },
    });
    try {
      await waitForLeader(c, 5000, 'at start');
      expect(probe.name).toBe('target+gc-probe');
      expect(probe.opens.map((o) => [o.storeId, o.incarnation]).sort()).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
      ]);
      const leader = c.leader()!;
      const st = c.status(leader)!;
      expect(await probe.countLogKeys(c, leader)).toBe(st.lastIndex - st.truncatedIndex);
      c.crash(2);
      await expect(probe.countLogKeys(c, 2)).rejects.toBeInstanceOf(SimUsageError);
      await sim.runUntil(c.restart(2), 2000, 'restarting store 2');
      expect(probe.opens.at(-1)).toMatchObject({ storeId: 2, incarnation: 2 });
      expect(probe.restartsTruncatedPast(1000)).toEqual([]);
    } finally {
      c.shutdown();
      sim.dispose();
    }
  });
});

describe('runGcBench', () => {
  test('a small run keeps the log bounded, ends with exactly the live log, and is deterministic', async () => {
    const opts = { writes: 3000, gcCountLimit: 50, seed: 5, sampleEvery: 1000 };
    const a = await runGcBench(opts);
    expect(a.writes).toBe(3000);
    expect(a.samples).toHaveLength(3);
    for (const s of a.stores) {
      expect(s.applied).toBe(a.stores[0]!.applied);
      expect(s.truncated).toBeGreaterThan(2500);
      expect(s.logKeys).toBe(s.lastIndex - s.truncated);
    }
    const b = await runGcBench(opts);
    expect([b.virtualMs, b.events, b.stores]).toEqual([a.virtualMs, a.events, a.stores]);
  }, 60_000);
});
