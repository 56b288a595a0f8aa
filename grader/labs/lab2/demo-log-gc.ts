// The log-GC demo (`raftlab demo log-gc`): three stores with log GC on (a small gcCountLimit, a GC check
// every tick) and snapshots off. Twice: clients write until the leader's GC tick proposes a CompactLog;
// the demo follows it being committed, applied on every store (the truncated index moving) and every
// store's log-GC task deleting the raft-log keys below the new first index — and fails naming the first
// of these steps it did not see.
import { storepb } from '@target/proto/pb.js';
import type { StoreEvent } from '@target/store/api.js';
import { type SeedContext, check } from '../../harness/rule.js';
import { Cluster } from '../../sim/cluster.js';
import { History } from '../../sim/history.js';
import { LEADER_BUDGET_MS } from '../../sim/scenario.js';
import { Sim } from '../../sim/sim.js';
import { targetDriver } from '../../sim/target.js';
import { waitForLeader } from '../../sim/verify.js';
import { DemoWriters, type Signal, type Step, StepWatch, expectChain, note } from './demo-steps.js';

const GC_LIMIT = 5;
/** Keys written at most per round (the leader proposes a CompactLog after some GC_LIMIT of them). */
const MAX_KEYS = 30;
/** Virtual ms a round's chain may take from the proposal to the last store's log-GC task. */
const CHAIN_BUDGET_MS = 2000;
const ROUNDS = 2;

/** A CompactLog carried by a MsgAppend: its entry's index and the index it compacts to. */
interface Proposed {
  entry: number;
  compactIndex: number;
}

/** The CompactLog a leader's MsgAppend carries, if any (entries that do not decode are not one). */
function compactLogIn(s: Signal): Proposed | undefined {
  if (s.kind !== 'send') return undefined;
  for (const e of s.msg.message?.entries ?? []) {
    const data = e.data;
    if (data == null || data.length === 0) continue;
    let cmd: storepb.RaftCmdRequest;
    try {
      cmd = storepb.RaftCmdRequest.decode(data);
    } catch {
      continue;
    }
    const cl = cmd.adminRequest?.compactLog;
    if (cmd.adminRequest?.cmdType === storepb.AdminCmdType.CompactLog && cl != null) {
      return { entry: Number(e.index ?? 0), compactIndex: Number(cl.compactIndex ?? 0) };
    }
  }
  return undefined;
}

/** An event of store `id` of kind K that `when` accepts. */
function storeEvent<K extends StoreEvent['kind']>(
  s: Signal,
  id: number,
  kind: K,
  when: (ev: Extract<StoreEvent, { kind: K }>) => boolean,
): boolean {
  return (
    s.kind === 'event' && s.id === id && s.ev.kind === kind && when(s.ev as Extract<StoreEvent, { kind: K }>)
  );
}

/** One round's chain: a CompactLog above `above` proposed, committed, applied and GC'd on every store. */
function compactLogChain(
  stores: readonly number[],
  above: number,
): { steps: Step[]; proposed: () => Proposed | undefined } {
  let p: Proposed | undefined;
  const proposed: Step = {
    key: 'proposed',
    never: `the leader never proposed a CompactLog past index ${above}`,
    where: 'store/peer.ts Peer.onLogGcTick (lab2b): once applied − first index ≥ gcCountLimit',
    match: (s) => {
      const c = compactLogIn(s);
      if (c === undefined || c.compactIndex <= above) return false;
      p = c;
      return true;
    },
  };
  const committed: Step = {
    key: 'committed',
    never: 'the leader never committed its CompactLog entry',
    where: 'raft/raft.ts the commit rule (lab1b): a majority stores the entry',
    match: (s) => p !== undefined && s.kind === 'event' && s.ev.kind === 'commit' && s.ev.index >= p.entry,
  };
  const perStore = stores.flatMap((id): Step[] => [
    {
      key: `applied-${id}`,
      never: `store ${id} never applied the CompactLog (its truncated index moving to the compact index)`,
      where: 'store/peer.ts Peer.applyCompactLog (lab2b); raft/log.ts RaftLog.maybeCompact (lab2a)',
      match: (s) =>
        p !== undefined && storeEvent(s, id, 'compact-log', (ev) => ev.truncated >= p!.compactIndex),
    },
    {
      key: `gc-${id}`,
      never: `store ${id}'s log-GC task never deleted the raft-log keys below its new first index`,
      where:
        'store/peer.ts Peer.applyCompactLog schedules it (lab2b); store/log-gc-worker.ts LogGcWorker.run (lab2c)',
      match: (s) =>
        p !== undefined &&
        storeEvent(s, id, 'log-gc', (ev) => ev.endIndex > p!.compactIndex && ev.deleted > 0),
    },
  ]);
  return { steps: [proposed, committed, ...perStore], proposed: () => p };
}

/** `raftlab demo log-gc`: two rounds of CompactLog, from the GC tick to the deleted keys. */
export async function logGcDemo(ctx: SeedContext): Promise<void> {
  const sim = new Sim({ rng: ctx.rng.fork('sim'), trace: ctx.trace });
  const watch = new StepWatch(sim);
  const tuning = { gcCountLimit: GC_LIMIT, gcTickInterval: 1 };
  try {
    note(sim, `3 stores; log GC on (gcCountLimit ${GC_LIMIT}, a GC check every tick), snapshots off`);
    const c = await Cluster.start(sim, { driver: targetDriver, stores: 3, tuning, observers: [watch] });
    const leader = await waitForLeader(c, LEADER_BUDGET_MS, 'after the stores started');
    note(sim, `store ${leader} leads`);
    const writers = new DemoWriters(c, new History(sim), ctx.rng.fork('writers'), 2);
    let above = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const chain = compactLogChain(c.storeIds, above);
      watch.watch(chain.steps);
      const before = writers.written;
      watch.onSeen = (key) => {
        if (key !== 'proposed') return;
        const p = chain.proposed()!;
        const what = `round ${round}: the leader's GC tick proposed a CompactLog to index ${p.compactIndex} (entry ${p.entry}) after ${writers.written - before} writes`;
        sim.schedule(0, 0, () => note(sim, what));
      };
      note(sim, `round ${round}: writing keys until the leader's GC tick proposes a CompactLog`);
      const keys = await writers.write(MAX_KEYS, `r${round}k`, () => chain.proposed() !== undefined);
      const p = chain.proposed();
      check(p !== undefined, `the leader never proposed a CompactLog after ${keys} writes`, {
        expected: `a CompactLog once the leader applied ${GC_LIMIT} entries past its first index`,
        actual: `none (leader ${c.leader()}: ${JSON.stringify(c.leader() === undefined ? {} : c.status(c.leader()!))})`,
        hint: 'store/peer.ts Peer.onLogGcTick (lab2b)',
      });
      await expectChain(c, watch, CHAIN_BUDGET_MS, `of the CompactLog's proposal (round ${round})`);
      note(
        sim,
        `round ${round}: every store applied it and deleted its raft-log keys up to ${p.compactIndex}`,
      );
      above = p.compactIndex;
    }
    note(sim, 'done');
  } finally {
    // no shutdown: its crash events would end the story; nothing runs once the simulation is disposed
    sim.dispose();
  }
}
