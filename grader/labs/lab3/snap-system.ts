// The lab-3 system scenario: a simulated cluster with log GC and snapshots on (small gcCountLimit, a GC
// check every tick), clients on shared keys, a nemesis and, per test, a scripted fault (a follower cut
// off, a store wiped, a leader lost right after it sent a snapshot). With snapshots the leader compacts at
// its own pace, so a follower left behind is caught up by a snapshot. It checks:
//  - all along, on the leader and on every follower that needs no snapshot (its applied index at or past
//    the leader's truncated index): applied − truncated ≤ 2 × limit and the raft engine holds at most the
//    live log plus 2 × limit compacted keys awaiting deletion (a larger factor under crashes and
//    partitions: see SnapScenarioOptions.allAlongFactor);
//  - at the end, once the faults stopped, everyone caught up and a last burst of writes made the leader
//    compact once more: the same bound on every store, a truncated index that moved, exactly the live log
//    in every raft engine, and the same user data on every store;
// and, like every system test, the core invariants (a snapshot's data is exactly the data the others had
// at its index), that every acknowledged write survived and that the history is linearizable. It is the
// simulator's scenario (grader/sim/scenario.ts) with these checks as its hooks.
import { raftpb, type storepb } from '@target/proto/pb.js';
import { check } from '../../harness/rule.js';
import type { ChaosOptions } from '../../sim/chaos.js';
import type { Cluster, RaftTuning } from '../../sim/cluster.js';
import type { ClusterObserver } from '../../sim/observers.js';
import type { ScenarioContext, ScenarioHooks, ScenarioReport, ScenarioRun } from '../../sim/scenario.js';
import { GcProbe } from '../lab2/gc-probe.js';
import {
  type BoundHints,
  type GcFigures,
  LogBound,
  exactLiveLogs,
  finalBurst,
  runGcRun,
} from '../lab2/gc-system.js';

/** Virtual ms between two checks of the log bound while clients run. */
export const CHECK_MS = 100;
/** The GC limit of the lab-3 system tests: the leader compacts every ~10 entries. */
export const LIMIT = 10;

/** A MsgSnapshot handed to the network. */
export interface SnapshotSend {
  from: number;
  to: number;
  term: number;
  index: number;
}

/** Records every MsgSnapshot a store sends, and tells `onSend` (a script's trigger) of each. */
export class SnapshotWatch implements ClusterObserver {
  readonly sent: SnapshotSend[] = [];
  /** Called synchronously from the sender's Ready loop: act later (sim.schedule), never right here. */
  onSend: ((s: SnapshotSend) => void) | undefined;

  sending(id: number, msg: storepb.RaftMessage): void {
    const m = msg.message;
    if (m == null || m.msgType !== raftpb.MessageType.MsgSnapshot) return;
    const s: SnapshotSend = {
      from: id,
      to: Number(m.to ?? 0),
      term: Number(m.term ?? 0),
      index: Number(m.snapshot?.metadata?.index ?? 0),
    };
    this.sent.push(s);
    this.onSend?.(s);
  }
}

/** What a scripted fault gets: the run, the probe into the engines, the snapshot watch, the limit. */
export interface ScriptKit {
  run: ScenarioRun;
  probe: GcProbe;
  watch: SnapshotWatch;
  limit: number;
}

export interface SnapScenarioOptions {
  stores: number;
  clients: number;
  /** Virtual ms of client activity per iteration. */
  runMs: number;
  /** Default 1. */
  iterations?: number;
  /** Default LIMIT. */
  gcCountLimit?: number;
  chaos?: Partial<ChaosOptions>;
  /** Crash every store at the end of each iteration and restart them all. */
  restartAllAfterIteration?: boolean;
  /** A scripted fault, run beside the clients in each iteration (ScenarioHooks.script). */
  script?: (kit: ScriptKit, iteration: number) => Promise<void>;
  /**
   * The bound while clients run, in units of the limit (default 2; at the end it is always 2). Crashes
   * and partitions need 4: a crash can cancel the log-GC task of one compaction (its keys wait for the
   * next compaction's task, which deletes both), and a commit stalled by a partition lets the leader
   * append more CompactLogs and commands, applied in one burst past the first CompactLog once it heals.
   */
  allAlongFactor?: number;
  /** A later lab's additions: its switches in the tuning, and hooks beside these (see SnapExtras). */
  extras?: SnapExtras;
}

/** What a later lab adds to the lab-3 scenario (lab 4: the snapshot transport and its checks). */
export interface SnapExtras {
  tuning?: Partial<RaftTuning>;
  observers?: readonly ClusterObserver[];
  /** Also called every CHECK_MS while the clients run, after the log bound's check. */
  whileRunning?: (run: ScenarioRun) => void | Promise<void>;
  /** Also called at the end, after this scenario's own final checks. */
  afterQuiescence?: (run: ScenarioRun) => void | Promise<void>;
}

/**
 * The scenario's figures plus the log bound's (checks: every CHECK_MS while clients ran, and once at
 * the end; the largest gap and key count seen on a checked store) and the snapshots'.
 */
export interface SnapReport extends ScenarioReport, GcFigures {
  /** Every MsgSnapshot sent. */
  snapshotsSent: SnapshotSend[];
}

/** The log bound with snapshots on: on the stores that need no snapshot while faults run, on all at the end. */
class SnapBound extends LogBound {
  /**
   * The stores the bound applies to while faults run: the leader, and each follower the leader can
   * still catch up from its log (applied ≥ the leader's truncated index). One further behind waits for
   * a snapshot; its log is as it was when it fell behind.
   */
  subjects(c: Cluster): number[] {
    const leader = c.leader();
    if (leader === undefined) return [];
    const truncated = c.status(leader)!.truncatedIndex;
    return c.upIds.filter((id) => id === leader || c.status(id)!.applied >= truncated);
  }

  /** Checks the bound, `factor` × limit, on the stores `ids` that are up. */
  async check(c: Cluster, ids: readonly number[], factor: number, when: string): Promise<void> {
    this.checks++;
    for (const id of ids) {
      if (c.isUp(id)) await this.checkStore(c, id, factor, when);
    }
  }
}

const BOUND_HINTS: BoundHints = {
  gap:
    'with snapshots on, the leader compacts at its own pace (its applied index), not held back by a ' +
    'follower that lags: that follower gets a snapshot instead',
  keys:
    'a log-GC task deletes the keys below a new first index; installing a snapshot deletes every ' +
    'raft-log key of the region in its raft batch',
};

const FINAL_HINT =
  'a store that cannot serve writes after a snapshot or a restart: check the install and the restart';

const LIVE_HINTS: BoundHints = {
  gap: 'the leader’s GC tick proposes CompactLog; every replica applies it (or installs a snapshot)',
  keys:
    'an install deletes every old raft-log key of the region; log GC deletes those below the first ' +
    'index (leftovers of a crash too); none from the first index on may be missing',
};

/** Runs the scenario and its checks (failing the rule on the first violation); returns its figures. */
export async function runSnapScenario(ctx: ScenarioContext, o: SnapScenarioOptions): Promise<SnapReport> {
  const probe = new GcProbe();
  const limit = o.gcCountLimit ?? LIMIT;
  const bound = new SnapBound(probe, limit, BOUND_HINTS, true);
  const truncated: number[] = [];
  const watch = new SnapshotWatch();
  const script = o.script;
  const extras = o.extras ?? {};
  const hooks: ScenarioHooks = {
    observers: [watch, ...(extras.observers ?? [])],
    script: script === undefined ? undefined : (run, it) => script({ run, probe, watch, limit }, it),
    whileRunning: {
      everyMs: CHECK_MS,
      check: async (run) => {
        const c = run.cluster;
        await bound.check(c, bound.subjects(c), o.allAlongFactor ?? 2, 'while clients write');
        await extras.whileRunning?.(run);
      },
    },
    afterQuiescence: async (run) => {
      await finalBurst(run, o.clients + 2, limit, 'snap-final', FINAL_HINT);
      await bound.check(run.cluster, run.cluster.storeIds, 2, 'at the end');
      truncated.push(...(await exactLiveLogs(run.cluster, probe, LIVE_HINTS)));
      sameData(run.cluster);
      await extras.afterQuiescence?.(run);
    },
  };
  const tuning = { gcCountLimit: limit, gcTickInterval: 1, snapshots: true, ...extras.tuning };
  const { report, figures } = await runGcRun(ctx, o, tuning, { probe, bound, truncated, hooks });
  return { ...report, ...figures, snapshotsSent: watch.sent };
}

/** Once every store caught up: each one's engines hold the same applied index and the same user data. */
function sameData(c: Cluster): void {
  const [first, ...rest] = c.storeIds.map((id) => ({ id, m: c.persisted(id) }));
  for (const { id, m } of rest) {
    check(
      m.applied === first!.m.applied && m.digest === first!.m.digest,
      `stores ${first!.id} and ${id} must hold the same data once both caught up`,
      {
        expected: `store ${first!.id}: applied ${first!.m.applied}, data ${first!.m.digest}`,
        actual: `store ${id}: applied ${m.applied}, data ${m.digest}`,
        hint: 'a snapshot installed on a store must survive its restarts (the install writes both engines)',
      },
    );
  }
}

// ---- helpers for scripted faults (they run as simulation tasks: they wait with sim.sleep) ----------

/** Waits (in virtual time, polling every tick) until cond() holds; false if budgetMs passed first. */
export async function until(run: ScenarioRun, cond: () => boolean, budgetMs: number): Promise<boolean> {
  const { sim, cluster } = run;
  const deadline = sim.now + budgetMs;
  while (!cond()) {
    if (sim.now >= deadline || sim.failed !== undefined) return false;
    await sim.sleep(cluster.tuning.tickMs);
  }
  return true;
}

/** The store leading now and its status, once one leads (within budgetMs); a setup failure otherwise. */
export async function leaderNow(run: ScenarioRun, budgetMs: number, when: string): Promise<number> {
  let leader: number | undefined;
  const found = await until(
    run,
    () => {
      leader = run.cluster.leader();
      return leader !== undefined;
    },
    budgetMs,
  );
  check(found && leader !== undefined, `setup: a leader must be elected ${when}`, {
    actual: `no leader at t=${run.sim.now}ms`,
  });
  return leader;
}

/** Is there a leader (other than store `not`) whose log starts past `index` (it compacted past it)? */
export function leaderCompactedPast(c: Cluster, index: number, not?: number): boolean {
  const l = c.leader();
  return l !== undefined && l !== not && c.status(l)!.truncatedIndex > index;
}

/** Waits until the leader's log starts past `index` (it compacted past it): a follower there needs a snapshot. */
export async function compactedPast(run: ScenarioRun, index: number, what: string): Promise<void> {
  const ok = await until(run, () => leaderCompactedPast(run.cluster, index), 3000);
  check(ok, `setup: the leader must compact its log past ${what}`, {
    expected: `the leader's truncated index > ${index}`,
    actual: `t=${run.sim.now}ms: ${run.cluster.storeIds.map((id) => `${id}: ${JSON.stringify(run.cluster.status(id) ?? 'down')}`).join('; ')}`,
    hint: 'the leader’s GC tick proposes CompactLog once applied − first index reaches gcCountLimit',
  });
}

/**
 * Waits until store id has applied what the leader had committed when the wait began (within budgetMs,
 * a leader being known); false otherwise.
 */
export async function caughtUp(run: ScenarioRun, id: number, budgetMs: number): Promise<boolean> {
  const c = run.cluster;
  let target: number | undefined;
  return until(
    run,
    () => {
      const l = c.leader();
      if (target === undefined && l !== undefined) target = c.status(l)!.committed;
      const st = c.status(id);
      return target !== undefined && st !== undefined && st.applied >= target;
    },
    budgetMs,
  );
}
