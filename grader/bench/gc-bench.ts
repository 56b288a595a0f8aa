// The log-GC memory bench: `writes` client puts through a 3-store simulated cluster with log GC on,
// sampling the heap as it goes, to show that with GC the raft log — in the engines and in memory — and
// so the heap stay bounded however many writes go through. The cluster is built from the simulator's
// own kernel, runtime and network (grader/sim: Sim, SimRuntime, SimNetwork, gated MemEngines) and the
// solutions' Store, but without the test Cluster's trace, history, persisted-state model and invariant
// monitor: those record per-event or per-index data for checking and would grow with the writes
// themselves (see docs/performance.md). Writers put to the leader, many at a time, on 1000 keys.
import { storepb } from '@target/proto/pb.js';
import type { StoreConfig } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { type Engine, MemEngine } from '@target/store/engine.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import { Store } from '@target/store/store.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { SimNetwork } from '../sim/network.js';
import { instrumentEngine } from '../sim/persisted.js';
import { SimRuntime } from '../sim/runtime.js';
import { Sim } from '../sim/sim.js';

export interface GcBenchOptions {
  /** Client puts to complete. */
  writes: number;
  /** gcCountLimit of every store (default 1000); the GC check runs on every tick. */
  gcCountLimit?: number;
  /**
   * Concurrent writers (default 16). More do not go faster: the Raft core resends every entry a
   * follower has not acknowledged on each proposal, so the work per write grows with the writes in flight.
   */
  writers?: number;
  /** Distinct keys written (default 1000). */
  keys?: number;
  /** Memory samples (after a full GC when `global.gc` is exposed) every this many writes (default writes / 20). */
  sampleEvery?: number;
  seed?: number;
  /** Called after each heap sample. */
  onSample?: (s: HeapSample) => void;
}

export interface HeapSample {
  writes: number;
  /** process.memoryUsage().heapUsed, MiB. */
  heapMB: number;
  /** process.memoryUsage().arrayBuffers (Buffer contents, outside the V8 heap: the engines' bytes), MiB. */
  arrayBuffersMB: number;
  rssMB: number;
  wallMs: number;
  /** The leader's applied − truncated at the sample. */
  gap: number;
}

export interface GcBenchStore {
  storeId: number;
  applied: number;
  truncated: number;
  lastIndex: number;
  /** Raft-log keys in the store's raft engine at the end. */
  logKeys: number;
}

export interface GcBenchResult {
  writes: number;
  gcCountLimit: number;
  writers: number;
  /** Whether heap samples were taken after global.gc() (node --expose-gc). */
  exposedGc: boolean;
  /** Wall time of the writes, memory sampling (full GCs) excluded. */
  wallMs: number;
  /** Wall time spent sampling memory. */
  samplingMs: number;
  /** CPU time (user + system) of the process over the writes, sampling included: less noisy than wall. */
  cpuMs: number;
  virtualMs: number;
  events: number;
  /** Memory before the first write (after opening the stores and electing a leader). */
  baseline: HeapSample;
  peakHeapMB: number;
  peakArrayBuffersMB: number;
  /** Memory after the last write, once the last compaction and its log-GC tasks are done. */
  final: HeapSample;
  /** Largest applied − truncated seen on the leader at a sample. */
  maxGap: number;
  samples: HeapSample[];
  stores: GcBenchStore[];
}

/** The bench does not trace: a Trace that records nothing. */
class NoTrace extends Trace {
  override record(): void {}
}

const STORE_IDS = [1, 2, 3];
const MB = 1024 * 1024;

interface BenchStore {
  store: Store;
  raftEngine: Engine;
}

/** Memory now, after a full GC when global.gc is exposed. */
function memory(): { heapMB: number; arrayBuffersMB: number; rssMB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / MB, arrayBuffersMB: m.arrayBuffers / MB, rssMB: m.rss / MB };
}

export async function runGcBench(opts: GcBenchOptions): Promise<GcBenchResult> {
  const limit = opts.gcCountLimit ?? 1000;
  const writers = opts.writers ?? 16;
  const keys = opts.keys ?? 1000;
  const sampleEvery = opts.sampleEvery ?? Math.max(1, Math.floor(opts.writes / 20));
  const rng = new Rng(opts.seed ?? 1);
  const sim = new Sim({
    rng: rng.fork('sim'),
    trace: new NoTrace({ keepLines: false }),
    bounds: { maxVirtualMs: Number.MAX_SAFE_INTEGER, maxEvents: Number.MAX_SAFE_INTEGER },
  });
  const stores = new Map<number, BenchStore>();
  const fault = (id: number, err: unknown, where: string): void => {
    sim.fail(new Error(`store ${id} failed in ${where}: ${err instanceof Error ? err.stack : String(err)}`));
  };
  const net = new SimNetwork(
    sim,
    rng.fork('net'),
    {
      isMember: (id) => STORE_IDS.includes(id),
      receiver: (id) => (stores.has(id) ? 1 : undefined),
      deliver: (id, msg) => stores.get(id)?.store.onRaftMessage(msg),
      fault: (id, err, where) => fault(id, err, where),
    },
    { latencyMs: [1, 5] },
  );
  try {
    const configs: StoreConfig[] = [];
    for (const id of STORE_IDS) {
      const gate = sim.ioGate();
      const raftEngine = instrumentEngine(await MemEngine.open(), gate, () => {});
      const kvEngine = instrumentEngine(await MemEngine.open(), gate, () => {});
      configs.push({
        storeId: id,
        storeIds: STORE_IDS,
        runtime: new SimRuntime(sim, {
          storeId: id,
          incarnation: 1,
          tickMs: 50,
          spawnDelayMs: [1, 20],
          rng: rng.fork(`store${id}`),
          onFault: (err, where) => fault(id, err, where),
        }),
        transport: { send: (msg) => net.send(id, msg) },
        raftEngine,
        kvEngine,
        tickMs: 50,
        electionTick: 10,
        heartbeatTick: 2,
        gcCountLimit: limit,
        gcTickInterval: 1,
      });
    }
    const opening = configs.map(async (cfg) => {
      stores.set(cfg.storeId, { store: await Store.open(cfg), raftEngine: cfg.raftEngine });
    });
    await sim.runUntil(Promise.all(opening), 5000, 'opening the stores');
    const leader = (): number | undefined =>
      STORE_IDS.find((id) => stores.get(id)?.store.status().raftState === 'Leader');
    while (leader() === undefined) await sim.runFor(50);

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let samplingMs = 0;
    let maxGap = 0;
    let issued = 0;
    let done = 0;
    let requestId = 0;
    const take = (): HeapSample => {
      const s0 = performance.now();
      const lid = leader();
      const st = lid === undefined ? undefined : stores.get(lid)!.store.status();
      const gap = st === undefined ? 0 : st.applied - st.truncatedIndex;
      const s: HeapSample = { writes: done, ...memory(), wallMs: s0 - t0 - samplingMs, gap };
      samplingMs += performance.now() - s0;
      maxGap = Math.max(maxGap, gap);
      return s;
    };
    const baseline = take();
    const samples: HeapSample[] = [];
    const sample = (): void => {
      const s = take();
      samples.push(s);
      opts.onSample?.(s);
    };
    const writer = async (): Promise<void> => {
      let target = leader() ?? 1;
      while (issued < opts.writes) {
        const n = ++issued;
        const key = Buffer.from(`k${n % keys}`);
        const value = Buffer.from(`v${n}`);
        for (;;) {
          await sim.sleep(1);
          const req = storepb.RaftCmdRequest.create({
            header: { regionId: REGION_ID, requestId: ++requestId },
            requests: [{ cmdType: storepb.CmdType.Put, key, value }],
          });
          const resp = await stores.get(target)!.store.propose(req);
          if (!resp.header?.error) break;
          // Not the leader (or it lost its term): ask again where the leader is, a little later.
          target = leader() ?? (target % STORE_IDS.length) + 1;
          await sim.sleep(10);
        }
        if (++done % sampleEvery === 0) sample();
      }
    };
    await sim.runUntil(
      Promise.all(Array.from({ length: writers }, () => writer())),
      Number.MAX_SAFE_INTEGER,
      `${opts.writes} writes`,
    );
    const wallMs = performance.now() - t0 - samplingMs;
    const cpu = process.cpuUsage(cpu0);
    // Let the last CompactLog apply everywhere and its log-GC tasks run.
    await sim.runFor(2000);
    const final = take();
    const result: GcBenchStore[] = [];
    for (const id of STORE_IDS) {
      const s = stores.get(id)!;
      const counting = s.raftEngine.count(raftLogKeyRange(REGION_ID));
      await sim.settleNow();
      const st = s.store.status();
      result.push({
        storeId: id,
        applied: st.applied,
        truncated: st.truncatedIndex,
        lastIndex: st.lastIndex,
        logKeys: await counting,
      });
    }
    return {
      writes: done,
      gcCountLimit: limit,
      writers,
      exposedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      wallMs,
      samplingMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      virtualMs: sim.now,
      events: sim.eventCount,
      baseline,
      peakHeapMB: Math.max(...samples.map((s) => s.heapMB), baseline.heapMB, final.heapMB),
      peakArrayBuffersMB: Math.max(...samples.map((s) => s.arrayBuffersMB), baseline.arrayBuffersMB),
      final,
      maxGap,
      samples,
      stores: result,
    };
  } finally {
    for (const s of stores.values()) s.store.stop();
    sim.dispose();
  }
}

/** A few lines for a terminal. */
export function formatGcBench(r: GcBenchResult): string {
  const keys = r.stores.map((s) => `store ${s.storeId}: ${s.logKeys}`).join(', ');
  const gaps = r.stores.map((s) => s.applied - s.truncated).join('/');
  return [
    `${r.writes} writes, 3 stores, gcCountLimit ${r.gcCountLimit}, ${r.writers} writers: ` +
      `${(r.wallMs / 1000).toFixed(1)} s wall (+${(r.samplingMs / 1000).toFixed(1)} s sampling), ` +
      `${(r.cpuMs / 1000).toFixed(1)} s CPU, ` +
      `${(r.virtualMs / 1000).toFixed(1)} s virtual, ${r.events} events`,
    `  memory (MiB${r.exposedGc ? ', after global.gc()' : ', no --expose-gc: samples include garbage'}): ` +
      `heap baseline ${r.baseline.heapMB.toFixed(1)}, peak ${r.peakHeapMB.toFixed(1)}, final ${r.final.heapMB.toFixed(1)}; ` +
      `array buffers peak ${r.peakArrayBuffersMB.toFixed(1)}, final ${r.final.arrayBuffersMB.toFixed(1)}; ` +
      `rss final ${r.final.rssMB.toFixed(0)}`,
    `  raft-log keys at the end: ${keys}; applied − truncated ${gaps} (max on the leader at a sample: ${r.maxGap})`,
  ].join('\n');
}
