// Lab 3b, edge cases of PeerStorage.snapshot(): the failure cap counts failures IN A ROW, so a
// generation that succeeds resets it; and a finished snapshot at exactly the truncated index is usable
// (the log continues right after it), so it is sent again rather than regenerated.
import { MessageType } from '@target/raft/raftpb.js';
import { MAX_SNAPSHOT_TRIES } from '@target/store/peer-storage.js';
import { check, rule } from '../../harness/rule.js';
import {
  compactLogData,
  entry,
  firstSnapshotSent,
  leaderWithLaggard,
  sentIndexes,
  truncatedPastSnapshot,
} from './snap-rig.js';

const PART = { part: 'lab3b', tags: ['unit'] };

rule(
  'lab3b.retry.cap-counts-failures-in-a-row',
  `a generation that succeeds resets the failure count: ${MAX_SNAPSHOT_TRIES - 1} failures, a success, then one more failure is retried`,
  { ...PART, points: 2 },
  async () => {
    const fails = MAX_SNAPSHOT_TRIES - 1;
    const rig = await leaderWithLaggard(fails);
    for (let n = 1; n <= fails; n++) {
      await rig.runGen(n);
      await rig.heartbeatFrom3();
      check(
        rig.genTasks().length === n + 1,
        `setup: failure ${n} of ${fails} should be retried: the next heartbeat response's snapshot() should start generation ${n + 1} — see lab3b.retry.failed-then-generated`,
        {
          expected: `${n + 1} generation tasks`,
          actual: rig.genTasks().length,
          hint: 'below the cap, a failed generation is not an answer: the next snapshot() schedules a new one',
        },
      );
    }
    await rig.runGen(fails + 1);
    await rig.heartbeatFrom3();
    const sent = sentIndexes(rig);
    check(sent.length === 1 && sent[0] === 15, `setup: generation ${fails + 1} succeeds and is sent`, {
      expected: [15],
      actual: sent,
    });
    // Leader 2 takes over (term 10) and truncates past 15: the store's snapshot becomes stale.
    await truncatedPastSnapshot(rig);
    rig.kvEngine.failViews = 1;
    await rig.lagFollower3(5);
    const tasks = fails + 2;
    check(
      rig.genTasks().length === tasks,
      'setup: the snapshot at 15, now behind the truncated index, should be regenerated, not handed out — see lab3b.snapshot.stale-regenerated',
      {
        expected: `${tasks} generation tasks`,
        actual: rig.genTasks().length,
        hint: 'a generated snapshot whose index is below the truncated index is stale: snapshot() drops it and schedules a new generation',
      },
    );
    await rig.runGen(tasks);
    await rig.send(3, { msgType: MessageType.MsgHeartbeatResponse, term: rig.status().term });
    const errors = rig.rt.errors.join('\n');
    check(
      errors === '' && rig.genTasks().length === tasks + 1,
      `one failure after a success is failure 1 in a row, not ${MAX_SNAPSHOT_TRIES}: it is retried`,
      {
        expected: `no error, generation ${tasks + 1} requested`,
        actual: errors || `${rig.genTasks().length} generations, no retry`,
        hint: 'reset the failure count when a generation succeeds (when snapshot() finds the state ready), so the cap counts failures in a row (TiKV tried_cnt)',
      },
    );
  },
);

rule(
  'lab3b.snapshot.at-truncated-index-reused',
  'a finished snapshot whose index is exactly the truncated index is still usable: sent again, not regenerated',
  { ...PART, points: 2 },
  async () => {
    const rig = await leaderWithLaggard();
    await firstSnapshotSent(rig);
    // Leader 2 (term 10) appends one CompactLog truncating exactly at 15, the snapshot's index.
    await rig.appendFromLeader(10, 15, 6, [entry(16, 10, compactLogData(15, 6))], 16);
    check(rig.status().truncatedIndex === 15, 'setup: truncated at 15 (= the snapshot index)', {
      actual: rig.status(),
    });
    await rig.becomeLeader();
    rig.takeSent();
    await rig.lagFollower3(5);
    const again = sentIndexes(rig);
    check(
      again.length === 1 && again[0] === 15 && rig.genTasks().length === 1,
      'the snapshot at the truncated index 15 is sent again, with no new generation',
      {
        expected: { sent: [15], tasks: 1 },
        actual: { sent: again, tasks: rig.genTasks().length },
        hint: 'a snapshot is stale only BELOW the truncated index: at it, the log continues at index + 1 (keep it while index >= truncated index; "> truncated" regenerates forever when nothing new is applied)',
      },
    );
  },
);
