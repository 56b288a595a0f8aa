// Unit tests of the simulated network's envelopes (grader/sim/network.ts): raft messages keep the trace
// records they always had, a snapshot chunk travels as its own packet type, and a corrupt verdict flips
// bytes of the encoding — delivering what still decodes, losing what does not — the same way per seed.
// The target's Store refuses a chunk (lab 4 brings the snapshot transport).
import { describe, expect, test } from 'vitest';
import { storepb } from '@target/proto/pb.js';
import type { Envelope } from '@target/store/api.js';
import { encodeEnvelope } from '@target/store/message.js';
import { corruptFilter, customFilter, dropFilter, duplicateFilter } from '../harness/faults.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { Cluster } from '../sim/cluster.js';
import { Sim } from '../sim/sim.js';
import { targetDriver } from '../sim/target.js';
import { type FakeStore, fakeDriver } from '../sim/testing/fake-store.js';
import type { StoreDriver } from '../sim/types.js';

const NET_KINDS = new Set(['send', 'deliver', 'drop', 'duplicate', 'corrupt']);

/** A 3-store cluster that sends nothing by itself (fake stores without heartbeats, by default). */
async function quiet(seed: number, driver: StoreDriver = fakeDriver({ heartbeats: false })) {
  const trace = new Trace();
  const sim = new Sim({ rng: new Rng(seed), trace });
  const c = await Cluster.start(sim, { driver, stores: 3, tuning: { tickMs: 10 }, latencyMs: [1, 3] });
  return { sim, c, trace };
}

type Rec = Record<string, unknown>;

/** The network's records (and, with `also`, other kinds too), in order. */
function records(trace: Trace, also: string[] = []): Rec[] {
  return trace
    .lines()
    .map((l) => JSON.parse(l) as Rec)
    .filter((e) => NET_KINDS.has(e.kind as string) || also.includes(e.kind as string));
}

function raft(to: number, message: storepb.RaftMessage['message']): Envelope {
  const msg = storepb.RaftMessage.create({
    regionId: 1,
    fromPeer: { id: 1, storeId: 1 },
    toPeer: { id: to, storeId: to },
    message: { from: 1, to, ...message },
  });
  return { kind: 'raft', msg };
}

function chunk(to: number, offset: number, data: Uint8Array, last = false): Envelope {
  return {
    kind: 'chunk',
    chunk: storepb.SnapshotChunk.create({ fromStore: 1, toStore: to, offset, data, last }),
  };
}

const received = (c: Cluster, id: number): Envelope[] => (c.store(id) as FakeStore).received;

describe('raft messages on the network', () => {
  test('keep their send, deliver, duplicate and drop records as recorded', async () => {
    const { sim, c, trace } = await quiet(4);
    const entries = [
      { term: 7, index: 42, data: new Uint8Array([1]) },
      { term: 7, index: 43 },
    ];
    c.net.send(1, raft(2, { msgType: 3, term: 7, logTerm: 6, index: 41, commit: 40, entries }));
    c.net.send(1, raft(3, { msgType: 4, term: 7, index: 43, reject: true }));
    c.net.send(1, raft(2, { msgType: 1 }));
    await sim.runFor(10);
    const dup = c.net.add(duplicateFilter(1));
    c.net.send(1, raft(2, { msgType: 8, term: 2, commit: 5 }));
    c.net.remove(dup);
    const drop = c.net.add(dropFilter(1));
    c.net.send(1, raft(3, { msgType: 8, term: 2 }));
    c.net.remove(drop);
    c.net.send(1, raft(3, { msgType: 9, term: 2 }));
    c.crash(3);
    c.net.send(1, raft(3, { msgType: 9, term: 3 }));
    await sim.runFor(10);
    const got = records(trace);
    const t0 = got[0]!.t as number;
    // Recorded before envelopes existed; times relative to the first send.
    expect(got.map((r) => JSON.stringify({ ...r, t: (r.t as number) - t0 }))).toEqual([
      '{"commit":40,"id":1,"index":41,"kind":"send","logTerm":6,"n":2,"node":1,"t":0,"term":7,"to":2,"type":"MsgAppend"}',
      '{"id":2,"index":43,"kind":"send","node":1,"reject":true,"t":0,"term":7,"to":3,"type":"MsgAppendResponse"}',
      '{"id":3,"kind":"send","node":1,"t":0,"to":2,"type":"MsgBeat"}',
      '{"from":1,"id":1,"kind":"deliver","node":2,"t":2,"type":"MsgAppend"}',
      '{"from":1,"id":2,"kind":"deliver","node":3,"t":2,"type":"MsgAppendResponse"}',
      '{"from":1,"id":3,"kind":"deliver","node":2,"t":2,"type":"MsgBeat"}',
      '{"commit":5,"id":4,"kind":"send","node":1,"t":10,"term":2,"to":2,"type":"MsgHeartbeat"}',
      '{"copies":2,"id":4,"kind":"duplicate","node":1,"t":10,"to":2}',
      '{"id":5,"kind":"send","node":1,"t":10,"term":2,"to":3,"type":"MsgHeartbeat"}',
      '{"id":5,"kind":"drop","node":1,"t":10,"to":3,"why":"drop 100%"}',
      '{"id":6,"kind":"send","node":1,"t":10,"term":2,"to":3,"type":"MsgHeartbeatResponse"}',
      '{"id":7,"kind":"send","node":1,"t":10,"term":3,"to":3,"type":"MsgHeartbeatResponse"}',
      '{"id":7,"kind":"drop","node":1,"t":10,"to":3,"why":"receiver down"}',
      '{"from":1,"id":4,"kind":"deliver","node":2,"t":13,"type":"MsgHeartbeat"}',
      '{"from":1,"id":4,"kind":"deliver","node":2,"t":13,"type":"MsgHeartbeat"}',
      '{"from":1,"id":6,"kind":"drop","node":3,"t":13,"why":"receiver crashed while in flight"}',
    ]);
  });
});

describe('snapshot chunks on the network', () => {
  test('a chunk arrives as an equal, distinct decoded copy; filters and the trace see SnapshotChunk', async () => {
    const { sim, c, trace } = await quiet(1);
    const seen: string[] = [];
    c.net.add(customFilter('spy', (p) => void seen.push(`${p.type} ${p.from}->${p.to}`)));
    const data = new Uint8Array([9, 8, 7, 6]);
    const sent = chunk(3, 4096, data, true);
    c.net.send(1, sent);
    data[0] = 0; // mutating after send must not affect what arrives
    await sim.runFor(10);
    expect(seen).toEqual(['SnapshotChunk 1->3']);
    const [got] = received(c, 3);
    expect(got?.kind).toBe('chunk');
    if (got?.kind !== 'chunk' || sent.kind !== 'chunk') return;
    expect(got.chunk).not.toBe(sent.chunk);
    expect(got.chunk).toMatchObject({ fromStore: 1, toStore: 3, offset: 4096, last: true });
    expect([...got.chunk.data]).toEqual([9, 8, 7, 6]);
    expect(records(trace).map(({ t: _t, ...r }) => r)).toEqual([
      { kind: 'send', node: 1, to: 3, id: 1, type: 'SnapshotChunk', offset: 4096, bytes: 4, last: true },
      { kind: 'deliver', node: 3, from: 1, id: 1, type: 'SnapshotChunk' },
    ]);
  });

  test("a chunk's drop records name its type", async () => {
    const { sim, c, trace } = await quiet(1);
    const h = c.net.add(dropFilter(1));
    c.net.send(1, chunk(2, 0, new Uint8Array([1])));
    c.net.remove(h);
    c.crash(3);
    c.net.send(1, chunk(3, 0, new Uint8Array([1])));
    await sim.runFor(10);
    const drops = records(trace).filter((r) => r.kind === 'drop');
    expect(drops.map((d) => [d.id, d.type, d.why])).toEqual([
      [1, 'SnapshotChunk', 'drop 100%'],
      [2, 'SnapshotChunk', 'receiver down'],
    ]);
  });

  test("the target's store refuses a chunk, naming lab 4, and keeps running", async () => {
    const { sim, c, trace } = await quiet(1, targetDriver);
    c.net.send(1, chunk(2, 0, new Uint8Array([1, 2, 3])));
    await sim.runFor(10);
    const refusals = records(trace, ['refuse']).filter((r) => r.kind === 'refuse');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ node: 2 });
    expect(String(refusals[0]!.reason)).toMatch(/snapshot chunk.*lab 4/);
    expect(c.isUp(2)).toBe(true);
  });
});

describe('the corrupt verdict', () => {
  /** Sends 40 chunks and 40 raft messages from store 1 to 2 through corruptFilter(1). */
  async function corrupted(seed: number) {
    const { sim, c, trace } = await quiet(seed);
    c.net.add(corruptFilter(1));
    const sent: Envelope[] = [];
    for (let i = 0; i < 40; i++) {
      sent.push(chunk(2, i * 16, new Uint8Array(16).fill(i), i === 39));
      sent.push(raft(2, { msgType: 3, term: 2, index: i, commit: i, entries: [{ term: 2, index: i + 1 }] }));
    }
    for (const env of sent) c.net.send(1, env);
    await sim.runFor(10);
    return { c, trace, sent };
  }

  test('delivers what still decodes, altered, and loses what does not; stats and trace agree', async () => {
    const { c, trace, sent } = await corrupted(3);
    const recs = records(trace);
    const corruptIds = recs.filter((r) => r.kind === 'corrupt').map((r) => r.id);
    const lostIds = recs
      .filter((r) => r.kind === 'drop' && r.why === 'corrupted, does not decode')
      .map((r) => r.id);
    const deliveredIds = recs.filter((r) => r.kind === 'deliver').map((r) => r.id);
    expect(corruptIds).toHaveLength(sent.length);
    expect([...lostIds, ...deliveredIds].sort((a, b) => Number(a) - Number(b))).toEqual(corruptIds);
    expect(lostIds.length).toBeGreaterThan(0);
    expect(deliveredIds.length).toBeGreaterThan(0);
    expect(c.net.stats).toMatchObject({
      sent: sent.length,
      corrupted: sent.length,
      undecodable: lostIds.length,
      delivered: deliveredIds.length,
    });
    // Packet ids number the sends in order, so each delivery can be compared with what was sent.
    const got = received(c, 2);
    const altered = deliveredIds.filter((id, k) => {
      const before = encodeEnvelope(sent[Number(id) - 1]!);
      return Buffer.compare(Buffer.from(encodeEnvelope(got[k]!)), Buffer.from(before)) !== 0;
    });
    expect(altered.length).toBeGreaterThan(deliveredIds.length / 2);
  });

  test('flips the same bytes for the same seed, other bytes for another', async () => {
    const a = await corrupted(3);
    const b = await corrupted(3);
    const other = await corrupted(4);
    const wire = (r: Awaited<ReturnType<typeof corrupted>>): string[] =>
      received(r.c, 2).map((e) => Buffer.from(encodeEnvelope(e)).toString('hex'));
    expect(b.trace.lines()).toEqual(a.trace.lines());
    expect(wire(b)).toEqual(wire(a));
    expect(wire(other)).not.toEqual(wire(a));
  });
});
