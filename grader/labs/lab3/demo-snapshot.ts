// The snapshot demo (`raftlab demo snapshot`): three stores with log GC and snapshots on; a follower is
// cut off while the others write and compact past its log; healed, it is caught up by a snapshot. The
// demo follows the whole chain — the leader's fallback in sendAppend, "temporarily unavailable", the
// generation task, the next snapshot() call, the progress in the Snapshot state, the MsgSnapshot, the
// install in the follower's Ready loop, its answer and the progress leaving the Snapshot state — and
// fails naming the first step it did not see. Lab 4's demo (lab4/demo-stream.ts) is the same scenario
// with the chunked snapshot transport in the middle of the chain (SnapshotDemo.transport).
import { raftpb } from '@target/proto/pb.js';
import type { StoreEvent } from '@target/store/api.js';
import { type SeedContext, check } from '../../harness/rule.js';
import { Cluster, type RaftTuning } from '../../sim/cluster.js';
import { History } from '../../sim/history.js';
import { LEADER_BUDGET_MS } from '../../sim/scenario.js';
import { Sim } from '../../sim/sim.js';
import { targetDriver } from '../../sim/target.js';
import type { StoreStatusView } from '../../sim/types.js';
import { waitForLeader } from '../../sim/verify.js';
import {
  DemoWriters,
  type Signal,
  type Step,
  StepWatch,
  expectChain,
  note,
  runUntilTrue,
} from '../lab2/demo-steps.js';

/** The leader compacts every few entries, so a few tens of writes leave the cut-off follower behind. */
const GC_LIMIT = 5;
/** Keys written at most while the follower is cut off (the leader falls back to a snapshot within ~15). */
const MAX_KEYS = 40;
/** Virtual ms the chain may take from the heal to the progress leaving the Snapshot state. */
const CHAIN_BUDGET_MS = 4000;

/** What a variant of the demo changes: the stores' tuning, and the transport steps of the chain. */
export interface SnapshotDemo {
  /** How the opening note names the configuration. */
  config: string;
  tuning: Partial<RaftTuning>;
  /** The steps from the MsgSnapshot leaving the leader to its arrival, for follower f. */
  transport: (f: number) => Step[];
}

/** An event of kind K on a store (`on`: which stores count). */
export function eventStep<K extends StoreEvent['kind']>(
  key: string,
  never: string,
  where: string,
  kind: K,
  on: (id: number) => boolean,
  when: (ev: Extract<StoreEvent, { kind: K }>) => boolean = () => true,
): Step {
  const match = (s: Signal): boolean =>
    s.kind === 'event' && s.ev.kind === kind && on(s.id) && when(s.ev as Extract<StoreEvent, { kind: K }>);
  return { key, never, where, match };
}

/** Lab 3's transport: the MsgSnapshot itself carries the data, and goes out in the Ready. */
export function raftTransport(f: number): Step[] {
  return [
    {
      key: 'msg-snapshot',
      never: `the leader never sent a MsgSnapshot to store ${f} (its progress of store ${f} entering the Snapshot state)`,
      where:
        'raft/raft.ts Raft.sendSnapshot (lab3a): pr.becomeSnapshot, then the message, sent by store/peer.ts Peer.send',
      match: (s) =>
        s.kind === 'send' && s.id !== f && s.msg.message?.msgType === raftpb.MessageType.MsgSnapshot,
    },
    eventStep(
      'sent',
      `the leader never reported a snapshot sent to store ${f}`,
      'store/peer.ts Peer.send',
      'snapshot-sent',
      (id) => id !== f,
      (ev) => ev.to === f,
    ),
  ];
}

/** The chain from the heal to the leader's progress of follower f leaving the Snapshot state. */
export function snapshotChain(f: number, transport: Step[]): Step[] {
  const leader = (id: number): boolean => id !== f;
  const follower = (id: number): boolean => id === f;
  let installedAt = 0;
  return [
    eventStep(
      'unavailable',
      `the leader never fell back to a snapshot for store ${f} (PeerStorage.snapshot() answering "temporarily unavailable")`,
      'raft/raft.ts Raft.sendAppend → sendSnapshot (lab3a); store/peer-storage.ts PeerStorage.snapshot (lab3b)',
      'snapshot-call',
      leader,
      (ev) => ev.result === 'unavailable',
    ),
    eventStep(
      'requested',
      'the leader never asked for a snapshot to be generated',
      'store/peer-storage.ts PeerStorage.snapshot (lab3b)',
      'snapshot-requested',
      leader,
    ),
    eventStep(
      'generated',
      'the leader never finished generating a snapshot',
      'store/peer-storage.ts PeerStorage.generateSnapshot (lab3b), run by store/snapshot-worker.ts',
      'snapshot-generated',
      leader,
    ),
    eventStep(
      'snapshot-ok',
      'the leader’s storage never handed out the generated snapshot',
      'store/peer-storage.ts PeerStorage.snapshot (lab3b): the next call returns it',
      'snapshot-call',
      leader,
      (ev) => ev.result === 'ok',
    ),
    ...transport,
    eventStep(
      'install',
      `store ${f} never began installing the snapshot`,
      'raft/raft.ts Raft.handleSnapshot (lab3a); store/peer.ts Peer.handleReady → Peer.applySnapshot (lab3c)',
      'snapshot-install',
      follower,
    ),
    eventStep(
      'installed',
      `store ${f} never finished installing the snapshot`,
      'store/peer-storage.ts PeerStorage.applySnapshot and finishInstall (lab3c)',
      'snapshot-installed',
      follower,
      (ev) => {
        installedAt = ev.index;
        return true;
      },
    ),
    {
      key: 'applied',
      never: `store ${f}'s applied index never reached the snapshot's index`,
      where:
        'store/peer-storage.ts PeerStorage.applySnapshot (lab3c): applied = truncated = the snapshot’s index',
      match: (s, saw) => saw('installed') && s.kind === 'status' && s.id === f && s.st.applied >= installedAt,
    },
    {
      key: 'append-response',
      never: `store ${f} never answered the leader after installing the snapshot`,
      where: 'raft/raft.ts Raft.handleSnapshot (lab3a): a MsgAppendResponse at the snapshot’s index',
      match: (s, saw) =>
        saw('installed') &&
        s.kind === 'send' &&
        s.id === f &&
        s.msg.message?.msgType === raftpb.MessageType.MsgAppendResponse,
    },
    {
      key: 'progress-leaves',
      never: `the leader's progress of store ${f} never left the Snapshot state with the snapshot acknowledged`,
      where:
        'raft/raft.ts the leader’s MsgAppendResponse handling (lab1b, lab3a): match reaches the snapshot’s index, the progress leaves Snapshot',
      match: (s, saw) => {
        const pr = s.kind === 'status' ? s.st.progress?.get(f) : undefined;
        return saw('installed') && pr !== undefined && pr.state !== 'Snapshot' && pr.match >= installedAt;
      },
    },
  ];
}

/** Runs the demo: the cut-off follower caught up by a snapshot, step by step. */
export async function runSnapshotDemo(ctx: SeedContext, demo: SnapshotDemo): Promise<void> {
  const sim = new Sim({ rng: ctx.rng.fork('sim'), trace: ctx.trace });
  const watch = new StepWatch(sim);
  const tuning = { gcCountLimit: GC_LIMIT, gcTickInterval: 1, snapshots: true, ...demo.tuning };
  try {
    note(sim, `3 stores; log GC (gcCountLimit ${GC_LIMIT}) and snapshots on${demo.config}`);
    const c = await Cluster.start(sim, { driver: targetDriver, stores: 3, tuning, observers: [watch] });
    const leader = await waitForLeader(c, LEADER_BUDGET_MS, 'after the stores started');
    const writers = new DemoWriters(c, new History(sim), ctx.rng.fork('writers'), 2);
    note(sim, `store ${leader} leads; writing 4 keys every store holds`);
    await writers.write(4, 'a');
    const f = ctx.rng.fork('follower').pick(c.storeIds.filter((id) => id !== leader));
    await holdsFirstWrites(c, f);
    watch.watch(snapshotChain(f, demo.transport(f)));
    await leaveBehind(c, watch, writers, f);
    await expectChain(c, watch, CHAIN_BUDGET_MS, 'of the heal');
    await caughtUp(c, f);
  } finally {
    // no shutdown: its crash events would end the story; nothing runs once the simulation is disposed
    sim.dispose();
  }
}

/** Runs until follower f holds what the leader committed. */
async function holdsFirstWrites(c: Cluster, f: number): Promise<void> {
  const held = await runUntilTrue(c, () => c.status(f)!.applied >= leaderStatus(c).committed, 1000);
  check(held, `store ${f} must apply the first writes before it is cut off`, {
    expected: `applied >= ${leaderStatus(c).committed}`,
    actual: `applied ${c.status(f)!.applied}`,
  });
}

/**
 * Cuts follower f off and writes keys until the leader compacted past f's last index and fell back to a
 * snapshot for f (its storage's first snapshot() call), then heals the cut right away (an event later),
 * before the snapshot is ready, so that the MsgSnapshot that follows reaches f.
 */
async function leaveBehind(c: Cluster, watch: StepWatch, writers: DemoWriters, f: number): Promise<void> {
  const st = c.status(f)!;
  note(c.sim, `cutting off store ${f} (applied ${st.applied}, last index ${st.lastIndex})`);
  const cut = c.net.isolate(f);
  const before = writers.written;
  let healed = false;
  watch.onSeen = (key) => {
    if (key !== 'unavailable' && key !== 'snapshot-ok') return;
    watch.onSeen = undefined;
    c.sim.schedule(0, 0, () => {
      const l = leaderStatus(c);
      const writes = writers.written - before;
      note(
        c.sim,
        `after ${writes} writes the leader compacted its log (first index ${l.firstIndex}, past store ${f}'s last index ${st.lastIndex}) and fell back to a snapshot: healing store ${f}`,
      );
      c.net.remove(cut);
      healed = true;
    });
  };
  note(c.sim, `writing keys while store ${f} is cut off, until the leader compacts past its log`);
  const keys = await writers.write(MAX_KEYS, 'k', () => healed);
  await runUntilTrue(c, () => healed, 3 * c.tuning.tickMs);
  const l = leaderStatus(c);
  check(
    l.truncatedIndex > st.lastIndex,
    `the leader must compact its log past store ${f}'s last index ${st.lastIndex}`,
    {
      expected: `the leader's truncated index > ${st.lastIndex} after ${keys} writes`,
      actual: `truncated index ${l.truncatedIndex}`,
      hint: 'store/peer.ts Peer.onLogGcTick (lab2b) proposes CompactLog; Peer.compactIndexWithSnapshots (lab3c)',
    },
  );
  check(healed, `the leader never fell back to a snapshot for store ${f} after compacting past its log`, {
    expected: `a PeerStorage.snapshot() call once store ${f}'s next index ${st.lastIndex + 1} fell below the first index ${l.firstIndex}`,
    actual: `none after ${keys} writes`,
    hint: 'raft/raft.ts Raft.sendAppend → Raft.sendSnapshot (lab3a)',
  });
}

/** Runs until follower f applied what the leader has committed. */
async function caughtUp(c: Cluster, f: number): Promise<void> {
  const target = leaderStatus(c).committed;
  const ok = await runUntilTrue(c, () => (c.status(f)?.applied ?? 0) >= target, 2000, 1);
  check(ok, `store ${f} must catch up with the leader after the snapshot`, {
    expected: `applied >= ${target}`,
    actual: `applied ${c.status(f)?.applied}`,
    hint: 'after the snapshot the leader replicates the rest of its log (store/peer.ts Peer.applyCommitted)',
  });
  note(c.sim, `store ${f} caught up: applied ${c.status(f)!.applied}; done`);
}

/** The status of the store leading now (a failure if none does). */
function leaderStatus(c: Cluster): StoreStatusView {
  const l = c.leader();
  check(l !== undefined, `a leader must be known at t=${c.sim.now}ms`);
  return c.status(l)!;
}

/** Lab 3's demo: the snapshot travels inside its MsgSnapshot. */
export const LAB3_DEMO: SnapshotDemo = { config: '', tuning: {}, transport: raftTransport };

/** `raftlab demo snapshot`. */
export const snapshotDemo = (ctx: SeedContext): Promise<void> => runSnapshotDemo(ctx, LAB3_DEMO);
