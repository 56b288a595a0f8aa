// The lab-4 simulator bench: a follower catches up by one snapshot of `keys` keys through the chunked
// path (Cluster with snapshotTransport on: SnapSender → the simulated network → SnapReceiver over each
// store's VirtualFs). A 3-store cluster with log GC and snapshots on elects a leader; one follower is
// crashed; the keys are written in batches (one command of `batch` puts at a time) and the log is
// compacted past them; the follower restarts and catches up. It reports the wall and CPU time of the
// catch-up (restart → the snapshot installed and the follower applied up to the leader), the virtual
// time, the snapshot's bytes and chunks, and the heap (before the catch-up after a full GC when
// --expose-gc is on, and the peak of heapUsed sampled after every 10 virtual ms of the catch-up, garbage
// included). Observers off, as in the GC bench: they cost time per event and are not what is measured.
import { storepb } from '@target/proto/pb.js';
import type { StoreEvent } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { Rng } from '../harness/rng.js';
import { Cluster } from '../sim/cluster.js';
import type { ClusterObserver } from '../sim/observers.js';
import { Sim } from '../sim/sim.js';
import { targetDriver } from '../sim/target.js';
import { NoTrace } from './gc-bench.js';

export interface SnapSimBenchOptions {
  /** Distinct keys in the snapshot (default 100 000). */
  keys?: number;
  /** Bytes per value (default 64). */
  valueBytes?: number;
  /** Puts per command (default 1000). */
  batch?: number;
  seed?: number;
}

export interface SnapSimBenchResult {
  keys: number;
  valueBytes: number;
  /** Wall ms of writing the keys (not measured further: the setup). */
  writeWallMs: number;
  /** Catch-up: restart → installed and applied up to the leader. */
  wallMs: number;
  cpuMs: number;
  virtualMs: number;
  events: number;
  /** Bytes of the installed snapshot's file, from the receiver's 'snapshot-receive-start'. */
  snapshotBytes: number;
  /** Streams started towards the follower (1 unless a transfer failed and was retried). */
  streams: number;
  /** Why the ones that failed did. */
  failed: string[];
  heapBeforeMB: number;
  peakHeapMB: number;
  exposedGc: boolean;
}

const MB = 1024 * 1024;

/** The follower's snapshot events: resolves `installed` once it installed a snapshot. */
class CatchUpWatch implements ClusterObserver {
  snapshotBytes = 0;
  streams = 0;
  /** Why the streams towards the follower that failed did. */
  readonly failed: string[] = [];
  resolve: () => void = () => {};
  readonly installed = new Promise<void>((r) => {
    this.resolve = r;
  });

  /** The follower that catches up (set when it restarts). */
  follower = 0;

  storeEvent(id: number, ev: StoreEvent): void {
    if (ev.kind === 'snapshot-stream-start' && ev.to === this.follower) this.streams++;
    if (ev.kind === 'snapshot-stream-end' && ev.to === this.follower && !ev.ok)
      this.failed.push(ev.reason ?? '');
    if (id !== this.follower) return;
    if (ev.kind === 'snapshot-receive-start') this.snapshotBytes = ev.bytes;
    if (ev.kind === 'snapshot-installed') this.resolve();
  }
}

/** Puts `keys` keys to the leader, `batch` per command, one command at a time. */
async function writeKeys(c: Cluster, o: Required<Omit<SnapSimBenchOptions, 'seed'>>): Promise<void> {
  const value = Buffer.alloc(o.valueBytes, 0x61);
  let requestId = 0;
  for (let k = 0; k < o.keys; k += o.batch) {
    const requests = [];
    for (let i = k; i < Math.min(o.keys, k + o.batch); i++) {
      requests.push({ cmdType: storepb.CmdType.Put, key: Buffer.from(`key${i}`), value });
    }
    for (;;) {
      const leader = c.leader();
      const store = leader === undefined ? undefined : c.store(leader);
      if (store !== undefined) {
        const req = storepb.RaftCmdRequest.create({
          header: { regionId: REGION_ID, requestId: ++requestId },
          requests,
        });
        if (!(await store.propose(req)).header?.error) break;
      }
      await c.sim.sleep(50);
    }
  }
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / MB;
}

export async function runSnapSimBench(opts: SnapSimBenchOptions = {}): Promise<SnapSimBenchResult> {
  const o = { keys: opts.keys ?? 100_000, valueBytes: opts.valueBytes ?? 64, batch: opts.batch ?? 1000 };
  const sim = new Sim({
    rng: new Rng(opts.seed ?? 1).fork('sim'),
    trace: new NoTrace({ keepLines: false }),
    bounds: { maxVirtualMs: Number.MAX_SAFE_INTEGER, maxEvents: Number.MAX_SAFE_INTEGER },
  });
  const watch = new CatchUpWatch();
  let c: Cluster | undefined;
  try {
    c = await Cluster.start(sim, {
      driver: targetDriver,
      stores: 3,
      tuning: { snapshots: true, gcCountLimit: 10, gcTickInterval: 1, snapshotTransport: true },
      observe: { trace: false, model: false, invariants: false },
      observers: [watch],
    });
    while (c.leader() === undefined) await sim.runFor(50);
    const follower = c.storeIds.find((id) => id !== c!.leader())!;
    c.crash(follower);
    const w0 = performance.now();
    await sim.runUntil(writeKeys(c, o), Number.MAX_SAFE_INTEGER, `writing ${o.keys} keys`);
    const writeWallMs = performance.now() - w0;
    // Let the leader compact past the writes (a few GC ticks).
    await sim.runFor(1000);
    (globalThis as { gc?: () => void }).gc?.();
    const heapBeforeMB = heapMB();
    let peakHeapMB = heapBeforeMB;
    const v0 = sim.now;
    const e0 = sim.eventCount;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    watch.follower = follower; // from now on: streams towards it while it is down are not counted
    void c.restart(follower);
    let done = false;
    void watch.installed.then(() => {
      done = true;
    });
    const caughtUp = (): boolean => {
      const lead = c!.leader();
      const st = c!.status(follower);
      return done && lead !== undefined && st !== undefined && st.applied >= c!.status(lead)!.applied;
    };
    while (!caughtUp()) {
      if (sim.now - v0 > 120_000) throw new Error('the follower did not catch up in 120 s virtual');
      await sim.runFor(10);
      peakHeapMB = Math.max(peakHeapMB, heapMB());
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      ...o,
      writeWallMs,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      virtualMs: sim.now - v0,
      events: sim.eventCount - e0,
      snapshotBytes: watch.snapshotBytes,
      streams: watch.streams,
      failed: watch.failed,
      heapBeforeMB,
      peakHeapMB,
      exposedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    };
  } finally {
    c?.shutdown();
    sim.dispose();
  }
}

export function formatSnapSimBench(r: SnapSimBenchResult): string {
  return (
    `simulator: a follower caught up by a snapshot of ${r.keys} keys (${(r.snapshotBytes / MB).toFixed(1)} MiB, ` +
    `${r.streams} stream(s)${r.failed.length > 0 ? `, failed: ${r.failed.join('; ')}` : ''}) through the chunked path: ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ` +
    `${(r.virtualMs / 1000).toFixed(2)} s virtual, ${r.events} events; heap ${r.heapBeforeMB.toFixed(1)} MiB before, ` +
    `peak ${r.peakHeapMB.toFixed(1)} MiB (writing the keys took ${(r.writeWallMs / 1000).toFixed(1)} s)`
  );
}
