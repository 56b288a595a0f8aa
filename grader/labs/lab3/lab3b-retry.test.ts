// Lab 3b, when a generated snapshot cannot be used (PeerStorage.snapshot): a failed generation is
// retried by the next call — never "temporarily unavailable" for ever (TinyKV #198) — and after
// MAX_SNAPSHOT_TRIES failures in a row snapshot() gives up with SnapshotGenerationError naming the last
// cause; a finished snapshot is kept while usable, and one the log's truncation has overtaken is
// replaced by a fresh generation.
import { MessageType } from '@target/raft/raftpb.js';
import { MAX_SNAPSHOT_TRIES } from '@target/store/peer-storage.js';
import { check, rule } from '../../harness/rule.js';
import { firstSnapshotSent, leaderWithLaggard, sentIndexes, truncatedPastSnapshot } from './snap-rig.js';

const PART = { part: 'lab3b', tags: ['unit'] };

rule(
  'lab3b.retry.failed-then-generated',
  'a failed generation is retried by the next snapshot(), and the retry is sent',
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard(1);
    await rig.runGen(1);
    const failed = rig.eventsOf('snapshot-failed');
    check(failed.length === 1, 'setup: the first generation fails (its read view fails)', {
      actual: rig.events.filter((e) => e.kind.startsWith('snapshot-')),
    });
    await rig.heartbeatFrom3();
    check(rig.genTasks().length === 2, 'the next snapshot() after a failure requests a new generation', {
      expected: '2 snapshot-gen tasks',
      actual: `${rig.genTasks().length}`,
      hint: 'a failed generation must not leave snapshot() answering "temporarily unavailable" for ever (TinyKV #198): state failed → request again',
    });
    const early = sentIndexes(rig);
    check(early.length === 0, 'nothing to send while the retry runs', { actual: early });
    await rig.runGen(2);
    await rig.heartbeatFrom3();
    const sent = sentIndexes(rig);
    check(sent.length === 1 && sent[0] === 15, 'the retried generation is sent: a snapshot at 15', {
      expected: [15],
      actual: sent,
      hint: rig.generationFailure(1),
    });
  },
);

rule(
  'lab3b.retry.capped-distinct-error',
  `after ${MAX_SNAPSHOT_TRIES} failed generations in a row snapshot() throws SnapshotGenerationError`,
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard(MAX_SNAPSHOT_TRIES);
    for (let n = 1; n < MAX_SNAPSHOT_TRIES; n++) {
      await rig.runGen(n);
      await rig.heartbeatFrom3();
      check(rig.genTasks().length === n + 1, `failure ${n} of ${MAX_SNAPSHOT_TRIES}: the next call retries`, {
        expected: n + 1,
        actual: rig.genTasks().length,
        hint: 'count the failures in a row; below the cap a failure is retried',
      });
    }
    await rig.runGen(MAX_SNAPSHOT_TRIES);
    await rig.send(3, { msgType: MessageType.MsgHeartbeatResponse, term: rig.status().term });
    const tasks = rig.genTasks().length;
    check(tasks === MAX_SNAPSHOT_TRIES, `exactly ${MAX_SNAPSHOT_TRIES} generations, none after the cap`, {
      expected: MAX_SNAPSHOT_TRIES,
      actual: tasks,
    });
    const errors = rig.rt.errors.join('\n');
    check(
      /SnapshotGenerationError/.test(errors) && /injected read failure/.test(errors),
      'the call after the last failure throws SnapshotGenerationError naming the last cause',
      {
        expected: `SnapshotGenerationError(regionId, ${MAX_SNAPSHOT_TRIES}, last cause) reaching the runtime`,
        actual: errors || 'no error: snapshot() still answers "temporarily unavailable"',
        hint: `++failures >= MAX_SNAPSHOT_TRIES: throw new SnapshotGenerationError(this.regionId, failures, cause)`,
      },
    );
  },
);

rule(
  'lab3b.snapshot.stale-regenerated',
  'a finished snapshot is reused while usable; once the log is truncated past it, a fresh one is generated',
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard();
    await firstSnapshotSent(rig, true);
    await rig.lagFollower3(5);
    const again = sentIndexes(rig);
    check(
      again.length === 1 && again[0] === 15 && rig.genTasks().length === 1,
      'a usable snapshot is sent again, not regenerated',
      {
        expected: { sent: [15], tasks: 1 },
        actual: { sent: again, tasks: rig.genTasks().length },
        hint: 'keep the finished snapshot while its index >= the truncated index',
      },
    );
    // Leader 2 takes over (term 10) and compacts the log past 15; then the store leads again.
    await truncatedPastSnapshot(rig);
    await rig.lagFollower3(5);
    const stale = sentIndexes(rig);
    check(
      stale.length === 0 && rig.genTasks().length === 2,
      'the snapshot at 15 is stale: a new generation, nothing sent',
      {
        expected: { sent: [], tasks: 2 },
        actual: { sent: stale, tasks: rig.genTasks().length },
        hint: 'a snapshot below the truncated index cannot be followed by the log: request a fresh one',
      },
    );
    await rig.runGen(2);
    await rig.heartbeatFrom3();
    const fresh = sentIndexes(rig);
    check(fresh.length === 1 && fresh[0] === 18, 'the fresh snapshot is at the applied index 18', {
      expected: [18],
      actual: fresh,
      hint: rig.generationFailure(),
    });
  },
);
