// End-to-end smoke test of the snapshot transport (lab 4) in the simulator: three real stores of the
// target with RaftTuning.snapshotTransport on (small chunks, so a snapshot is many of them). A follower
// is down while the leader compacts its log past it; restarted, it is caught up by a chunked snapshot:
// the leader streams the generated file, the follower verifies it, renames it into place, installs it,
// and its snapshot directory ends with no temporaries and no received file left (GC after the install).
import { describe, expect, test } from 'vitest';
import type { StoreEvent } from '@target/store/api.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { SimClient } from '../sim/client.js';
import { Cluster } from '../sim/cluster.js';
import { History } from '../sim/history.js';
import { Sim } from '../sim/sim.js';
import { targetDriver } from '../sim/target.js';

const CHUNK = 512;

async function catchUp(seed: number): Promise<void> {
  const sim = new Sim({ rng: new Rng(seed), trace: new Trace() });
  const events: { id: number; ev: StoreEvent }[] = [];
  const c = await Cluster.start(sim, {
    driver: targetDriver,
    stores: 3,
    tuning: {
      gcCountLimit: 5,
      gcTickInterval: 2,
      snapshots: true,
      snapshotTransport: { chunkBytes: CHUNK, windowBytes: 4 * CHUNK },
    },
    observers: [{ storeEvent: (id, ev) => events.push({ id, ev }) }],
  });
  const client = new SimClient(1, c, new History(sim), new Rng(seed + 1));
  const put = async (i: number): Promise<void> => {
    const r = await sim.runUntil(client.put(`k${i}`, `v${i}-${'x'.repeat(100)}`), 10_000, `put k${i}`);
    expect(r.status).toBe('ok');
  };
  await put(0);
  const leader = c.leader()!;
  const follower = c.storeIds.find((id) => id !== leader)!;
  c.crash(follower);
  for (let i = 1; i <= 40; i++) await put(i);
  // Wait until the leader's log starts past everything the follower holds.
  for (let i = 0; i < 50 && c.status(leader)!.firstIndex <= c.persisted(follower).lastIndex + 1; i++) {
    await sim.runFor(100);
  }
  expect(c.status(leader)!.firstIndex).toBeGreaterThan(c.persisted(follower).lastIndex + 1);
  await sim.runUntil(c.restart(follower), 5000, 'restarting the follower');
  const target = c.status(leader)!.applied;
  for (let i = 0; i < 100 && (c.status(follower)?.applied ?? 0) < target; i++) await sim.runFor(100);
  await sim.runFor(500);

  const of = (id: number, kind: StoreEvent['kind']) =>
    events.filter((e) => e.id === id && e.ev.kind === kind).map((e) => e.ev);
  const received = of(follower, 'snapshot-receive-end');
  expect(received).toContainEqual(expect.objectContaining({ ok: true, from: leader }));
  const started = of(follower, 'snapshot-receive-start');
  expect(started.length).toBeGreaterThan(0);
  expect((started[0] as { bytes: number }).bytes).toBeGreaterThan(4 * CHUNK);
  expect(of(leader, 'snapshot-stream-end')).toContainEqual(expect.objectContaining({ ok: true }));
  expect(of(leader, 'snapshot-sent').length).toBeGreaterThan(0);
  expect(of(follower, 'snapshot-installed').length).toBeGreaterThan(0);
  expect(c.status(follower)!.applied).toBeGreaterThanOrEqual(target);
  const left = c.snapshotFs(follower)!.names();
  expect(left.filter((n) => n.endsWith('.tmp') || n.startsWith('rcv_'))).toEqual([]);
  c.shutdown();
}

describe('snapshot transport, end to end', () => {
  test('a follower down while the log is compacted catches up by a chunked snapshot', async () => {
    for (const seed of [1, 2, 3]) await catchUp(seed);
  });
});
