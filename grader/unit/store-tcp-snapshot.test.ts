// Lab 4 over real TCP: three stores (realtime runtime, in-memory engines, snapshot files in temporary
// directories through NodeSnapFs, log GC with a small limit, snapshots and the snapshot transport on)
// talk over TcpTransport on 127.0.0.1. One follower is stopped while more than 10 MiB of values are
// written and the leader compacts its log past them; restarted over its engines and its snapshot
// directory, the follower can only catch up by a snapshot, which arrives as a chunked stream of more
// than 10 MiB on a connection of its own. Its data must then equal the leader's, the stream's
// connection must be closed, and no temporary snapshot file may be left in any store's directory.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { storepb } from '../../solutions/proto/pb.js';
import { StateType } from '../../solutions/raft/raft.js';
import { RealtimeRuntime } from '../../solutions/runtime/realtime.js';
import type { StoreEvent } from '../../solutions/store/api.js';
import { kvCommand, outcomeOf, putRequest } from '../../solutions/store/cmd.js';
import { type Engine, MemEngine } from '../../solutions/store/engine.js';
import { dataKeyRange } from '../../solutions/store/keys.js';
import { NodeSnapFs } from '../../solutions/store/node-snap-fs.js';
import { Store } from '../../solutions/store/store.js';
import { TcpTransport } from '../../solutions/store/tcp-transport.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const MiB = 1024 * 1024;
/** 44 commands of 4 values of 64 KiB: 11 MiB of distinct values. */
const COMMANDS = 44;
const PUTS = 4;
const VALUE_BYTES = 64 * 1024;

async function until(cond: () => boolean, what: string, ms: number): Promise<void> {
  for (let waited = 0; !cond(); waited += 20) {
    if (waited > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** A value unlike every other one (so a misplaced chunk changes the data). */
function value(n: number): Buffer {
  const v = Buffer.alloc(VALUE_BYTES);
  for (let i = 0; i < v.length; i += 4) v.writeUInt32LE((n * 2654435761 + i) >>> 0, i);
  return v;
}

/** Every user key and value in a kv engine, in order. */
async function userData(kv: Engine): Promise<[string, Buffer][]> {
  const kvs = await kv.scan(dataKeyRange(Buffer.alloc(0), Buffer.alloc(0)));
  return kvs.map((p) => [Buffer.from(p.key).toString('hex'), Buffer.from(p.value)]);
}

interface Node {
  id: number;
  runtime: RealtimeRuntime;
  transport: TcpTransport;
  raft: Engine;
  kv: Engine;
  dir: string;
  store: Store;
}

describe('lab 4 over TCP on 127.0.0.1', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  test('a stopped follower catches up by a chunked snapshot of more than 10 MiB', {
    timeout: 30_000,
  }, async () => {
    const ids = [1, 2, 3];
    const errors: unknown[] = [];
    const events: StoreEvent[] = [];
    const open = (n: Omit<Node, 'store'>): Promise<Store> =>
      Store.open({
        storeId: n.id,
        storeIds: ids,
        runtime: n.runtime,
        transport: n.transport,
        raftEngine: n.raft,
        kvEngine: n.kv,
        tickMs: 10,
        electionTick: 10,
        heartbeatTick: 2,
        gcCountLimit: 5,
        gcTickInterval: 2,
        snapshots: true,
        snapshotFs: new NodeSnapFs(n.dir),
        onEvent: (e) => events.push(e),
      });
    const nodes: Node[] = [];
    for (const id of ids) {
      const runtime = new RealtimeRuntime({ seed: id, onError: (err) => errors.push(err) });
      closers.push(() => runtime.close());
      const transport = await TcpTransport.listen({ runtime });
      closers.push(() => transport.close());
      const dir = await mkdtemp(join(tmpdir(), `raftlab-tcp-snap-${id}-`));
      closers.push(() => rm(dir, { recursive: true, force: true }));
      const base = { id, runtime, transport, raft: await MemEngine.open(), kv: await MemEngine.open(), dir };
      const store = await open(base);
      closers.push(() => nodes[id - 1]!.store.stop());
      transport.onMessage((env) => nodes[id - 1]!.store.onMessage(env));
      nodes.push({ ...base, store });
    }
    for (const n of nodes) for (const m of nodes) n.transport.setPeer(m.id, m.transport.address);

    const leaderNode = (): Node | undefined =>
      nodes.find((n) => !n.store.status().stopped && n.store.status().raftState === StateType.Leader);
    await until(() => leaderNode() !== undefined, 'a leader', 10_000);
    const leader = leaderNode()!;
    const follower = nodes.find((n) => n !== leader)!;
    follower.store.stop();
    const appliedAtStop = follower.store.status().applied;

    let requestId = 1;
    for (let c = 0; c < COMMANDS; c++) {
      const puts: storepb.Request[] = [];
      for (let p = 0; p < PUTS; p++) puts.push(putRequest(Buffer.from(`big${c}-${p}`), value(c * PUTS + p)));
      const resp = await leader.store.propose(kvCommand(requestId++, puts));
      expect(outcomeOf(resp), `command ${c}`).toBe('ok');
    }
    await until(
      () => leader.store.status().truncatedIndex > appliedAtStop + COMMANDS,
      'the leader to compact its log past the writes',
      5_000,
    );

    follower.store = await open(follower);
    const caughtUp = (): boolean => follower.store.status().applied >= leader.store.status().applied;
    await until(caughtUp, 'the restarted follower to catch up', 15_000);

    const mine = (kind: StoreEvent['kind']) =>
      events.filter((e) => e.kind === kind && e.storeId === follower.id);
    const received = mine('snapshot-receive-start').at(-1);
    expect(received, 'the follower received a snapshot stream').toBeDefined();
    if (received?.kind !== 'snapshot-receive-start') return;
    expect(received.bytes, 'the snapshot is more than 10 MiB').toBeGreaterThan(10 * MiB);
    expect(mine('snapshot-receive-end').at(-1)).toMatchObject({ ok: true, stream: received.stream });
    expect(mine('snapshot-installed').length).toBeGreaterThanOrEqual(1);
    const sent = events.filter((e) => e.kind === 'snapshot-sent' && e.storeId === leader.id);
    expect(sent.length, 'the leader reported a sent snapshot').toBeGreaterThanOrEqual(1);

    const want = await userData(leader.kv);
    expect(want).toHaveLength(COMMANDS * PUTS);
    const got = await userData(follower.kv);
    expect(got.map(([k]) => k)).toEqual(want.map(([k]) => k));
    for (const [i, [k, v]] of got.entries()) expect(v.equals(want[i]![1]), `value of ${k}`).toBe(true);

    // The stream's connection ends with its done ack.
    await until(
      () => nodes.every((n) => n.transport.streams().sending + n.transport.streams().receiving === 0),
      'the stream connections to close',
      3_000,
    );
    for (const n of nodes) expect((await readdir(n.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
