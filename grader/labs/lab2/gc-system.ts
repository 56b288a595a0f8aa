// The lab-2 system scenario: a simulated cluster with log GC on (gcCountLimit small, a GC check every
// tick), clients on shared keys, and a nemesis (drops, crashes). It checks, on every store:
//  - all along (with every store up and the network reliable): applied − truncated ≤ 2 × limit and
//    the raft engine holds at most the live log plus 2 × limit compacted keys not yet deleted;
//  - at the end, once the faults stopped, everyone caught up and a last burst of writes made the
//    leader compact once more: the same bound, a truncated index that really moved, and exactly the
//    live log [first, last] in the raft engine (every compacted key deleted, crash leftovers included);
// and, like every system test, that every acknowledged write survived and the history is linearizable.
// It is the simulator's scenario (grader/sim/scenario.ts) with these checks as its hooks. The log bound,
// the final burst, the live-log check and the run itself are shared with lab 3's snap-system.ts.
import { RAFT_INIT_LOG_INDEX } from '@target/store/bootstrap.js';
import { check } from '../../harness/rule.js';
import type { ChaosOptions } from '../../sim/chaos.js';
import { SimClient } from '../../sim/client.js';
import type { Cluster, RaftTuning } from '../../sim/cluster.js';
import {
  CATCH_UP_BUDGET_MS,
  READ_BUDGET_MS,
  READER_OPTIONS,
  type ScenarioContext,
  type ScenarioHooks,
  type ScenarioOptions,
  type ScenarioReport,
  type ScenarioRun,
  runScenario,
} from '../../sim/scenario.js';
import { waitForCatchUp } from '../../sim/verify.js';
import { GcProbe } from './gc-probe.js';

/** Virtual ms between two checks of the bounds while clients run. */
export const CHECK_MS = 50;

export interface GcScenarioOptions {
  stores: number;
  clients: number;
  /** Virtual ms of client activity per iteration. */
  runMs: number;
  /** Default 1. */
  iterations?: number;
  gcCountLimit: number;
  chaos?: Partial<ChaosOptions>;
  /** Crash every store at the end of each iteration and restart them all. */
  restartAllAfterIteration?: boolean;
  /**
   * Check the bounds on every store every CHECK_MS while clients run. Only with every store up and a
   * reliable network: in lab 2 a follower that lags holds the leader's compaction back (by design).
   */
  boundAllAlong: boolean;
  /** Run on until the test's setup is reached (ScenarioOptions.until). */
  until?: ScenarioOptions['until'];
}

/** The scenario's figures (chaos: the nemesis' crashes and, apart, the restart-all phases), plus GC's. */
export interface GcReport extends ScenarioReport, GcFigures {}

/** The hints of the log bound's two checks, worded for the lab. */
export interface BoundHints {
  gap: string;
  keys: string;
}

/**
 * The log bound: applied − truncated ≤ k × limit and raft-log keys ≤ live log + k × limit, on one store
 * at a time; it records the largest gap and key count seen. `role`: name the store's raft state.
 */
export class LogBound {
  checks = 0;
  maxGap = 0;
  maxLogKeys = 0;

  constructor(
    private readonly probe: GcProbe,
    private readonly limit: number,
    private readonly hints: BoundHints,
    private readonly role = false,
  ) {}

  /** Checks the bound, `factor` × limit, on store id (which is up). */
  async checkStore(c: Cluster, id: number, factor: number, when: string): Promise<void> {
    const bound = factor * this.limit;
    const st = c.status(id)!;
    const gap = st.applied - st.truncatedIndex;
    const keys = await this.probe.countLogKeys(c, id);
    this.maxGap = Math.max(this.maxGap, gap);
    this.maxLogKeys = Math.max(this.maxLogKeys, keys);
    const at = `store ${id}${this.role ? ` (${st.raftState})` : ''} at t=${c.sim.now}ms ${when}`;
    check(gap <= bound, `${at}: applied − truncated must stay within ${factor} × gcCountLimit`, {
      expected: `applied ${st.applied} − truncated ${st.truncatedIndex} <= ${bound}`,
      actual: `${gap} (first index ${st.firstIndex}, last index ${st.lastIndex})`,
      hint: this.hints.gap,
    });
    const live = st.lastIndex - st.truncatedIndex;
    check(keys <= live + bound, `${at}: the raft engine must not keep compacted log keys`, {
      expected: `at most ${live} live entries + ${bound} compacted keys awaiting deletion`,
      actual: `${keys} raft-log keys (truncated ${st.truncatedIndex}, last ${st.lastIndex})`,
      hint: this.hints.keys,
    });
  }
}

class Bounds extends LogBound {
  /** applied − truncated ≤ 2 × limit and log keys ≤ live log + 2 × limit, on every store that is up. */
  async all(c: Cluster, when: string): Promise<void> {
    this.checks++;
    for (const id of c.upIds) await this.checkStore(c, id, 2, when);
  }
}

/** What a GC scenario passes on to the simulator's scenario as it is. */
export type GcRunOptions = Pick<
  ScenarioOptions,
  'stores' | 'clients' | 'runMs' | 'iterations' | 'chaos' | 'restartAllAfterIteration' | 'until'
>;

/** The log bound's figures and the stores' truncation, as both GC scenarios report them. */
export interface GcFigures {
  /** Bound checks made (each covers every store checked). */
  checks: number;
  /** Largest applied − truncated seen on a checked store at any check. */
  maxGap: number;
  /** Largest raft-log key count seen on a checked store at any check. */
  maxLogKeys: number;
  /** Each store's truncated index at the end. */
  truncated: number[];
  /** Restarts that opened with a log truncated past the bootstrap index. */
  restartsFromTruncated: number;
}

/**
 * Runs the simulator's scenario over the probe with these GC tunings; returns its report and the GC
 * figures (`truncated` is filled in by the hooks).
 */
export async function runGcRun(
  ctx: ScenarioContext,
  o: GcRunOptions,
  tuning: Partial<RaftTuning>,
  run: { probe: GcProbe; bound: LogBound; truncated: number[]; hooks: ScenarioHooks },
): Promise<{ report: ScenarioReport; figures: GcFigures }> {
  const { probe, bound } = run;
  const report = await runScenario(
    ctx,
    {
      driver: probe,
      stores: o.stores,
      clients: o.clients,
      runMs: o.runMs,
      iterations: o.iterations,
      chaos: o.chaos,
      restartAllAfterIteration: o.restartAllAfterIteration,
      until: o.until,
      tuning,
    },
    run.hooks,
  );
  const figures: GcFigures = {
    checks: bound.checks,
    maxGap: bound.maxGap,
    maxLogKeys: bound.maxLogKeys,
    truncated: run.truncated,
    restartsFromTruncated: probe.restartsTruncatedPast(RAFT_INIT_LOG_INDEX).length,
  };
  return { report, figures };
}

/** Runs the scenario and its checks (failing the rule on the first violation); returns its figures. */
export async function runGcScenario(ctx: ScenarioContext, o: GcScenarioOptions): Promise<GcReport> {
  const probe = new GcProbe();
  const limit = o.gcCountLimit;
  const bounds = new Bounds(probe, limit, {
    gap:
      'the leader proposes CompactLog on its GC tick once applied − firstIndex >= gcCountLimit; every ' +
      'replica moves its truncated state when it applies it',
    keys: 'applying CompactLog schedules a log-GC task that deletes the keys below the new first index',
  });
  const truncated: number[] = [];
  const hooks: ScenarioHooks = {
    whileRunning: o.boundAllAlong
      ? { everyMs: CHECK_MS, check: ({ cluster }) => bounds.all(cluster, 'while clients write') }
      : undefined,
    afterQuiescence: async (run) => {
      await finalBurst(run, o.clients + 2, limit, 'gc-final', FINAL_HINT);
      await bounds.all(run.cluster, 'at the end');
      truncated.push(...(await exactLiveLogs(run.cluster, probe, LIVE_HINTS)));
    },
  };
  const { report, figures } = await runGcRun(
    ctx,
    o,
    { gcCountLimit: limit, gcTickInterval: 1 },
    { probe, bound: bounds, truncated, hooks },
  );
  return { ...report, ...figures };
}

const FINAL_HINT =
  'a store that cannot serve writes after a restart: check the restart from the truncated state';

const LIVE_HINTS: BoundHints = {
  gap: 'the leader’s GC tick proposes CompactLog; every replica applies it',
  keys:
    'every compacted key must eventually be deleted, including those a crash left behind (the first ' +
    'task after a restart starts from the lowest key); none from the first index on',
};

/**
 * A last burst of writes makes the leader compact once more with every store up: each store's log-GC
 * task then runs after its last restart (or install) too. Waits until every store caught up again.
 * The writes' values are `<prefix>.<i>`; `hint` is the failure's when too few succeed.
 */
export async function finalBurst(
  { sim, cluster, history, workload, rng }: ScenarioRun,
  clientId: number,
  limit: number,
  prefix: string,
  hint: string,
): Promise<void> {
  const writer = new SimClient(clientId, cluster, history, rng.fork('writer'), READER_OPTIONS);
  let acknowledged = 0;
  for (let i = 0; i <= limit + 1; i++) {
    const r = await sim.runUntil(
      writer.put(workload.keys[i % workload.keys.length]!, `${prefix}.${i}`),
      READ_BUDGET_MS,
      'a final write',
    );
    if (r.status === 'ok') acknowledged++;
  }
  check(acknowledged > limit, 'with every store up and the network healed, the final writes must succeed', {
    expected: `more than ${limit} of ${limit + 2} acknowledged (enough for one more CompactLog)`,
    actual: acknowledged,
    hint,
  });
  await sim.runFor(1000);
  await waitForCatchUp(cluster, CATCH_UP_BUDGET_MS);
}

/**
 * Every store truncated its log and its raft engine holds exactly the live log; returns the truncated
 * indexes. hints.gap: for a log not truncated; hints.keys: for a raft engine not holding the live log.
 */
export async function exactLiveLogs(c: Cluster, probe: GcProbe, hints: BoundHints): Promise<number[]> {
  const truncated: number[] = [];
  for (const id of c.storeIds) {
    const st = c.status(id)!;
    truncated.push(st.truncatedIndex);
    check(st.truncatedIndex > RAFT_INIT_LOG_INDEX, `store ${id} must have truncated its log by the end`, {
      expected: `truncated index > ${RAFT_INIT_LOG_INDEX} after ${st.applied - RAFT_INIT_LOG_INDEX} applied entries`,
      actual: st.truncatedIndex,
      hint: hints.gap,
    });
    const keys = await probe.countLogKeys(c, id);
    check(
      keys === st.lastIndex - st.truncatedIndex,
      `store ${id}'s raft engine must hold exactly its live log`,
      {
        expected: `${st.lastIndex - st.truncatedIndex} raft-log keys: [${st.firstIndex}, ${st.lastIndex}]`,
        actual: `${keys} raft-log keys (${await probe.countLogKeys(c, id, 0, st.firstIndex)} below the first index)`,
        hint: hints.keys,
      },
    );
  }
  return truncated;
}
