// Unit tests of the simulated network (grader/sim/network.ts, harness/faults.ts) over a fake store: messages
// travel as protobuf bytes with seeded latency, and each filter does what it says — drop, partition,
// isolate, delay, duplicate, reorder, link scopes — until it is removed or cleared.
import { describe, expect, test } from 'vitest';
import { storepb } from '@target/proto/pb.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { Cluster } from '../sim/cluster.js';
import {
  customFilter,
  delayFilter,
  dropFilter,
  duplicateFilter,
  isolateFilter,
  partitionFilter,
  reorderFilter,
} from '../harness/faults.js';
import { Sim } from '../sim/sim.js';
import { type FakeStore, fakeDriver } from '../sim/testing/fake-store.js';

interface Hop {
  id: number;
  from: number;
  to: number;
  sentAt: number;
  at: number;
}

/** A 3-store fake cluster that heartbeats every 10 ms, with the trace kept for inspection. */
async function cluster(seed = 1): Promise<{ sim: Sim; c: Cluster; trace: Trace }> {
  const trace = new Trace();
  const sim = new Sim({ rng: new Rng(seed), trace });
  const c = await Cluster.start(sim, {
    driver: fakeDriver(),
    stores: 3,
    tuning: { tickMs: 10 },
    latencyMs: [1, 3],
  });
  return { sim, c, trace };
}

function events(trace: Trace, kind: string): Record<string, unknown>[] {
  return trace
    .lines()
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.kind === kind);
}

/** Pairs every send with its deliveries, by packet id. */
function hops(trace: Trace): Hop[] {
  const sent = new Map<number, Record<string, unknown>>();
  for (const e of events(trace, 'send')) sent.set(e.id as number, e);
  return events(trace, 'deliver').map((d) => {
    const s = sent.get(d.id as number)!;
    return {
      id: d.id as number,
      from: s.node as number,
      to: d.node as number,
      sentAt: s.t as number,
      at: d.t as number,
    };
  });
}

describe('SimNetwork', () => {
  test('delivers every message with a latency in range, as a freshly decoded copy', async () => {
    const { sim, c, trace } = await cluster();
    await sim.runFor(200);
    const hs = hops(trace);
    expect(hs.length).toBeGreaterThan(100);
    expect(c.net.stats.dropped).toBe(0);
    expect(c.net.stats.sent - c.net.stats.delivered).toBeLessThan(10); // the rest is in flight
    for (const h of hs) expect(h.at - h.sentAt).toBeGreaterThanOrEqual(1);
    for (const h of hs) expect(h.at - h.sentAt).toBeLessThanOrEqual(3);
    expect(new Set(hs.map((h) => h.at - h.sentAt))).toEqual(new Set([1, 2, 3]));
  });

  test('dropFilter(1) drops everything and clear() restores delivery', async () => {
    const { sim, c } = await cluster();
    await sim.runFor(20);
    const h = c.net.add(dropFilter(1));
    const before = c.net.stats.delivered;
    await sim.runFor(100);
    expect(c.net.stats.delivered - before).toBeLessThanOrEqual(6); // only what was already in flight
    expect(c.net.stats.dropped).toBeGreaterThan(40);
    c.net.remove(h);
    const mid = c.net.stats.delivered;
    await sim.runFor(100);
    expect(c.net.stats.delivered - mid).toBeGreaterThan(40);
  });

  test('dropFilter(p) drops about p of the messages', async () => {
    const { sim, c } = await cluster(5);
    c.net.add(dropFilter(0.3));
    await sim.runFor(2000);
    const { sent, dropped } = c.net.stats;
    expect(dropped / sent).toBeGreaterThan(0.25);
    expect(dropped / sent).toBeLessThan(0.35);
  });

  test('a partition drops exactly the messages between groups', async () => {
    const { sim, c, trace } = await cluster();
    c.net.partition([1], [2, 3]);
    await sim.runFor(5);
    const start = sim.now;
    await sim.runFor(200);
    const late = hops(trace).filter((h) => h.sentAt > start);
    expect(late.length).toBeGreaterThan(0);
    for (const h of late) expect([h.from, h.to].sort()).toEqual([2, 3]);
    const drops = events(trace, 'drop').filter((d) => (d.t as number) > start);
    for (const d of drops) expect(d.why).toBe('partition [1] [2,3]');
    c.net.heal();
    const healed = sim.now;
    await sim.runFor(100);
    expect(hops(trace).some((h) => h.sentAt > healed && (h.from === 1 || h.to === 1))).toBe(true);
  });

  test('partitionFilter cuts off stores in no group; isolateFilter cuts one store off', async () => {
    const { sim, c, trace } = await cluster();
    c.net.add(partitionFilter([[1, 2]]));
    const t0 = sim.now;
    await sim.runFor(100);
    for (const h of hops(trace).filter((x) => x.sentAt > t0)) expect([h.from, h.to].sort()).toEqual([1, 2]);
    c.net.clear();
    c.net.add(isolateFilter(2));
    const t1 = sim.now + 5;
    await sim.runFor(100);
    for (const h of hops(trace).filter((x) => x.sentAt > t1)) expect([h.from, h.to].sort()).toEqual([1, 3]);
  });

  test('delayFilter adds its delay on the links in scope only', async () => {
    const { sim, c, trace } = await cluster();
    const t0 = sim.now;
    c.net.add(delayFilter(50, 50, { from: [1], to: [2] }));
    await sim.runFor(300);
    const hs = hops(trace).filter((h) => h.sentAt >= t0);
    const slow = hs.filter((h) => h.from === 1 && h.to === 2);
    const fast = hs.filter((h) => !(h.from === 1 && h.to === 2));
    expect(slow.length).toBeGreaterThan(10);
    for (const h of slow) expect(h.at - h.sentAt).toBeGreaterThanOrEqual(51);
    for (const h of fast) expect(h.at - h.sentAt).toBeLessThanOrEqual(3);
  });

  test('duplicateFilter(1) delivers every message twice', async () => {
    const { sim, c, trace } = await cluster();
    c.net.add(duplicateFilter(1));
    const t0 = sim.now;
    await sim.runFor(200);
    const perId = new Map<number, number>();
    for (const h of hops(trace).filter((x) => x.sentAt > t0 && x.at < sim.now - 5)) {
      perId.set(h.id, (perId.get(h.id) ?? 0) + 1);
    }
    expect(perId.size).toBeGreaterThan(20);
    for (const n of perId.values()) expect(n).toBe(2);
    expect(c.net.stats.duplicated).toBeGreaterThan(20);
  });

  test('reorderFilter makes later messages overtake earlier ones on the same link', async () => {
    const { sim, c, trace } = await cluster();
    c.net.add(reorderFilter(0.5, 40));
    await sim.runFor(500);
    const link = hops(trace).filter((h) => h.from === 1 && h.to === 2);
    let overtakes = 0;
    for (let i = 1; i < link.length; i++) if (link[i]!.id < link[i - 1]!.id) overtakes++;
    expect(overtakes).toBeGreaterThan(5);
  });

  test('a custom filter sees the message type and link', async () => {
    const { sim, c } = await cluster();
    const seen = new Set<string>();
    c.net.add(
      customFilter('spy', (p) => {
        seen.add(`${p.type} ${p.from}->${p.to}`);
        return undefined;
      }),
    );
    await sim.runFor(50);
    expect(seen).toContain('MsgHeartbeat 1->2');
    expect(seen).toContain('MsgHeartbeat 3->1');
  });

  test('messages go over the wire: the receiver gets an equal but distinct decoded object', async () => {
    const { sim, c } = await cluster();
    const original = storepb.RaftMessage.create({
      regionId: 1,
      fromPeer: { id: 1, storeId: 1 },
      toPeer: { id: 3, storeId: 3 },
      message: {
        msgType: 8,
        from: 1,
        to: 3,
        index: 1,
        entries: [{ index: 1, data: new Uint8Array([1, 2, 3]) }],
      },
    });
    c.net.send(1, { kind: 'raft', msg: original });
    original.message!.index = 99; // mutating after send must not affect what arrives
    await sim.runFor(10);
    const fake = c.store(3) as FakeStore;
    const got = fake.received.flatMap((e) => (e.kind === 'raft' ? [e.msg] : []));
    const msg = got.find((m) => m.message?.entries?.length === 1)!;
    expect(msg).not.toBe(original);
    expect(Number(msg.message!.index)).toBe(1);
    expect([...msg.message!.entries![0]!.data!]).toEqual([1, 2, 3]);
  });
});
