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
import { RAFT_INIT_LOG_INDEX } from '@target/store/bootstrap.js';
import { check } from '../../harness/rule.js';
import type { ChaosOptions } from '../../sim/chaos.js';
import { SimClient } from '../../sim/client.js';
import type { Cluster } from '../../sim/cluster.js';
import type { ClusterObserver } from '../../sim/observers.js';
import {
  CATCH_UP_BUDGET_MS,
  READ_BUDGET_MS,
  READER_OPTIONS,
  type ScenarioContext,
  type ScenarioHooks,
  type ScenarioReport,
  type ScenarioRun,
  runScenario,
} from '../../sim/scenario.js';
import { waitForCatchUp } from '../../sim/verify.js';
import { GcProbe } from '../lab2/gc-probe.js';

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
}

/** The scenario's figures plus the log bound's and the snapshots'. */
export interface SnapReport extends ScenarioReport {
  /** Bound checks made (every CHECK_MS while clients ran, and once at the end). */
  checks: number;
  /** Largest applied − truncated seen on a checked store. */
  maxGap: number;
  /** Largest raft-log key count seen on a checked store. */
  maxLogKeys: number;
  /** Every MsgSnapshot sent. */
  snapshotsSent: SnapshotSend[];
  /** Each store's truncated index at the end. */
  truncated: number[];
  /** Restarts that opened with a log truncated past the bootstrap index. */
  restartsFromTruncated: number;
}

/** The log bound: applied − truncated ≤ k × limit, raft-log keys ≤ live log + k × limit. */
class LogBound {
  checks = 0;
  maxGap = 0;
  maxLogKeys = 0;

  constructor(
    private readonly probe: GcProbe,
    private readonly limit: number,
  ) {}

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
    const bound = factor * this.limit;
    for (const id of ids) {
      if (!c.isUp(id)) continue;
      const st = c.status(id)!;
      const gap = st.applied - st.truncatedIndex;
      const keys = await this.probe.countLogKeys(c, id);
      this.maxGap = Math.max(this.maxGap, gap);
      this.maxLogKeys = Math.max(this.maxLogKeys, keys);
      const at = `store ${id} (${st.raftState}) at t=${c.sim.now}ms ${when}`;
      check(gap <= bound, `${at}: applied − truncated must stay within ${factor} × gcCountLimit`, {
        expected: `applied ${st.applied} − truncated ${st.truncatedIndex} <= ${bound}`,
        actual: `${gap} (first index ${st.firstIndex}, last index ${st.lastIndex})`,
        hint:
          'with snapshots on, the leader compacts at its own pace (its applied index), not held back by a ' +
          'follower that lags: that follower gets a snapshot instead',
      });
      const live = st.lastIndex - st.truncatedIndex;
      check(keys <= live + bound, `${at}: the raft engine must not keep compacted log keys`, {
        expected: `at most ${live} live entries + ${bound} compacted keys awaiting deletion`,
        actual: `${keys} raft-log keys (truncated ${st.truncatedIndex}, last ${st.lastIndex})`,
        hint:
          'a log-GC task deletes the keys below a new first index; installing a snapshot deletes every ' +
          'raft-log key of the region in its raft batch',
      });
    }
  }
}

/** Runs the scenario and its checks (failing the rule on the first violation); returns its figures. */
export async function runSnapScenario(ctx: ScenarioContext, o: SnapScenarioOptions): Promise<SnapReport> {
  const probe = new GcProbe();
  const limit = o.gcCountLimit ?? LIMIT;
  const bound = new LogBound(probe, limit);
  const truncated: number[] = [];
  const watch = new SnapshotWatch();
  const script = o.script;
  const hooks: ScenarioHooks = {
    observers: [watch],
    script: script === undefined ? undefined : (run, it) => script({ run, probe, watch, limit }, it),
    whileRunning: {
      everyMs: CHECK_MS,
      check: ({ cluster }) =>
        bound.check(cluster, bound.subjects(cluster), o.allAlongFactor ?? 2, 'while clients write'),
    },
    afterQuiescence: async (run) => {
      await finalBurst(run, o.clients + 2, limit);
      await bound.check(run.cluster, run.cluster.storeIds, 2, 'at the end');
      truncated.push(...(await exactLiveLogs(run.cluster, probe)));
      sameData(run.cluster);
    },
  };
  const r = await runScenario(
    ctx,
    {
      driver: probe,
      stores: o.stores,
      clients: o.clients,
      runMs: o.runMs,
      iterations: o.iterations,
      chaos: o.chaos,
      restartAllAfterIteration: o.restartAllAfterIteration,
      tuning: { gcCountLimit: limit, gcTickInterval: 1, snapshots: true },
    },
    hooks,
  );
  return {
    ...r,
    checks: bound.checks,
    maxGap: bound.maxGap,
    maxLogKeys: bound.maxLogKeys,
    snapshotsSent: watch.sent,
    truncated,
    restartsFromTruncated: probe.restartsTruncatedPast(RAFT_INIT_LOG_INDEX).length,
  };
}

/**
 * A last burst of writes makes the leader compact once more with every store up, so every store's
 * log-GC task runs after its last restart or install. Waits until every store caught up again.
 */
async function finalBurst(
  { sim, cluster, history, workload, rng }: ScenarioRun,
  clientId: number,
  limit: number,
): Promise<void> {
  const writer = new SimClient(clientId, cluster, history, rng.fork('writer'), READER_OPTIONS);
  let acknowledged = 0;
  for (let i = 0; i <= limit + 1; i++) {
    const r = await sim.runUntil(
      writer.put(workload.keys[i % workload.keys.length]!, `snap-final.${i}`),
      READ_BUDGET_MS,
      'a final write',
    );
    if (r.status === 'ok') acknowledged++;
  }
  check(acknowledged > limit, 'with every store up and the network healed, the final writes must succeed', {
    expected: `more than ${limit} of ${limit + 2} acknowledged (enough for one more CompactLog)`,
    actual: acknowledged,
    hint: 'a store that cannot serve writes after a snapshot or a restart: check the install and the restart',
  });
  await sim.runFor(1000);
  await waitForCatchUp(cluster, CATCH_UP_BUDGET_MS);
}

/** Every store truncated its log and holds exactly its live log; returns the truncated indexes. */
async function exactLiveLogs(c: Cluster, probe: GcProbe): Promise<number[]> {
  const truncated: number[] = [];
  for (const id of c.storeIds) {
    const st = c.status(id)!;
    truncated.push(st.truncatedIndex);
    check(st.truncatedIndex > RAFT_INIT_LOG_INDEX, `store ${id} must have truncated its log by the end`, {
      expected: `truncated index > ${RAFT_INIT_LOG_INDEX} after ${st.applied - RAFT_INIT_LOG_INDEX} applied entries`,
      actual: st.truncatedIndex,
      hint: 'the leader’s GC tick proposes CompactLog; every replica applies it (or installs a snapshot)',
    });
    const keys = await probe.countLogKeys(c, id);
    check(
      keys === st.lastIndex - st.truncatedIndex,
      `store ${id}'s raft engine must hold exactly its live log`,
      {
        expected: `${st.lastIndex - st.truncatedIndex} raft-log keys: [${st.firstIndex}, ${st.lastIndex}]`,
        actual: `${keys} raft-log keys (${await probe.countLogKeys(c, id, 0, st.firstIndex)} below the first index)`,
        hint:
          'an install deletes every old raft-log key of the region; log GC deletes those below the first ' +
          'index (leftovers of a crash too); none from the first index on may be missing',
      },
    );
  }
  return truncated;
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

/** Waits until the leader's log starts past `index` (it compacted past it): a follower there needs a snapshot. */
export async function compactedPast(run: ScenarioRun, index: number, what: string): Promise<void> {
  const ok = await until(
    run,
    () => {
      const l = run.cluster.leader();
      return l !== undefined && run.cluster.status(l)!.truncatedIndex > index;
    },
    3000,
  );
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
