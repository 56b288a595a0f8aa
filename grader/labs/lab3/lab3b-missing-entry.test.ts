// Lab 3b, a generation racing log GC: the snapshot's term is read from the live raft engine (the one
// read not made through the view), and when that entry is gone the generation fails with the store's
// own CorruptStateError (traced as 'snapshot-failed' with that name), not with whatever decoding
// nothing happens to throw. The store follows leader 2, then leads and peer 3 lags (snap-rig.ts).
import { REGION_ID } from '@target/store/bootstrap.js';
import { WriteBatch } from '@target/store/engine.js';
import { raftLogKey } from '@target/store/keys.js';
import { check, rule } from '../../harness/rule.js';
import { leaderWithLaggard } from './snap-rig.js';

const PART = { part: 'lab3b', tags: ['unit'] };

rule(
  'lab3b.generate.missing-entry',
  'a generation whose index entry is gone from the raft engine fails with CorruptStateError',
  { ...PART, points: 1 },
  async () => {
    const rig = await leaderWithLaggard();
    const { applied, truncatedIndex } = rig.status();
    check(applied > truncatedIndex, 'setup: the snapshot index (applied) is past the truncated index', {
      actual: { applied, truncatedIndex },
    });
    // Log GC (or a bug) has deleted the entry at the snapshot index while the task waited to run.
    const wb = new WriteBatch();
    wb.delete(raftLogKey(REGION_ID, applied));
    await rig.raftEngine.write(wb);
    await rig.runGen(1);
    const failed = rig.eventsOf('snapshot-failed').map((e) => e.reason);
    check(
      failed.length === 1 && failed[0]!.startsWith('CorruptStateError') && failed[0]!.includes(`${applied}`),
      `entry ${applied} is not in the raft engine: the generation must fail with CorruptStateError naming it`,
      {
        expected: [`CorruptStateError: … log entry ${applied} is not in the raft engine`],
        actual: failed.length === 0 ? 'no snapshot-failed event' : failed,
        hint: 'generateSnapshot: when raftEngine.get(raftLogKey(regionId, index)) finds nothing, throw new CorruptStateError(…) instead of decoding undefined',
      },
    );
  },
);
