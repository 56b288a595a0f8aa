// The log-GC memory bench: `writes` client puts through a 3-store simulated cluster with log GC on,
// sampling the heap as it goes, to show that with GC the raft log — in the engines and in memory — and
// so the heap stay bounded however many writes go through. It runs the simulator's Cluster over the
// target's stores with its observers off (no trace, no persisted-state models, no invariant monitor)
// and no client history: those record per-event or per-index data for checking and would grow with
// the writes themselves (see docs/performance.md). The scenario runner does not fit: it runs clients
// for a virtual time, not a count of writes, and keeps their history. Writers put to the leader, many
// at a time, on 1000 keys; the lab-2 GcProbe counts the raft-log keys at the end.
import { storepb } from '@target/proto/pb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { GcProbe } from '../labs/lab2/gc-probe.js';
import { Cluster } from '../sim/cluster.js';
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

/** The benches do not trace: a Trace that records nothing. */
export class NoTrace extends Trace {
  override record(): void {}
}

const STORES = 3;
const MB = 1024 * 1024;

/** Memory now, after a full GC when global.gc is exposed. */
function memory(): { heapMB: number; arrayBuffersMB: number; rssMB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / MB, arrayBuffersMB: m.arrayBuffers / MB, rssMB: m.rss / MB };
}

/** Heap samples, timed apart from the writes (sampling runs full GCs). */
class Sampler {
  readonly samples: HeapSample[] = [];
  samplingMs = 0;
  maxGap = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly c: Cluster,
    private readonly onSample?: (s: HeapSample) => void,
  ) {}

  /** Wall ms since the start, sampling excluded. */
  get wallMs(): number {
    return performance.now() - this.t0 - this.samplingMs;
  }

  take(writes: number): HeapSample {
    const s0 = performance.now();
    const lid = this.c.leader();
    const st = lid === undefined ? undefined : this.c.status(lid);
    const gap = st === undefined ? 0 : st.applied - st.truncatedIndex;
    const s: HeapSample = { writes, ...memory(), wallMs: s0 - this.t0 - this.samplingMs, gap };
    this.samplingMs += performance.now() - s0;
    this.maxGap = Math.max(this.maxGap, gap);
    return s;
  }

  sample(writes: number): void {
    const s = this.take(writes);
    this.samples.push(s);
    this.onSample?.(s);
  }
}

/** `writers` loops putting to the leader until `writes` puts are acknowledged; returns how many were. */
async function write(c: Cluster, opts: GcBenchOptions, sampler: Sampler): Promise<number> {
  const keys = opts.keys ?? 1000;
  const sampleEvery = opts.sampleEvery ?? Math.max(1, Math.floor(opts.writes / 20));
  const sim = c.sim;
  let issued = 0;
  let done = 0;
  let requestId = 0;
  const writer = async (): Promise<void> => {
    let target = c.leader() ?? 1;
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
        const resp = await c.store(target)!.propose(req);
        if (!resp.header?.error) break;
        // Not the leader (or it lost its term): ask again where the leader is, a little later.
        target = c.leader() ?? (target % STORES) + 1;
        await sim.sleep(10);
      }
      if (++done % sampleEvery === 0) sampler.sample(done);
    }
  };
  await sim.runUntil(
    Promise.all(Array.from({ length: opts.writers ?? 16 }, () => writer())),
    Number.MAX_SAFE_INTEGER,
    `${opts.writes} writes`,
  );
  return done;
}

export async function runGcBench(opts: GcBenchOptions): Promise<GcBenchResult> {
  const limit = opts.gcCountLimit ?? 1000;
  const sim = new Sim({
    rng: new Rng(opts.seed ?? 1).fork('sim'),
    trace: new NoTrace({ keepLines: false }),
    bounds: { maxVirtualMs: Number.MAX_SAFE_INTEGER, maxEvents: Number.MAX_SAFE_INTEGER },
  });
  const probe = new GcProbe();
  let c: Cluster | undefined;
  try {
    c = await Cluster.start(sim, {
      driver: probe,
      stores: STORES,
      tuning: { gcCountLimit: limit, gcTickInterval: 1 },
      observe: { trace: false, model: false, invariants: false },
    });
    while (c.leader() === undefined) await sim.runFor(50);
    const cpu0 = process.cpuUsage();
    const sampler = new Sampler(c, opts.onSample);
    const baseline = sampler.take(0);
    const done = await write(c, opts, sampler);
    const wallMs = sampler.wallMs;
    const cpu = process.cpuUsage(cpu0);
    // Let the last CompactLog apply everywhere and its log-GC tasks run.
    await sim.runFor(2000);
    const final = sampler.take(done);
    const stores: GcBenchStore[] = [];
    for (const id of c.storeIds) {
      const logKeys = await probe.countLogKeys(c, id);
      const st = c.status(id)!;
      stores.push({
        storeId: id,
        applied: st.applied,
        truncated: st.truncatedIndex,
        lastIndex: st.lastIndex,
        logKeys,
      });
    }
    const samples = sampler.samples;
    return {
      writes: done,
      gcCountLimit: limit,
      writers: opts.writers ?? 16,
      exposedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      wallMs,
      samplingMs: sampler.samplingMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      virtualMs: sim.now,
      events: sim.eventCount,
      baseline,
      peakHeapMB: Math.max(...samples.map((s) => s.heapMB), baseline.heapMB, final.heapMB),
      peakArrayBuffersMB: Math.max(...samples.map((s) => s.arrayBuffersMB), baseline.arrayBuffersMB),
      final,
      maxGap: sampler.maxGap,
      samples,
      stores,
    };
  } finally {
    c?.shutdown();
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
