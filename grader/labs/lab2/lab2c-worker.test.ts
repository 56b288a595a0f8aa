// Lab 2c, the log-GC worker (LogGcWorker.run): on one real store following a leader the test plays,
// with the store's background tasks held until the test runs them. A task deletes exactly the raft-log
// keys below the new first index that no earlier task deleted; tasks run late, twice or out of order
// never delete a key at or past the first index; a task that runs before its CompactLog's apply batch
// has landed deletes nothing, and a crash then loses nothing the restarted store needs; and after a restart that
// left compacted keys behind, the next task deletes those too.
import { REGION_ID } from '@target/store/bootstrap.js';
import { LogGcWorker } from '@target/store/log-gc-worker.js';
import { ME } from '../../harness/one-store-rig.js';
import { check, rule } from '../../harness/rule.js';
import { GcRig, compactLogData, entry, puts } from './gc-rig.js';

const PART = { part: 'lab2c', tags: ['unit'] };
/** The first index of a store whose truncated state is bootstrap's (5, 5). */
const DURABLE_FIRST = 6;

/** Fails unless every raft-log key in [first, last] is present. */
async function liveLogIntact(rig: GcRig, when: string): Promise<void> {
  const st = rig.status();
  const n = await rig.countLog(st.firstIndex, st.lastIndex + 1);
  check(
    n === st.lastIndex - st.firstIndex + 1,
    `${when}: every raft-log key from the first index on must remain`,
    {
      expected: `${st.lastIndex - st.firstIndex + 1} keys in [${st.firstIndex}, ${st.lastIndex}]`,
      actual: `${n}`,
      hint: 'a task never deletes at or past the current first index: end = min(task end, firstIndex())',
    },
  );
}

rule(
  'lab2c.worker.deletes-exact-range',
  'a log-GC task deletes exactly the raft-log keys below the new first index',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, [...puts(6, 15), entry(16, 6, compactLogData(9, 6))], 16);
    rig.healthy('applying CompactLog {9, 6}');
    check((await rig.countLog()) === 11, 'setup: raft-log keys 6..16, nothing deleted before the task runs', {
      actual: await rig.countLog(),
    });
    await rig.runTask(1);
    const below = await rig.countLog(0, 10);
    const kept = await rig.countLog(10);
    check(below === 0 && kept === 7, 'after the task for CompactLog {9}: keys 6..9 deleted, 10..16 kept', {
      expected: { below10: 0, from10: 7 },
      actual: { below10: below, from10: kept },
      hint: 'delete the raft-log keys [lastCompacted, truncated + 1) — raftLogKeyRange(regionId, lo, hi)',
    });
    await rig.appendFromLeader(6, 16, 6, [...puts(17, 19), entry(20, 6, compactLogData(14, 6))], 20);
    await rig.runTask(2);
    const below2 = await rig.countLog(0, 15);
    const kept2 = await rig.countLog(15);
    check(
      below2 === 0 && kept2 === 6,
      'after the task for CompactLog {14}: keys 10..14 deleted, 15..20 kept',
      {
        expected: { below15: 0, from15: 6 },
        actual: { below15: below2, from15: kept2 },
      },
    );
  },
);

rule(
  'lab2c.worker.late-repeated-reordered',
  'tasks run late, out of order and twice delete nothing at or past the first index',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, [...puts(6, 9), entry(10, 6, compactLogData(8, 6))], 10);
    await rig.appendFromLeader(6, 10, 6, [...puts(11, 13), entry(14, 6, compactLogData(12, 6))], 14);
    rig.healthy('applying two CompactLogs');
    check(rig.rt.tasks.length === 2, 'setup: two log-GC tasks scheduled', { actual: rig.rt.tasks.length });
    await rig.runTask(2);
    await liveLogIntact(rig, 'after the second task ran first');
    await rig.appendFromLeader(
      6,
      14,
      6,
      [...puts(15, 17), entry(18, 6, compactLogData(16, 6)), ...puts(19, 20)],
      20,
    );
    rig.healthy('applying a third CompactLog');
    for (const seq of [1, 3, 2, 1, 3]) {
      await rig.runTask(seq);
      await liveLogIntact(rig, `after task #${seq} (order 2, 1, 3, 2, 1, 3)`);
    }
    const below = await rig.countLog(0, 17);
    check(below === 0, 'once every task has run, no raft-log key below the first index 17 is left', {
      expected: 0,
      actual: below,
    });
    await rig.appendFromLeader(6, 20, 6, puts(21, 21), 21);
    rig.healthy('appending after the tasks');
    check(rig.status().applied === 21, 'the store keeps working', { actual: rig.status() });
  },
);

rule(
  'lab2c.worker.crash-before-apply-lands',
  'while a CompactLog’s batch is in flight a task deletes nothing; a crash then loses nothing the restart needs',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, puts(6, 12), 12);
    // The kv engine is slow: the apply batch of the CompactLog {10, 6} does not land.
    rig.kvEngine.holdWrites = true;
    await rig.appendFromLeader(6, 12, 6, [entry(13, 6, compactLogData(10, 6))], 13);
    rig.healthy('applying CompactLog {10, 6} on a slow disk');
    check(rig.kvEngine.heldWrites === 1, 'setup: the CompactLog’s apply batch should still be in flight', {
      expected: 1,
      actual: rig.kvEngine.heldWrites,
      hint: 'one kv batch per applied entry: the CompactLog’s truncated state goes in its entry’s batch (lab2b.apply.truncated-state)',
    });
    // A task for that CompactLog run now (late, out of order, or by a runtime that does not wait for the
    // batch, as TinyKV's may): the durable first index is still 6, so it must delete nothing.
    const worker = new LogGcWorker({
      storeId: ME,
      regionId: REGION_ID,
      raftEngine: rig.raftEngine,
      runtime: rig.rt,
      firstIndex: () => DURABLE_FIRST,
      emit: () => {},
    });
    await worker.run({ regionId: REGION_ID, endIndex: 11 });
    const early = await rig.countLog(6, 14);
    check(
      early === 8,
      'a task for CompactLog {10} that runs while the durable first index is still 6 must delete nothing: keys 6..13 all stay',
      {
        expected: 8,
        actual: early,
        hint: 'LogGcWorker.run: end = min(task.endIndex, this.o.firstIndex()); a task never deletes at or past the durable first index',
      },
    );
    rig.crash();
    rig.kvEngine.dropHeld();
    try {
      await rig.start();
    } catch (err) {
      check(false, 'the store must restart after a crash between the apply step and its batch landing', {
        actual: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      });
    }
    const st = rig.status();
    check(st.applied === 13 && st.truncatedIndex === 10, 'the restarted store applies the CompactLog again', {
      expected: { applied: 13, truncatedIndex: 10 },
      actual: { applied: st.applied, truncatedIndex: st.truncatedIndex },
    });
    await rig.runTask(1);
    const below = await rig.countLog(0, 11);
    check(below === 0, 'and its log-GC task then deletes 6..10', { expected: 0, actual: below });
  },
);

rule(
  'lab2c.worker.restart-before-delete',
  'a crash between the apply and the deletion: the restart ignores the leftovers, a later task deletes them',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, [...puts(6, 14), entry(15, 6, compactLogData(12, 6))], 15);
    rig.healthy('applying CompactLog {12, 6}');
    rig.crash();
    await rig.start();
    const st = rig.status();
    check(
      st.truncatedIndex === 12 && st.firstIndex === 13 && st.applied === 15,
      'the restarted store starts from the persisted truncated state',
      { expected: { truncatedIndex: 12, firstIndex: 13, applied: 15 }, actual: st },
    );
    const leftovers = await rig.countLog(0, 13);
    check(leftovers === 7, 'setup: the task never ran, keys 6..12 are still in the raft engine', {
      actual: leftovers,
    });
    await rig.appendFromLeader(6, 15, 6, [...puts(16, 16), entry(17, 6, compactLogData(14, 6))], 17);
    rig.healthy('following the leader after the restart');
    await rig.runTask(1);
    const below = await rig.countLog(0, 15);
    const kept = await rig.countLog(15);
    check(below === 0 && kept === 3, 'the first task after the restart deletes from the lowest key left', {
      expected: { below15: 0, from15: 3 },
      actual: { below15: below, from15: kept },
      hint:
        'after a restart the worker does not know what earlier tasks deleted: start from the lowest raft-log ' +
        'key there is (e.g. lastCompacted = 0), not from the first index',
    });
  },
);
