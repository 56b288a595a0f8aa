// Unit tests of the simulated cluster (grader/sim/cluster.ts, client.ts, history.ts, invariants.ts,
// verify.ts) over a fake store: crash loses in-flight messages but keeps the engines, clients follow
// hints and record honest histories, same seed gives the same trace digest (different seed: a
// different one), invariant violations and store errors fail the run with teaching messages, the
// cluster's observers can be turned off or added to, and the scenario runner calls its hooks (a script
// beside the clients included) in order.
import { describe, expect, test } from 'vitest';
import { raftpb, storepb } from '@target/proto/pb.js';
import type { StoreConfig } from '@target/store/api.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { Nemesis } from '../sim/chaos.js';
import { SimClient } from '../sim/client.js';
import { Cluster } from '../sim/cluster.js';
import { InvariantViolation, LinearizabilityFailure, SimUsageError } from '../sim/errors.js';
import { delayFilter } from '../harness/faults.js';
import { History } from '../sim/history.js';
import type { ClusterObserver } from '../sim/observers.js';
import { runScenario } from '../sim/scenario.js';
import { Sim } from '../sim/sim.js';
import { FakeStore, fakeDriver } from '../sim/testing/fake-store.js';
import type { SimStore, StoreDriver } from '../sim/types.js';
import { checkAllAnswered, checkDurability, checkLinearizable } from '../sim/verify.js';
import { Workload } from '../sim/workload.js';

async function start(
  driver: StoreDriver = fakeDriver({ heartbeats: false }),
  seed = 1,
): Promise<{ sim: Sim; c: Cluster; trace: Trace; history: History }> {
  const trace = new Trace();
  const sim = new Sim({ rng: new Rng(seed), trace });
  const c = await Cluster.start(sim, { driver, stores: 3, tuning: { tickMs: 10 }, latencyMs: [1, 3] });
  return { sim, c, trace, history: new History(sim) };
}

function kinds(trace: Trace): string[] {
  return trace.lines().map((l) => (JSON.parse(l) as { kind: string }).kind);
}

/** A driver whose stores are FakeStores with some methods replaced. */
function patched(patch: (s: FakeStore, cfg: StoreConfig) => Partial<SimStore>): StoreDriver {
  return {
    name: 'patched-fake',
    open: async (cfg) => {
      const s = await FakeStore.open(cfg, { heartbeats: false });
      return Object.assign(s, patch(s, cfg));
    },
  };
}

describe('crash and restart', () => {
  test('a crash loses the messages in flight to the store but keeps its engines', async () => {
    const { sim, c, history } = await start();
    const client = new SimClient(1, c, history, new Rng(2));
    expect((await sim.runUntil(client.put('k1', 'v1'), 1000, 'put k1')).status).toBe('ok');
    await sim.runFor(20);
    expect(c.persisted(3).applied).toBe(1);
    c.net.add(delayFilter(50, 50, { to: [3] }));
    expect((await sim.runUntil(client.put('k2', 'v2'), 1000, 'put k2')).status).toBe('ok');
    c.crash(3);
    await sim.runFor(100);
    expect(c.net.stats.lostInFlight).toBe(1);
    expect(c.persisted(2).applied).toBe(2);
    expect(c.persisted(3).applied).toBe(1);
    await sim.runUntil(c.restart(3), 1000, 'restart 3');
    expect(c.incarnation(3)).toBe(2);
    expect(c.status(3)?.applied).toBe(1); // read back from the kept engine
  });

  test('crashSoon crashes a store right after its next engine write, before its code goes on', async () => {
    const { sim, c, history, trace } = await start();
    const client = new SimClient(1, c, history, new Rng(2), { attemptTimeoutMs: 1000, opDeadlineMs: 1000 });
    const crashed = c.crashSoon(1, 1, 5000);
    const r = await sim.runUntil(client.put('k', 'v'), 2000, 'put');
    await sim.runUntil(crashed, 10, 'the crash');
    expect(r.status).toBe('pending'); // the write landed, the answer never left
    expect(c.stateOf(1)).toBe('down');
    expect(c.persisted(1).applied).toBe(1);
    expect(c.net.stats.sent).toBe(0); // crashed before replicating
    expect(trace.lines().some((l) => l.includes('"when":"right after a kv-engine write"'))).toBe(true);
    await sim.runUntil(c.restart(1), 1000, 'restart');
    expect(c.status(1)?.applied).toBe(1);
  });

  test('a crash armed with crashSoon falls at its deadline if the store writes nothing', async () => {
    const { sim, c } = await start();
    const crashed = c.crashSoon(2, 3, 40);
    await sim.runFor(39);
    expect(c.isUp(2)).toBe(true);
    await sim.runUntil(crashed, 10, 'the crash');
    expect(c.isUp(2)).toBe(false);
  });

  test('a down store drops what is sent to it; the dead incarnation never acts again', async () => {
    const { sim, c, trace } = await start(fakeDriver());
    await sim.runFor(30);
    c.crash(2);
    const t0 = sim.now;
    await sim.runFor(50);
    const lines = trace.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    const after = lines.filter((e) => (e.t as number) > t0);
    expect(after.some((e) => e.kind === 'drop' && e.why === 'receiver down' && e.to === 2)).toBe(true);
    expect(after.some((e) => e.node === 2 && (e.kind === 'tick' || e.kind === 'send'))).toBe(false);
    expect(() => c.crash(2)).toThrow(/already down/);
    await sim.runUntil(c.restart(2), 1000, 'restart');
    await sim.runFor(30);
    expect(kinds(trace)).toContain('restart');
    expect(c.isUp(2)).toBe(true);
  });

  test('a client waiting on a store that crashes hears of it at once (outcome unknown)', async () => {
    const driver = patched(() => ({ propose: () => new Promise<storepb.RaftCmdResponse>(() => {}) }));
    const { sim, c, history } = await start(driver);
    const client = new SimClient(1, c, history, new Rng(1), {
      attemptTimeoutMs: 10_000,
      opDeadlineMs: 20_000,
    });
    const p = client.put('k', 'v');
    await sim.runFor(10);
    for (const id of c.upIds) c.crash(id);
    const r = await sim.runUntil(p, 100, 'the put');
    expect(r.status).toBe('pending');
  });
});

describe('clients and history', () => {
  test('a client follows the not-leader hint and records invoke/return in virtual time', async () => {
    const { sim, c, history, trace } = await start();
    const rng = new Rng(1);
    const client = new SimClient(7, c, history, rng);
    client.aimAt(3);
    const r = await sim.runUntil(client.put('a', 'x'), 1000, 'put');
    expect(r.status).toBe('ok');
    expect(client.attempts.notLeader).toBe(1);
    const g = await sim.runUntil(client.get('a'), 1000, 'get');
    expect(g.status === 'ok' && g.output).toEqual({ value: 'x' });
    const ops = history.operations();
    expect(ops.map((o) => o.input.op)).toEqual(['put', 'get']);
    expect(ops[0]!.ret!).toBeGreaterThan(ops[0]!.call);
    expect(ops[1]!.call).toBeGreaterThan(ops[0]!.ret!);
    expect(kinds(trace)).toEqual(expect.arrayContaining(['invoke', 'attempt', 'reply', 'return']));
  });

  test('a write that times out stays pending; a read that never succeeds is left out', async () => {
    const driver = patched((s) => ({
      propose: (req: storepb.RaftCmdRequest) =>
        req.requests[0]?.cmdType === storepb.CmdType.Get ? s.propose(req) : new Promise(() => {}),
    }));
    const { sim, c, history } = await start(driver);
    const client = new SimClient(1, c, history, new Rng(1), { attemptTimeoutMs: 100, opDeadlineMs: 500 });
    const w = await sim.runUntil(client.put('k', 'v'), 1000, 'put');
    expect(w).toMatchObject({ status: 'pending' });
    for (const id of c.upIds) c.crash(id);
    const r = await sim.runUntil(client.get('k'), 2000, 'get');
    expect(r).toMatchObject({ status: 'failed' });
    const ops = history.operations();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ input: { op: 'put', key: 'k', value: 'v' } });
    expect(ops[0]!.ret).toBeUndefined();
    expect(history.stats).toMatchObject({ invoked: 2, pending: 1, failed: 1 });
  });

  test('history timestamps strictly increase even within one virtual millisecond', () => {
    const sim = new Sim({ rng: new Rng(1), trace: new Trace() });
    const h = new History(sim);
    const a = h.invoke(1, { op: 'get', key: 'x' });
    const b = h.invoke(2, { op: 'get', key: 'x' });
    h.complete(a, { value: null });
    expect(b.call).toBeGreaterThan(a.call);
    expect(a.ret!).toBeGreaterThan(b.call);
    expect(() => h.complete(a, { value: null })).toThrow(/already ended/);
  });
});

describe('determinism', () => {
  async function digest(seed: number): Promise<string> {
    const { sim, c, history, trace } = await start(fakeDriver(), seed);
    const w = new Workload(c, history, new Rng(seed).fork('w'), {
      clients: 3,
      keys: 3,
      thinkMs: [0, 10],
      putRatio: 0.5,
      deleteRatio: 0.1,
    });
    const n = new Nemesis(c, new Rng(seed).fork('n'), {
      partitions: true,
      crash: 'one',
      periodMs: [50, 100],
      downMs: [10, 50],
      maxDown: 1,
      unreliable: { drop: 0.1, duplicate: 0.1, reorder: 0.1 },
    });
    w.start();
    n.start();
    await sim.runFor(1500);
    n.stop();
    w.stop();
    await sim.runUntil(Promise.all([w.finished(), n.finished()]), 5000, 'stop');
    expect(n.counts.crashes).toBeGreaterThan(0);
    expect(history.stats.ok).toBeGreaterThan(20);
    c.shutdown();
    return trace.digest();
  }

  test('the same seed gives the same trace digest; another seed a different one', async () => {
    const a = await digest(11);
    expect(await digest(11)).toBe(a);
    expect(await digest(12)).not.toBe(a);
  });
});

describe('invariants and store errors', () => {
  test('two leaders in one term fail the run', async () => {
    const driver = patched((s) => ({
      status: () => ({ ...FakeStore.prototype.status.call(s), raftState: 'Leader' }),
    }));
    const err = await start(driver).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvariantViolation);
    expect(String(err)).toMatch(/two leaders in term 1: store \d \(since t=\d+ms\) and store \d/);
  });

  test('a message sent at a term not yet persisted fails the run', async () => {
    const driver = patched((_s, cfg) => ({
      onMessage: () => {
        const msg = storepb.RaftMessage.create({
          regionId: 1,
          fromPeer: { id: cfg.storeId, storeId: cfg.storeId },
          toPeer: { id: 1, storeId: 1 },
          message: { msgType: raftpb.MessageType.MsgHeartbeat, from: cfg.storeId, to: 1, term: 7 },
        });
        cfg.transport.send({ kind: 'raft', msg });
      },
    }));
    const { sim, c, history } = await start(driver);
    const client = new SimClient(1, c, history, new Rng(1));
    await expect(sim.runUntil(client.put('k', 'v'), 1000, 'put')).rejects.toThrow(
      /store [23] sent MsgHeartbeat at term 7 before persisting that term/,
    );
  });

  test("a store's error keeps its name (e.g. LabTodo) and says where and when", async () => {
    class LabTodo extends Error {
      override readonly name = 'LabTodo';
    }
    const driver: StoreDriver = {
      name: 'throwing',
      open: async (cfg) => {
        const s = await FakeStore.open(cfg, { heartbeats: false });
        cfg.runtime.setTimer(25, () => {
          throw new LabTodo('LabTodo(lab1d): not implemented yet: persist the Ready');
        });
        return s;
      },
    };
    const trace = new Trace();
    const sim = new Sim({ rng: new Rng(1), trace });
    await Cluster.start(sim, { driver, stores: 3 });
    const err = await sim.runFor(100).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe('LabTodo');
    expect(err?.message).toMatch(/^store \d threw in a timer callback at t=\d+ms: LabTodo\(lab1d\)/);
  });
});

describe('end-of-run checks', () => {
  test('a request a live store never answers is named', async () => {
    const driver = patched(() => ({ propose: () => new Promise<storepb.RaftCmdResponse>(() => {}) }));
    const { sim, c, history } = await start(driver);
    const client = new SimClient(1, c, history, new Rng(1), { attemptTimeoutMs: 100, opDeadlineMs: 100 });
    client.aimAt(2);
    await sim.runUntil(client.get('k'), 1000, 'get');
    await sim.runFor(1000);
    expect(() => checkAllAnswered(c, 5000)).not.toThrow();
    await sim.runFor(5000);
    expect(() => checkAllAnswered(c, 5000)).toThrow(
      /store 2 never answered a client request it received at t=\d+ms \(Get\(k\), request id 1000001\)/,
    );
    c.crash(2);
    expect(() => checkAllAnswered(c, 5000)).not.toThrow(); // a crash answers (or loses) everything
  });

  function history(): { h: History; sim: Sim } {
    const sim = new Sim({ rng: new Rng(1), trace: new Trace() });
    return { h: new History(sim), sim };
  }

  test('a lost acknowledged write is named, with times and values', async () => {
    const { h, sim } = history();
    const a = h.invoke(1, { op: 'put', key: 'k', value: 'old' });
    await sim.runFor(5);
    h.complete(a, { ok: true });
    await sim.runFor(5);
    const b = h.invoke(2, { op: 'put', key: 'k', value: 'new' });
    await sim.runFor(5);
    h.complete(b, { ok: true });
    await sim.runFor(5);
    const f = h.invoke(3, { op: 'get', key: 'k' });
    h.complete(f, { value: 'old' });
    expect(() => checkDurability(h, new Map([['k', f]]))).toThrow(
      /acknowledged write lost: put\(k, "new"\) by client 2 returned OK at t=15ms/,
    );
    expect(() => checkLinearizable(h)).toThrow(LinearizabilityFailure);
  });

  test('a pending write may explain the final value; a value never written may not', async () => {
    const { h, sim } = history();
    const a = h.invoke(1, { op: 'put', key: 'k', value: 'maybe' });
    h.abandon(a, 'timeout');
    await sim.runFor(5);
    const b = h.invoke(2, { op: 'put', key: 'k', value: 'sure' });
    h.complete(b, { ok: true });
    const f = h.invoke(3, { op: 'get', key: 'k' });
    h.complete(f, { value: 'maybe' });
    expect(() => checkDurability(h, new Map([['k', f]]))).not.toThrow();
    expect(() => checkLinearizable(h)).not.toThrow();
    const g = h.invoke(3, { op: 'get', key: 'k' });
    h.complete(g, { value: 'ghost' });
    expect(() => checkDurability(h, new Map([['k', g]]))).toThrow(/a value no client ever wrote/);
  });
});

describe('observers', () => {
  test('with the built-in observers off, extra ones still see writes, sends and statuses', async () => {
    const trace = new Trace();
    const sim = new Sim({ rng: new Rng(1), trace });
    const seen = { kvWritten: 0, sending: 0, status: 0 };
    const counter: ClusterObserver = {
      kvWritten: () => seen.kvWritten++,
      sending: () => seen.sending++,
      status: (id, incarnation, st) => {
        expect([st.storeId, incarnation]).toEqual([id, 1]);
        seen.status++;
      },
    };
    const c = await Cluster.start(sim, {
      driver: fakeDriver({ heartbeats: false }),
      stores: 3,
      observe: { trace: false, model: false, invariants: false },
      observers: [counter],
    });
    const client = new SimClient(1, c, new History(sim), new Rng(2));
    expect((await sim.runUntil(client.put('k', 'v'), 1000, 'put')).status).toBe('ok');
    await sim.runFor(20);
    // The leader's write and each follower's; two MsgAppends and the followers' two acknowledgements.
    expect(seen).toMatchObject({ kvWritten: 3, sending: 4 });
    expect(seen.status).toBeGreaterThan(0);
    expect(c.invariants).toBeUndefined();
    expect(() => c.persisted(1)).toThrow(SimUsageError);
    expect(kinds(trace)).not.toContain('role');
    c.shutdown();
  });

  test('by default the trace records role changes; the monitor cannot run without the models', async () => {
    const { c, trace } = await start();
    expect(kinds(trace)).toContain('role');
    expect(c.invariants).toBeDefined();
    c.shutdown();
    const sim = new Sim({ rng: new Rng(1), trace: new Trace() });
    await expect(
      Cluster.start(sim, { driver: fakeDriver(), stores: 1, observe: { model: false } }),
    ).rejects.toBeInstanceOf(SimUsageError);
  });
});

describe('scenario hooks', () => {
  const options = {
    driver: fakeDriver({ heartbeats: false }),
    stores: 3,
    clients: 2,
    runMs: 300,
    iterations: 2,
    restartAllAfterIteration: true,
    minOkOps: 1,
  };

  test('each hook runs at its point of the run, in order', async () => {
    const calls: string[] = [];
    let readsAtQuiescence = -1;
    const r = await runScenario({ rng: new Rng(4), trace: new Trace({ keepLines: false }) }, options, {
      whileRunning: { everyMs: 100, check: ({ sim }, it) => void calls.push(`while ${it} t=${sim.now}`) },
      afterIteration: ({ cluster }, it) => {
        expect(cluster.upIds).toEqual([1, 2, 3]);
        calls.push(`after ${it}`);
      },
      afterQuiescence: ({ history }) => {
        readsAtQuiescence = history.all.filter((o) => o.clientId === 3).length;
        calls.push('quiescent');
      },
      finalChecks: ({ history }, finals) => {
        expect([...finals.keys()]).toEqual(['k0', 'k1', 'k2']);
        expect(history.all.filter((o) => o.clientId === 3)).toHaveLength(3);
        calls.push('final');
      },
    });
    const firstRound = calls.slice(0, 3).map((x) => x.replace(/t=\d+/, ''));
    expect(firstRound).toEqual(['while 1 ', 'while 1 ', 'while 1 ']);
    expect(calls.filter((x) => !x.startsWith('while'))).toEqual(['after 1', 'after 2', 'quiescent', 'final']);
    expect(calls.filter((x) => x.startsWith('while 2'))).toHaveLength(3);
    expect(readsAtQuiescence).toBe(0);
    // Restart-all phases are counted apart from what the nemesis (none here) did.
    expect(r.chaos).toEqual({ partitions: 0, crashes: 0, restarts: 0, crashAll: 0, restartAll: 2 });
  });

  test('a script runs beside the clients in each iteration, and the stop phase waits for it', async () => {
    const calls: string[] = [];
    await runScenario({ rng: new Rng(4), trace: new Trace({ keepLines: false }) }, options, {
      script: async ({ sim }, it) => {
        const t0 = sim.now;
        calls.push(`script ${it} starts`);
        await sim.sleep(380); // past runMs (300): the iteration waits
        calls.push(`script ${it} ends after ${sim.now - t0}ms`);
      },
      afterIteration: (_run, it) => void calls.push(`after ${it}`),
    });
    expect(calls).toEqual([
      'script 1 starts',
      'script 1 ends after 380ms',
      'after 1',
      'script 2 starts',
      'script 2 ends after 380ms',
      'after 2',
    ]);
  });

  test('a script that throws fails the run with its error', async () => {
    const boom = new Error('the scripted fault went wrong');
    await expect(
      runScenario({ rng: new Rng(4), trace: new Trace({ keepLines: false }) }, options, {
        script: async ({ sim }) => {
          await sim.sleep(50);
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
  });

  test('a hook that throws fails the run with its error', async () => {
    const boom = new Error('the lab check failed');
    await expect(
      runScenario({ rng: new Rng(4), trace: new Trace({ keepLines: false }) }, options, {
        afterQuiescence: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
  });
});
