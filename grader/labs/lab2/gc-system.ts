// The lab-2 system scenario: a simulated cluster with log GC on (gcCountLimit small, a GC check every
// tick), clients on shared keys, and a nemesis (drops, crashes). It checks, on every store:
//  - all along (with every store up and the network reliable): applied − truncated ≤ 2 × limit and
//    the raft engine holds at most the live log plus 2 × limit compacted keys not yet deleted;
//  - at the end, once the faults stopped, everyone caught up and a last burst of writes made the
//    leader compact once more: the same bound, a truncated index that really moved, and exactly the
//    live log [first, last] in the raft engine (every compacted key deleted, crash leftovers included);
// and, like every system test, that every acknowledged write survived and the history is linearizable.
import { RAFT_INIT_LOG_INDEX } from '@target/store/bootstrap.js';
import type { Rng } from '../../harness/rng.js';
import { check } from '../../harness/rule.js';
import type { Trace } from '../../harness/trace.js';
import { type ChaosOptions, Nemesis } from '../../sim/chaos.js';
import { SimClient } from '../../sim/client.js';
import { Cluster } from '../../sim/cluster.js';
import { GcProbe } from '../../sim/gc-probe.js';
import { History, type HistoryStats } from '../../sim/history.js';
import type { NetStats } from '../../sim/network.js';
import {
  CATCH_UP_BUDGET_MS,
  LEADER_BUDGET_MS,
  READ_BUDGET_MS,
  READER_OPTIONS,
  UNANSWERED_MS,
} from '../../sim/scenario.js';
import { Sim } from '../../sim/sim.js';
import {
  checkAllAnswered,
  checkDurability,
  checkLinearizable,
  readBack,
  waitForCatchUp,
  waitForLeader,
} from '../../sim/verify.js';
import { DEFAULT_WORKLOAD, Workload } from '../../sim/workload.js';

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
}

export interface GcReport {
  ops: HistoryStats;
  net: NetStats;
  chaos: { crashes: number; restarts: number };
  /** Bound checks made while clients ran (each covers every store). */
  checks: number;
  /** Largest applied − truncated seen on any store at any check. */
  maxGap: number;
  /** Largest raft-log key count seen on any store at any check. */
  maxLogKeys: number;
  /** Each store's truncated index at the end. */
  truncated: number[];
  /** Restarts that opened with a log truncated past the bootstrap index. */
  restartsFromTruncated: number;
}

interface Ctx {
  rng: Rng;
  trace: Trace;
}

const DEFAULT_CHAOS: ChaosOptions = {
  partitions: false,
  crash: 'none',
  periodMs: [500, 700],
  downMs: [50, 300],
};

class Bounds {
  checks = 0;
  maxGap = 0;
  maxLogKeys = 0;

  constructor(
    private readonly c: Cluster,
    private readonly probe: GcProbe,
    private readonly limit: number,
  ) {}

  /** applied − truncated ≤ 2 × limit and log keys ≤ live log + 2 × limit, on every store that is up. */
  async all(when: string): Promise<void> {
    this.checks++;
    for (const id of this.c.upIds) {
      const st = this.c.status(id)!;
      const gap = st.applied - st.truncatedIndex;
      const keys = await this.probe.countLogKeys(this.c, id);
      this.maxGap = Math.max(this.maxGap, gap);
      this.maxLogKeys = Math.max(this.maxLogKeys, keys);
      const at = `store ${id} at t=${this.c.sim.now}ms ${when}`;
      check(gap <= 2 * this.limit, `${at}: applied − truncated must stay within 2 × gcCountLimit`, {
        expected: `applied ${st.applied} − truncated ${st.truncatedIndex} <= ${2 * this.limit}`,
        actual: `${gap} (first index ${st.firstIndex}, last index ${st.lastIndex})`,
        hint:
          'the leader proposes CompactLog on its GC tick once applied − firstIndex >= gcCountLimit; every ' +
          'replica moves its truncated state when it applies it',
      });
      const live = st.lastIndex - st.truncatedIndex;
      check(keys <= live + 2 * this.limit, `${at}: the raft engine must not keep compacted log keys`, {
        expected: `at most ${live} live entries + ${2 * this.limit} compacted keys awaiting deletion`,
        actual: `${keys} raft-log keys (truncated ${st.truncatedIndex}, last ${st.lastIndex})`,
        hint: 'applying CompactLog schedules a log-GC task that deletes the keys below the new first index',
      });
    }
  }
}

/** Runs the scenario and its checks (failing the rule on the first violation); returns its figures. */
export async function runGcScenario(ctx: Ctx, o: GcScenarioOptions): Promise<GcReport> {
  const sim = new Sim({ rng: ctx.rng.fork('sim'), trace: ctx.trace });
  const probe = new GcProbe();
  const limit = o.gcCountLimit;
  let cluster: Cluster | undefined;
  try {
    cluster = await Cluster.start(sim, {
      driver: probe,
      stores: o.stores,
      tuning: { gcCountLimit: limit, gcTickInterval: 1 },
    });
    const c = cluster;
    const bounds = new Bounds(c, probe, limit);
    await waitForLeader(c, LEADER_BUDGET_MS, 'after the stores started');
    const history = new History(sim);
    const workload = new Workload(c, history, ctx.rng.fork('workload'), {
      ...DEFAULT_WORKLOAD,
      clients: o.clients,
      keys: Math.max(3, o.clients),
    });
    const chaos = { crashes: 0, restarts: 0 };
    for (let it = 1; it <= (o.iterations ?? 1); it++) {
      sim.record('sim', 'phase', { iteration: it, phase: 'clients' });
      const nemesis = new Nemesis(c, ctx.rng.fork(`nemesis${it}`), { ...DEFAULT_CHAOS, ...o.chaos });
      workload.start();
      nemesis.start();
      for (let t = 0; t < o.runMs; t += CHECK_MS) {
        await sim.runFor(CHECK_MS);
        if (o.boundAllAlong) await bounds.all('while clients write');
      }
      sim.record('sim', 'phase', { iteration: it, phase: 'stop' });
      nemesis.stop();
      workload.stop();
      await sim.runUntil(
        Promise.all([workload.finished(), nemesis.finished()]),
        10_000,
        'stopping the clients and the nemesis',
      );
      chaos.crashes += nemesis.counts.crashes;
      chaos.restarts += nemesis.counts.restarts;
      if (o.restartAllAfterIteration === true) {
        sim.record('sim', 'phase', { iteration: it, phase: 'restart-all' });
        const up = c.upIds;
        for (const id of up) c.crash(id);
        chaos.crashes += up.length;
        await sim.runFor(c.tuning.electionTick * c.tuning.tickMs);
        await sim.runUntil(
          Promise.all(c.storeIds.map((id) => c.restart(id))),
          5000,
          'restarting every store',
        );
        chaos.restarts += c.storeIds.length;
        await waitForLeader(c, LEADER_BUDGET_MS, 'after every store restarted');
      }
    }
    sim.record('sim', 'phase', { phase: 'check' });
    await waitForCatchUp(c, CATCH_UP_BUDGET_MS);
    checkAllAnswered(c, UNANSWERED_MS);
    // A last burst of writes makes the leader compact once more with every store up: each store's
    // log-GC task then runs after its last restart too, and must leave exactly the live log.
    const writer = new SimClient(o.clients + 2, c, history, ctx.rng.fork('writer'), READER_OPTIONS);
    let acknowledged = 0;
    for (let i = 0; i <= limit + 1; i++) {
      const r = await sim.runUntil(
        writer.put(workload.keys[i % workload.keys.length]!, `gc-final.${i}`),
        READ_BUDGET_MS,
        'a final write',
      );
      if (r.status === 'ok') acknowledged++;
    }
    check(acknowledged > limit, 'with every store up and the network healed, the final writes must succeed', {
      expected: `more than ${limit} of ${limit + 2} acknowledged (enough for one more CompactLog)`,
      actual: acknowledged,
      hint: 'a store that cannot serve writes after a restart: check the restart from the truncated state',
    });
    await sim.runFor(1000);
    await waitForCatchUp(c, CATCH_UP_BUDGET_MS);
    await bounds.all('at the end');
    const truncated: number[] = [];
    for (const id of c.storeIds) {
      const st = c.status(id)!;
      truncated.push(st.truncatedIndex);
      check(st.truncatedIndex > RAFT_INIT_LOG_INDEX, `store ${id} must have truncated its log by the end`, {
        expected: `truncated index > ${RAFT_INIT_LOG_INDEX} after ${st.applied - RAFT_INIT_LOG_INDEX} applied entries`,
        actual: st.truncatedIndex,
        hint: 'the leader’s GC tick proposes CompactLog; every replica applies it',
      });
      const keys = await probe.countLogKeys(c, id);
      check(
        keys === st.lastIndex - st.truncatedIndex,
        `store ${id}'s raft engine must hold exactly its live log`,
        {
          expected: `${st.lastIndex - st.truncatedIndex} raft-log keys: [${st.firstIndex}, ${st.lastIndex}]`,
          actual: `${keys} raft-log keys (${await probe.countLogKeys(c, id, 0, st.firstIndex)} below the first index)`,
          hint:
            'every compacted key must eventually be deleted, including those a crash left behind (the first ' +
            'task after a restart starts from the lowest key); none from the first index on',
        },
      );
    }
    const reader = new SimClient(o.clients + 1, c, history, ctx.rng.fork('reader'), READER_OPTIONS);
    const finals = await readBack(c, reader, workload.keys, READ_BUDGET_MS);
    checkDurability(history, finals);
    checkLinearizable(history);
    return {
      ops: history.stats,
      net: { ...c.net.stats },
      chaos,
      checks: bounds.checks,
      maxGap: bounds.maxGap,
      maxLogKeys: bounds.maxLogKeys,
      truncated,
      restartsFromTruncated: probe.restartsTruncatedPast(RAFT_INIT_LOG_INDEX).length,
    };
  } finally {
    cluster?.shutdown();
    sim.dispose();
  }
}
