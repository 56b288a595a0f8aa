// Tests of the store's seams for the later labs (framework code, not a student's): read views through
// the fenced and the simulator's instrumented engines, the BackgroundWorker that runs background tasks,
// and the lab-3 paths that stay closed in labs 1–2 — PeerStorage.snapshot() with snapshots off, and the
// compact-index choice (lab 2's rule with snapshots off, applied with them on) — and the framework's
// refusal of a damaged snapshot before anything is installed.
import { describe, expect, test } from 'vitest';
import { NotInLabYet } from '../../solutions/labtodo.js';
import { storepb } from '../../solutions/proto/pb.js';
import { type Message, MessageType, newMessage } from '../../solutions/raft/raftpb.js';
import { SeededRandom } from '../../solutions/runtime/prng.js';
import type { Runtime, Timer } from '../../solutions/runtime/runtime.js';
import { REGION_ID, bootstrapStore } from '../../solutions/store/bootstrap.js';
import { kvCommand, putRequest } from '../../solutions/store/cmd.js';
import { type Engine, MemEngine, WriteBatch } from '../../solutions/store/engine.js';
import {
  CorruptSnapshotError,
  ReadViewReleasedError,
  StoreStoppedError,
} from '../../solutions/store/errors.js';
import { Fence, FencedEngine } from '../../solutions/store/fence.js';
import { raftLogKeyRange } from '../../solutions/store/keys.js';
import { LogGcWorker } from '../../solutions/store/log-gc-worker.js';
import { Peer } from '../../solutions/store/peer.js';
import { PeerStorage } from '../../solutions/store/peer-storage.js';
import { BackgroundWorker } from '../../solutions/store/worker.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { instrumentEngine } from '../sim/persisted.js';
import { Sim } from '../sim/sim.js';

const b = (s: string): Buffer => Buffer.from(s);
const str = (v: Uint8Array | undefined): string | undefined =>
  v === undefined ? undefined : Buffer.from(v).toString();
const all = { gte: Buffer.from([0]), lt: Buffer.from([0xff]) };

/** A runtime whose spawned tasks wait in `tasks` (name, task) until the test runs them; no timers. */
class HeldTasks implements Runtime {
  readonly tasks: { name: string; run: () => Promise<void> }[] = [];
  readonly errors: unknown[] = [];
  readonly random = new SeededRandom(1);
  now(): number {
    return 0;
  }
  setTimer(): Timer {
    return { cancel: () => {} };
  }
  setInterval(): Timer {
    return { cancel: () => {} };
  }
  spawn(name: string, run: () => Promise<void>): void {
    this.tasks.push({ name, run });
  }
  onError(err: unknown): void {
    this.errors.push(err);
  }
}

/** An engine holding a=1, b=2, c=3. */
async function abc(): Promise<MemEngine> {
  const e = await MemEngine.open();
  await e.write(new WriteBatch().put(b('a'), b('1')).put(b('b'), b('2')).put(b('c'), b('3')));
  return e;
}

/** The lab-3 error, with the lab it names. */
function expectLab3(err: unknown): void {
  expect(err).toBeInstanceOf(NotInLabYet);
  expect((err as NotInLabYet).lab).toBe('lab3');
}

describe('read views through the fence', () => {
  test('a view taken before writes through the fenced engine does not see them', async () => {
    const fenced = new FencedEngine(await abc(), new Fence(1));
    const view = fenced.snapshot();
    await fenced.write(new WriteBatch().put(b('a'), b('new')).delete(b('c')).put(b('d'), b('4')));
    expect(await fenced.deleteRange({ gte: b('a'), lt: b('c') })).toBe(2);
    expect(str(await view.get(b('a')))).toBe('1');
    expect(str(await view.get(b('c')))).toBe('3');
    expect(await view.get(b('d'))).toBeUndefined();
    expect((await view.scan(all)).map((p) => p.key.toString())).toEqual(['a', 'b', 'c']);
    expect(await view.count(all)).toBe(3);
    expect(await fenced.count(all)).toBe(1);
  });

  test("a closed fence cuts a stopped store's views off: reads throw StoreStoppedError", async () => {
    const fence = new Fence(7);
    const fenced = new FencedEngine(await abc(), fence);
    const view = fenced.snapshot();
    fence.close();
    expect(() => view.get(b('a'))).toThrow(StoreStoppedError);
    expect(() => view.scan(all)).toThrow(StoreStoppedError);
    expect(() => view.count(all)).toThrow(StoreStoppedError);
    expect(() => fenced.snapshot()).toThrow(StoreStoppedError);
    view.release();
  });

  test('a released view behind the fence refuses reads', async () => {
    const view = new FencedEngine(await abc(), new Fence(1)).snapshot();
    view.release();
    await expect(view.get(b('a'))).rejects.toBeInstanceOf(ReadViewReleasedError);
    await expect(view.count(all)).rejects.toBeInstanceOf(ReadViewReleasedError);
  });

  test("the simulator's instrumented engine passes views through and gates their reads", async () => {
    const sim = new Sim({ rng: new Rng(1), trace: new Trace({ keepLines: false }) });
    const gate = sim.ioGate();
    const engine: Engine = instrumentEngine(await abc(), gate, () => {});
    const view = engine.snapshot();
    await engine.write(new WriteBatch().put(b('z'), b('26')));
    expect(await view.get(b('z'))).toBeUndefined();
    expect(await view.count(all)).toBe(3);
    gate.fence();
    // A crashed incarnation's reads never complete.
    let settled = false;
    void view.get(b('a')).finally(() => {
      settled = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
  });
});

describe('BackgroundWorker', () => {
  function worker(rt: HeldTasks, run: (t: number) => Promise<string>, done: [number, string][]) {
    return new BackgroundWorker<number, string>({
      name: 'test-task',
      runtime: rt,
      run,
      done: (t, r) => done.push([t, r]),
    });
  }

  test('scheduled tasks reach the runtime only on flush, in order, under the worker name', async () => {
    const rt = new HeldTasks();
    const done: [number, string][] = [];
    const w = worker(rt, async (t) => `ran ${t}`, done);
    w.schedule(1);
    w.schedule(2);
    expect(rt.tasks).toEqual([]);
    w.flush();
    expect(rt.tasks.map((t) => t.name)).toEqual(['test-task', 'test-task']);
    w.flush();
    expect(rt.tasks).toHaveLength(2);
    await rt.tasks[1]!.run();
    await rt.tasks[0]!.run();
    expect(done).toEqual([
      [2, 'ran 2'],
      [1, 'ran 1'],
    ]);
  });

  test('a task of a stopped store ends quietly; any other error reaches the runtime', async () => {
    const rt = new HeldTasks();
    const done: [number, string][] = [];
    const boom = new Error('boom');
    const w = worker(
      rt,
      async (t) => {
        if (t === 1) throw new StoreStoppedError(1);
        throw boom;
      },
      done,
    );
    w.schedule(1);
    w.schedule(2);
    w.flush();
    await expect(rt.tasks[0]!.run()).resolves.toBeUndefined();
    await expect(rt.tasks[1]!.run()).rejects.toBe(boom);
    expect(done).toEqual([]);
  });

  test("LogGcWorker runs on it: 'raftlog-gc' tasks, spawned on flush", async () => {
    const raw = await MemEngine.open();
    const rt = new HeldTasks();
    const w = new LogGcWorker({
      storeId: 1,
      regionId: REGION_ID,
      raftEngine: raw,
      runtime: rt,
      firstIndex: () => 10,
      emit: () => {},
    });
    w.schedule(9);
    expect(rt.tasks).toEqual([]);
    w.flush();
    expect(rt.tasks.map((t) => t.name)).toEqual(['raftlog-gc']);
  });
});

/** Bootstrapped engines of store 1 in region {1, 2, 3}. */
async function engines(): Promise<{ raft: MemEngine; kv: MemEngine }> {
  const raft = await MemEngine.open();
  const kv = await MemEngine.open();
  await bootstrapStore(raft, kv, [1, 2, 3]);
  return { raft, kv };
}

interface Rig {
  peer: Peer;
  raft: MemEngine;
  /** Handles Readies while there are any. */
  drain(): Promise<void>;
  /** Steps a message from peer `from` and handles the Readies it causes. */
  deliver(from: number, m: Partial<Message> & Pick<Message, 'msgType'>): Promise<void>;
}

/** Peer 1 of region {1, 2, 3}, made leader with peer 2's vote; the test plays peers 2 and 3. */
async function leaderRig(snapshots: boolean): Promise<Rig> {
  const { raft, kv } = await engines();
  const fence = new Fence(1);
  const storage = await PeerStorage.load(raft, kv, REGION_ID);
  const rt = new HeldTasks();
  const peer = new Peer({
    storeId: 1,
    electionTick: 10,
    heartbeatTick: 2,
    random: rt.random,
    storage,
    kvEngine: kv,
    transport: { send: () => {} },
    fence,
    emit: () => {},
    gcCountLimit: 1,
    logGc: new LogGcWorker({
      storeId: 1,
      regionId: REGION_ID,
      raftEngine: raft,
      runtime: rt,
      firstIndex: () => storage.firstIndex(),
      emit: () => {},
    }),
    snapshots,
  });
  const drain = async (): Promise<void> => {
    while (peer.rawNode.hasReady()) await peer.handleReady();
  };
  const deliver: Rig['deliver'] = async (from, m) => {
    peer.rawNode.step(newMessage({ term: peer.raft.term, ...m, from, to: 1 }));
    await drain();
  };
  peer.rawNode.campaign();
  await drain();
  await deliver(2, { msgType: MessageType.MsgRequestVoteResponse });
  expect(peer.isLeader()).toBe(true);
  return { peer, raft, drain, deliver };
}

/** The leader appends n puts, one by one; peer 2 acknowledges each (so it commits), peer 3 up to index3. */
async function putsAcked(rig: Rig, n: number, index3: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const put = kvCommand(0, [putRequest(b(`k${i}`), b('v'))]);
    rig.peer.rawNode.propose(storepb.RaftCmdRequest.encode(put).finish());
    await rig.drain();
    const last = rig.peer.storage.lastIndex();
    await rig.deliver(2, { msgType: MessageType.MsgAppendResponse, index: last });
    if (last <= index3) await rig.deliver(3, { msgType: MessageType.MsgAppendResponse, index: last });
  }
}

/** The CompactLog the leader's last log entry carries, if any. */
function proposedCompactLog(peer: Peer): number | undefined {
  const log = peer.raft.raftLog;
  const [last] = log.slice(log.lastIndex(), log.lastIndex() + 1);
  if (last === undefined || last.data.length === 0) return undefined;
  const c = storepb.RaftCmdRequest.decode(last.data).adminRequest?.compactLog;
  return c ? Number(c.compactIndex) : undefined;
}

describe('lab-3 paths stay closed in labs 1–2', () => {
  test('PeerStorage.snapshot() with snapshots off is NotInLabYet(lab3)', async () => {
    const { raft, kv } = await engines();
    const ps = await PeerStorage.load(raft, kv, REGION_ID);
    let thrown: unknown;
    try {
      ps.snapshot();
    } catch (err) {
      thrown = err;
    }
    expectLab3(thrown);
  });

  test('snapshots off: the GC tick compacts to min(applied, every follower match) (lab 2)', async () => {
    const rig = await leaderRig(false);
    await putsAcked(rig, 5, 8);
    const applied = rig.peer.storage.appliedIndex();
    expect(applied).toBe(rig.peer.storage.lastIndex());
    expect(applied).toBeGreaterThan(8);
    rig.peer.onLogGcTick();
    expect(proposedCompactLog(rig.peer)).toBe(8);
  });

  test('snapshots on: the GC tick compacts to the applied index, whatever the followers lack (lab 3)', async () => {
    const rig = await leaderRig(true);
    await putsAcked(rig, 5, 8);
    const applied = rig.peer.storage.appliedIndex();
    expect(applied).toBeGreaterThan(8);
    rig.peer.onLogGcTick();
    expect(proposedCompactLog(rig.peer)).toBe(applied);
  });

  test('a Ready carrying a snapshot of no region (empty data) is refused before anything is persisted', async () => {
    const rig = await leaderRig(false);
    rig.peer.rawNode.propose(new Uint8Array([1]));
    rig.peer.raft.raftLog.pendingSnapshot = {
      data: new Uint8Array(0),
      metadata: { index: 20, term: 9, confState: { nodes: [1, 2, 3] } },
    };
    const logKeys = await rig.raft.count(raftLogKeyRange(REGION_ID));
    const thrown = await rig.peer.handleReady().catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(CorruptSnapshotError);
    expect((thrown as Error).message).toContain('index 20');
    // The Ready's entry was not persisted: installing the snapshot comes first.
    expect(await rig.raft.count(raftLogKeyRange(REGION_ID))).toBe(logKeys);
  });
});
