// Unit tests of the simulator's view of snapshot installs (grader/sim/persisted.ts, invariants.ts,
// cluster.ts wipe): an install's kv batch — every user key deleted, the snapshot's written, the applied
// index jumped to the truncated index — is digested like any apply and compared with the other stores'
// data at that index; a snapshot whose data differs is a violation, and so is an applied index that goes
// back; the raft batch of an install may move the last index forward; a wiped store starts over.
import { describe, expect, test } from 'vitest';
import { raftpb } from '@target/proto/pb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { WriteBatch } from '@target/store/engine.js';
import { dataKey, raftLogKey } from '@target/store/keys.js';
import { putApplyState, putRaftLocalState } from '@target/store/meta.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { SimClient } from '../sim/client.js';
import { Cluster } from '../sim/cluster.js';
import { InvariantViolation, SimUsageError } from '../sim/errors.js';
import { History } from '../sim/history.js';
import { InvariantMonitor } from '../sim/invariants.js';
import { type ApplyBoundary, PersistedModel } from '../sim/persisted.js';
import { Sim } from '../sim/sim.js';
import { fakeDriver } from '../sim/testing/fake-store.js';

/** A monitor over stores 1–3 and their models, wired as the cluster wires them. */
function rig(): { sim: Sim; monitor: InvariantMonitor; models: PersistedModel[]; seen: ApplyBoundary[] } {
  const sim = new Sim({ rng: new Rng(1), trace: new Trace() });
  const monitor = new InvariantMonitor(sim, [1, 2, 3]);
  const seen: ApplyBoundary[] = [];
  const models = [1, 2, 3].map(
    (id) =>
      new PersistedModel(
        (prev, next) => monitor.raftState(id, prev, next),
        (b) => {
          seen.push(b);
          monitor.applied(id, b);
        },
      ),
  );
  return { sim, monitor, models, seen };
}

const put = (wb: WriteBatch, k: string, v: string): WriteBatch =>
  wb.put(dataKey(Buffer.from(k)), Buffer.from(v));

/** A kv batch setting the apply state (applied, truncated). */
function applyState(wb: WriteBatch, applied: number, truncated: number): WriteBatch {
  putApplyState(wb, REGION_ID, { appliedIndex: applied, truncatedState: { index: truncated, term: 6 } });
  return wb;
}

/** Bootstrap, then one apply batch per entry 6..: each puts one key of `writes`. */
function applyLog(m: PersistedModel, writes: readonly [string, string][]): void {
  m.kvWritten(applyState(new WriteBatch(), 5, 5));
  writes.forEach(([k, v], i) => {
    m.kvWritten(applyState(put(new WriteBatch(), k, v), 6 + i, 5));
  });
}

/** The install's kv batch: deletes `old` user keys, writes `kvs`, applied = truncated = index. */
function installBatch(old: readonly string[], kvs: readonly [string, string][], index: number): WriteBatch {
  const wb = new WriteBatch();
  for (const k of old) wb.delete(dataKey(Buffer.from(k)));
  for (const [k, v] of kvs) put(wb, k, v);
  return applyState(wb, index, index);
}

const LOG: [string, string][] = [
  ['a', '1'],
  ['b', '2'],
  ['a', '3'],
  ['c', '4'],
];

describe('a snapshot install as the simulator sees it', () => {
  test('an install batch is digested like the log it replaces and compared with the other stores', () => {
    const { sim, monitor, models, seen } = rig();
    applyLog(models[0]!, LOG); // store 1 applied 6..9: a=3, b=2, c=4 at index 9
    applyLog(models[1]!, LOG.slice(0, 1)); // store 2 applied 6 (a=1), then fell behind
    models[1]!.kvWritten(
      installBatch(
        ['a'],
        [
          ['a', '3'],
          ['b', '2'],
          ['c', '4'],
        ],
        9,
      ),
    );
    expect(sim.failed).toBeUndefined();
    const b = seen.at(-1)!;
    expect(b).toMatchObject({ applied: 9, prevApplied: 6, truncated: 9, install: true, size: 3 });
    expect(models[1]!.digest).toBe(models[0]!.digest);
    expect(models[1]!.installs).toBe(1);
    expect(models[1]!.lastInstallIndex).toBe(9);
    expect(monitor.installs).toBe(1);
    expect(monitor.comparisons).toBeGreaterThan(0);
  });

  test('neither the bootstrap write nor a CompactLog apply counts as an install', () => {
    const { models, monitor } = rig();
    applyLog(models[0]!, LOG);
    models[0]!.kvWritten(applyState(new WriteBatch(), 10, 8)); // CompactLog at 10, truncating to 8
    expect(models[0]!.installs).toBe(0);
    expect(monitor.installs).toBe(0);
    expect(models[0]!.truncated).toBe(8);
  });

  test('a snapshot whose data differs from another store’s at its index is a violation', () => {
    const { sim, models } = rig();
    applyLog(models[0]!, LOG);
    // A snapshot that kept a key the log had overwritten (a = 1 instead of 3).
    models[2]!.kvWritten(applyState(new WriteBatch(), 5, 5));
    models[2]!.kvWritten(
      installBatch(
        [],
        [
          ['a', '1'],
          ['b', '2'],
          ['c', '4'],
        ],
        9,
      ),
    );
    expect(sim.failed).toBeInstanceOf(InvariantViolation);
    const msg = String(sim.failed);
    expect(msg).toMatch(/stores 1 and 3 hold different data at the same applied index 9/);
    expect(msg).toMatch(/store 3 installed a snapshot there/);
    expect(msg).toMatch(/a: "3" vs "1"/);
  });

  test('an install that leaves behind a key deleted meanwhile is a violation', () => {
    const { sim, models } = rig();
    const m1 = models[0]!;
    applyLog(m1, [
      ['gone', 'x'],
      ['a', '1'],
    ]);
    m1.kvWritten(applyState(new WriteBatch().delete(dataKey(Buffer.from('gone'))), 8, 5));
    applyLog(models[1]!, [['gone', 'x']]); // store 2 applied 6, then fell behind
    // The snapshot's keys written over the old data, the deleted key not removed.
    models[1]!.kvWritten(installBatch([], [['a', '1']], 8));
    expect(sim.failed).toBeInstanceOf(InvariantViolation);
    expect(String(sim.failed)).toMatch(/gone: absent vs "x"/);
  });

  test('an applied index that goes back is a violation; staying put is not', () => {
    const { sim, models } = rig();
    applyLog(models[0]!, LOG);
    models[0]!.kvWritten(applyState(new WriteBatch(), 9, 5)); // the same index again: allowed
    expect(sim.failed).toBeUndefined();
    models[0]!.kvWritten(applyState(new WriteBatch(), 7, 5));
    expect(sim.failed).toBeInstanceOf(InvariantViolation);
    expect(String(sim.failed)).toMatch(/store 1's persisted applied index went back from 9 to 7/);
  });

  test("the install's raft batch may move the last index to the snapshot's; acks up to it are then fine", () => {
    const { sim, monitor, models } = rig();
    const m = models[1]!;
    const raft = (last: number, commit: number): WriteBatch => {
      const wb = new WriteBatch();
      putRaftLocalState(wb, REGION_ID, {
        hardState: { term: 7, vote: 1, commit },
        lastIndex: last,
        lastTerm: 7,
      });
      return wb;
    };
    m.raftWritten(raft(12, 10));
    const wb = raft(40, 40);
    for (let i = 6; i <= 12; i++) wb.delete(raftLogKey(REGION_ID, i));
    m.raftWritten(wb);
    expect(m.lastIndex).toBe(40);
    expect(m.maxLastIndex).toBe(40);
    monitor.sending(2, m, {
      regionId: 1,
      message: { msgType: raftpb.MessageType.MsgAppendResponse, from: 2, to: 1, term: 7, index: 40 },
    });
    expect(sim.failed).toBeUndefined();
  });
});

describe('Cluster.wipe', () => {
  test('a wiped store restarts on empty engines; its model and the monitor start over', async () => {
    const sim = new Sim({ rng: new Rng(3), trace: new Trace() });
    const c = await Cluster.start(sim, {
      driver: fakeDriver({ heartbeats: false }),
      stores: 3,
      tuning: { tickMs: 10 },
      latencyMs: [1, 3],
    });
    const client = new SimClient(1, c, new History(sim), new Rng(2));
    for (const v of ['v1', 'v2', 'v3']) await sim.runUntil(client.put('k', v), 1000, 'put');
    await sim.runFor(20);
    expect(c.persisted(3).applied).toBe(3);
    await expect(c.wipe(3)).rejects.toBeInstanceOf(SimUsageError);
    c.crash(3);
    const old = c.persisted(3);
    await c.wipe(3);
    expect(c.persisted(3)).not.toBe(old);
    expect(c.persisted(3).applied).toBe(0);
    await sim.runUntil(c.restart(3), 1000, 'restart 3');
    await sim.runUntil(client.put('k', 'v4'), 1000, 'put');
    await sim.runFor(20);
    expect(sim.failed).toBeUndefined();
    expect(c.persisted(1).applied).toBe(4);
    expect(c.persisted(3).applied).toBe(0); // the fake store ignores appends past a gap: nothing written
    sim.dispose();
  });
});
