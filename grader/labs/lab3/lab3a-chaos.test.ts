// Lab 3a — seeded chaos with compaction: RawNode peers over MemoryStorage on a lossy network with
// changing partitions and crashes, each peer snapshotting its application's state and compacting its
// storage as it applies. A follower left behind (then one isolated on purpose) needs entries the
// leader no longer holds, so it is caught up by a snapshot. RawNet checks the safety invariants after
// every message (a restore may jump forward, never back, and must end on a committed entry); at the
// end every application holds the same sequence of commands.
import { ProgressState, StateType } from '@target/raft/raft.js';
import { drawCrashOrRestart, drawPartition } from '../../harness/nemesis-plan.js';
import { ET, bytes, text } from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import type { Rng } from '../../harness/rng.js';
import { check, seededRule } from '../../harness/rule.js';

/** A peer snapshots and compacts once it has applied this many entries past its compaction point. */
const COMPACT_EVERY = 4;

/** The commands an application holds: those of the snapshot it restored, then those it applied. */
function commands(net: RawNet, id: number): string[] {
  const app = net.application(id);
  const base: string[] = app.snapshot === null ? [] : JSON.parse(text(app.snapshot.data));
  return [...base, ...app.entries.filter((e) => e.data.length > 0).map((e) => text(e.data))];
}

/** Every live peer that applied far enough past its compaction point snapshots its state there and compacts. */
function compactAll(net: RawNet): void {
  for (const id of net.aliveIds()) {
    const s = net.storage(id);
    const applied = net.application(id).appliedIndex;
    if (applied - (s.firstIndex() - 1) < COMPACT_EVERY) continue;
    s.createSnapshot(applied, null, bytes(JSON.stringify(commands(net, id))));
    s.compact(applied);
  }
}

/**
 * The transport's report: a MsgSnapshot that left the leader counts as sent (it may still be lost),
 * so a follower whose snapshot never arrives is probed again instead of waiting forever.
 */
function reportSnapshots(net: RawNet): void {
  for (const id of net.aliveIds()) {
    const r = net.raft(id);
    if (r.state !== StateType.Leader) continue;
    for (const [peer, pr] of r.prs)
      if (pr.state === ProgressState.Snapshot) net.rawNode(id).reportSnapshot(peer, true);
  }
}

/** One tick: every peer ticks, messages are delivered, peers compact, maybe a proposal at a leader. */
function step(net: RawNet, chooser: Rng, proposeChance: number, sent: { n: number }): void {
  net.tickAll();
  net.stabilize();
  reportSnapshots(net);
  compactAll(net);
  if (!chooser.chance(proposeChance)) return;
  const leaders = net.aliveIds().filter((id) => net.raft(id).state === StateType.Leader);
  if (leaders.length === 0) return;
  net.propose(chooser.pick(leaders), `c${sent.n++}`);
  net.stabilize();
  reportSnapshots(net);
  compactAll(net);
}

/** Lets the event loop run (the grader's watchdog wants a heartbeat now and then). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

seededRule(
  'lab3a.chaos.compaction-lossy',
  '5 nodes compacting as they apply, lossy network, partitions and crashes: lagging peers catch up by snapshot',
  { part: 'lab3a', points: 4, tags: ['chaos'], timeoutMs: 10_000 },
  async ({ seed, rng, trace }) => {
    const sent = { n: 0 };
    const net = new RawNet({ size: 5, kind: 'rawnode', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.05, dup: 0.05, delay: 0.2, maxDelay: 3, reorder: 0.3 });
    const chooser = rng.fork('snap-chaos/plan');
    for (let t = 1; t <= 25 * ET; t++) {
      if (t % 25 === 0) await yieldToEventLoop();
      step(net, chooser, 0.5, sent);
      if (t % (4 * ET) === 0) {
        const plan = drawPartition(chooser, net.ids, { heal: 1 / 3, isolate: 1 / 2 });
        if (plan.kind === 'heal') net.heal();
        else net.partition(...plan.groups.map((g) => [...g]));
      }
      if (t % (3 * ET) === 0) {
        const down = net.ids.filter((id) => !net.isAlive(id));
        const action = drawCrashOrRestart(chooser, net.aliveIds(), down, 1, 0.6);
        if (action !== undefined && 'restart' in action) net.restart(action.restart);
        else if (action !== undefined) net.crash(action.crash, 'scheduled');
      }
    }
    // Make sure one follower falls behind the others' compaction point: isolate it while they go on.
    const leader = net.settle(30 * ET, 'probe-before-isolation');
    const lagger = net.ids.find((id) => id !== leader)!;
    const lagApplied = net.application(lagger).appliedIndex;
    net.isolate(lagger);
    net.setFaults({ drop: 0.05, dup: 0.05, delay: 0.2, maxDelay: 3, reorder: 0.3 });
    for (let t = 1; t <= 5 * ET; t++) step(net, chooser, 0.8, sent);
    const others = net.ids.filter((id) => id !== lagger);
    const othersFirst = Math.min(...others.map((id) => net.storage(id).firstIndex()));
    check(
      othersFirst > lagApplied + 1,
      `setup: while node ${lagger} was isolated the others must compact past its applied index ${lagApplied}`,
      { expected: `first index > ${lagApplied + 1} on ${others.join(', ')}`, actual: othersFirst },
    );
    net.settle(30 * ET, 'probe-after-isolation');
    const restored = net.application(lagger).snapshot?.metadata.index ?? 0;
    check(
      restored > lagApplied,
      `node ${lagger} lagged behind every other peer's first index: it must have been caught up by a snapshot`,
      {
        expected: `a snapshot restored at an index > ${lagApplied}`,
        actual: restored === 0 ? 'no snapshot restored' : `last snapshot restored at ${restored}`,
        hint: 'the leader falls back to sendSnapshot, the follower restores it and the Ready hands it to the application',
      },
    );
    const want = commands(net, leader);
    for (const id of net.ids) {
      const got = commands(net, id);
      const same = got.length === want.length && got.every((c, k) => c === want[k]);
      check(
        same,
        `after healing, node ${id}'s application must hold the same commands as the leader ${leader}'s`,
        {
          expected: `${want.length} commands …${want.slice(-3).join(',')}`,
          actual: `${got.length} commands …${got.slice(-3).join(',')}`,
          hint: 'a restored snapshot replaces the state; the entries after it are applied once each, in order',
        },
      );
    }
  },
);
