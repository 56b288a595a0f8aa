// Lab 3b, when a generated snapshot cannot be used (PeerStorage.snapshot): a failed generation is
// retried by the next call — never "temporarily unavailable" for ever (TinyKV #198) — and after
// MAX_SNAPSHOT_TRIES failures in a row snapshot() gives up with SnapshotGenerationError naming the last
// cause; a finished snapshot is kept while usable, and one the log's truncation has overtaken is
// replaced by a fresh generation.
import { MessageType } from '@target/raft/raftpb.js';
import { MAX_SNAPSHOT_TRIES } from '@target/store/peer-storage.js';
import { check, rule } from '../../harness/rule.js';
import { SnapRig, compactLogData, entry, puts } from './snap-rig.js';

const PART = { part: 'lab3b', tags: ['unit'] };

/**
 * The store follows leader 2 (term 8): puts 6..15, a CompactLog at 12 truncating to 9; then it leads
 * term 9 and peer 3 rejects below the first index: a generation is requested. failViews = how many of
 * the kv engine's next read views fail on every read (a failing disk).
 */
async function leaderWithLaggard(failViews = 0): Promise<SnapRig> {
  const rig = await SnapRig.open();
  rig.kvEngine.failViews = failViews;
  const log = [...puts(6, 11, 6), entry(12, 6, compactLogData(9, 6)), ...puts(13, 15, 6)];
  await rig.appendFromLeader(8, 5, 5, log, 15);
  check(rig.status().truncatedIndex === 9, 'setup: the log truncated at 9', { actual: rig.status() });
  await rig.becomeLeader();
  rig.takeSent();
  await rig.lagFollower3(5);
  check(rig.genTasks().length === 1, 'setup: the first snapshot() requests one generation', {
    actual: `${rig.genTasks().length} snapshot-gen task(s)`,
  });
  return rig;
}

/** Indexes of the MsgSnapshot messages sent since the last takeSent. */
function sentIndexes(rig: SnapRig): number[] {
  return rig.sentSnapshots().map((m) => m.snapshot?.metadata.index ?? -1);
}

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
    await rig.runGen(1);
    await rig.heartbeatFrom3();
    const first = sentIndexes(rig);
    check(first.length === 1 && first[0] === 15, 'setup: a snapshot at 15 sent to peer 3', {
      actual: first,
      hint: rig.generationFailure(),
    });
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
    const log = [...puts(16, 17, 10), entry(18, 10, compactLogData(17, 10))];
    await rig.appendFromLeader(10, 15, 6, log, 18);
    check(rig.status().truncatedIndex === 17, 'setup: truncated at 17 (past the snapshot)', {
      actual: rig.status(),
    });
    await rig.becomeLeader();
    rig.takeSent();
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
