// Lab 3c, the compact index with snapshots on (Peer.compactIndexWithSnapshots): a leader compacts at its
// own pace, up to its applied index, even with a follower far behind — that follower gets a snapshot
// instead — so its log stays bounded; with snapshots off, lab 2's rule (keep what a follower lacks)
// still holds on the same history.
import { MessageType } from '@target/raft/raftpb.js';
import { settle } from '../../harness/manual-runtime.js';
import { check, rule } from '../../harness/rule.js';
import { compactLogOf } from '../lab2/gc-rig.js';
import { InstallRig } from './install-rig.js';

const PART = { part: 'lab3c', tags: ['unit'] };
const LIMIT = 5;

/**
 * Store 1 leads with follower 3 stuck at index 6; n puts, each acknowledged by follower 2 alone
 * (a quorum with the leader), then one GC tick. Returns the CompactLogs proposed on that tick.
 */
async function laggingFollower(rig: InstallRig, n: number): Promise<{ index: number; term: number }[]> {
  await rig.becomeLeader();
  await rig.ack(2, 6);
  await rig.ack(3, 6);
  for (let i = 0; i < n; i++) await putAcked(rig, `k${i}`);
  rig.takeSent();
  await rig.tick(1);
  const sent = rig.takeSent().filter((m) => m.msgType === MessageType.MsgAppend && m.to === 2);
  return sent.flatMap((m) => m.entries.flatMap((e) => compactLogOf(e) ?? []));
}

/** A put acknowledged by follower 2 only, so that it commits and applies. */
async function putAcked(rig: InstallRig, key: string): Promise<void> {
  rig.put(key, 'v');
  await settle();
  await rig.ack(2, rig.status().lastIndex);
}

/** Runs every held log-GC task (in spawn order) and lets each finish. */
async function runGcTasks(rig: InstallRig): Promise<void> {
  for (const t of rig.rt.tasks.filter((x) => x.name === 'raftlog-gc')) await t.run();
  await settle();
  rig.healthy('running the log-GC tasks');
}

rule(
  'lab3c.compact.own-pace',
  'with snapshots on, the leader compacts to its applied index with a follower far behind; its log stays bounded',
  { ...PART, points: 3 },
  async () => {
    const rig = await InstallRig.open({ snapshots: true, gcCountLimit: LIMIT });
    const proposed = await laggingFollower(rig, 12);
    const applied = rig.status().applied;
    check(
      proposed.length === 1 && proposed[0]!.index === applied,
      'with snapshots on, the GC tick proposes CompactLog at the applied index, whatever follower 3 lacks',
      {
        expected: `CompactLog at ${applied}`,
        actual: proposed.length === 0 ? 'no CompactLog proposed' : proposed,
        hint: 'compactIndexWithSnapshots(applied): nothing waits for a lagging follower, it gets a snapshot',
      },
    );
    // Round after round the log is compacted up to applied and its keys deleted: it stays bounded.
    for (let round = 0; round < 3; round++) {
      await rig.ack(2, rig.status().lastIndex);
      await runGcTasks(rig);
      for (let i = 0; i < LIMIT; i++) await putAcked(rig, `r${round}-${i}`);
      await rig.tick(1);
      await rig.ack(2, rig.status().lastIndex);
    }
    await runGcTasks(rig);
    const st = rig.status();
    const keys = await rig.persisted().then((p) => p.log.length);
    check(
      st.truncatedIndex >= st.applied - LIMIT - 2 && keys <= st.lastIndex - st.truncatedIndex,
      'the leader’s log stays bounded while follower 3 is stuck at index 6',
      {
        expected: `at most ${LIMIT + 2} entries kept past the truncated index, no key below it`,
        actual: { ...st, raftLogKeys: keys },
      },
    );
  },
);

rule(
  'lab3c.compact.rule-by-config',
  "snapshots decide the rule: on, the compact index is applied; off, lab 2's min(applied, every follower's match)",
  { ...PART, points: 2 },
  async () => {
    const on = await InstallRig.open({ snapshots: true, gcCountLimit: LIMIT });
    const withSnapshots = await laggingFollower(on, 8);
    const applied = on.status().applied;
    check(withSnapshots[0]?.index === applied, 'snapshots on: CompactLog at the applied index', {
      expected: applied,
      actual: withSnapshots,
    });
    const off = await InstallRig.open({ snapshots: false, gcCountLimit: LIMIT });
    const without = await laggingFollower(off, 8);
    check(
      without.length === 1 && without[0]!.index === 6,
      "snapshots off: lab 2's rule still holds, CompactLog at follower 3's match (6)",
      { expected: 'CompactLog at 6', actual: without },
    );
  },
);
