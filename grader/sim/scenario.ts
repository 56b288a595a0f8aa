// A whole system test in one call, after TinyKV's GenericTest: start a cluster, elect a leader, run
// clients (with a nemesis) for some iterations, optionally crash and restart every store between
// iterations, then stop the faults and check: every store catches up, every key reads back, every
// acknowledged write survived, and the history is linearizable. The core invariants are checked all
// along by the cluster. Returns figures for the test's own checks and for the bench.
import type { Rng } from '../harness/rng.js';
import type { Trace } from '../harness/trace.js';
import { type ChaosOptions, Nemesis } from './chaos.js';
import { type ClientOptions, SimClient } from './client.js';
import { Cluster, type RaftTuning } from './cluster.js';
import { LivenessFailure } from './errors.js';
import { History, type HistoryStats } from './history.js';
import type { NetStats } from './network.js';
import { Sim, type SimBounds } from './sim.js';
import { targetDriver } from './target.js';
import type { StoreDriver } from './types.js';
import {
  checkAllAnswered,
  checkDurability,
  checkLinearizable,
  readBack,
  waitForCatchUp,
  waitForLeader,
} from './verify.js';
import { DEFAULT_WORKLOAD, Workload } from './workload.js';

export interface ScenarioOptions {
  driver?: StoreDriver;
  /** Default 5. */
  stores?: number;
  clients: number;
  /** Shared keys (default: max(3, clients)). */
  keys?: number;
  /** Virtual ms of client activity per iteration. */
  runMs: number;
  /** Default 1. */
  iterations?: number;
  /** Faults while clients run; absent: a reliable network and no crashes. */
  chaos?: Partial<ChaosOptions>;
  /** Crash every store at the end of each iteration and restart them all (TinyKV's persist tests). */
  restartAllAfterIteration?: boolean;
  thinkMs?: readonly [number, number];
  client?: ClientOptions;
  tuning?: Partial<RaftTuning>;
  latencyMs?: readonly [number, number];
  bounds?: Partial<SimBounds>;
  /** Fail unless at least this many client ops completed (default 10). */
  minOkOps?: number;
}

export interface ScenarioReport {
  virtualMs: number;
  events: number;
  wallMs: number;
  ops: HistoryStats;
  net: NetStats;
  /**
   * What the nemesis did (partitions, crashes and restarts of single stores, crashAll: whole-cluster
   * crashes) and, apart, how many restart-all phases ran between iterations.
   */
  chaos: { partitions: number; crashes: number; restarts: number; crashAll: number; restartAll: number };
  /** Terms in which some store led. */
  leaderTerms: number;
  /** Applied-index boundaries compared across stores. */
  appliedComparisons: number;
  /** Committed index of the leader at the end. */
  committed: number;
}

export interface ScenarioContext {
  rng: Rng;
  trace: Trace;
}

/**
 * A request a live store has not answered after this long is lost. The store answers an expired
 * proposal with a timeout after 5 election timeouts (2.5 s at the default tuning), checked on ticks.
 */
export const UNANSWERED_MS = 4000;

/**
 * Virtual time allowed for an election. Generous on purpose: without PreVote, nodes with stale logs
 * keep starting elections they cannot win, and every such attempt resets the up-to-date nodes' timers,
 * so a cluster that just restarted may need several rounds (seconds) to elect a leader.
 */
export const LEADER_BUDGET_MS = 10_000;
/** Virtual time allowed for every store to catch up once the faults stop. */
export const CATCH_UP_BUDGET_MS = 10_000;
/** The final reads: one attempt may take 1 s, a read may retry for 10 s. */
export const READER_OPTIONS = { attemptTimeoutMs: 1000, opDeadlineMs: 10_000 };
export const READ_BUDGET_MS = 12_000;

const DEFAULT_CHAOS: ChaosOptions = {
  partitions: false,
  crash: 'none',
  periodMs: [500, 700],
  downMs: [50, 300],
};

export async function runScenario(ctx: ScenarioContext, o: ScenarioOptions): Promise<ScenarioReport> {
  const sim = new Sim({ rng: ctx.rng.fork('sim'), trace: ctx.trace, bounds: o.bounds });
  let cluster: Cluster | undefined;
  try {
    cluster = await Cluster.start(sim, {
      driver: o.driver ?? targetDriver,
      stores: o.stores ?? 5,
      tuning: o.tuning,
      latencyMs: o.latencyMs,
    });
    const c = cluster;
    await waitForLeader(c, LEADER_BUDGET_MS, 'after the stores started');
    const history = new History(sim);
    const workload = new Workload(c, history, ctx.rng.fork('workload'), {
      ...DEFAULT_WORKLOAD,
      clients: o.clients,
      keys: o.keys ?? Math.max(3, o.clients),
      thinkMs: o.thinkMs ?? DEFAULT_WORKLOAD.thinkMs,
      client: o.client,
    });
    const chaos = { partitions: 0, crashes: 0, restarts: 0, crashAll: 0, restartAll: 0 };
    const iterations = o.iterations ?? 1;
    for (let it = 1; it <= iterations; it++) {
      sim.record('sim', 'phase', { iteration: it, phase: 'clients' });
      const nemesis = new Nemesis(c, ctx.rng.fork(`nemesis${it}`), { ...DEFAULT_CHAOS, ...o.chaos });
      workload.start();
      nemesis.start();
      await sim.runFor(o.runMs);
      sim.record('sim', 'phase', { iteration: it, phase: 'stop' });
      nemesis.stop();
      workload.stop();
      await sim.runUntil(
        Promise.all([workload.finished(), nemesis.finished()]),
        10_000,
        'stopping the clients and the nemesis',
      );
      for (const k of Object.keys(nemesis.counts) as (keyof typeof nemesis.counts)[])
        chaos[k] += nemesis.counts[k];
      if (o.restartAllAfterIteration === true) {
        sim.record('sim', 'phase', { iteration: it, phase: 'restart-all' });
        for (const id of c.storeIds) {
          if (c.stateOf(id) === 'down') continue;
          c.crash(id);
        }
        chaos.restartAll++;
        await sim.runFor(c.tuning.electionTick * c.tuning.tickMs);
        await sim.runUntil(
          Promise.all(c.storeIds.map((id) => c.restart(id))),
          5000,
          'restarting every store',
        );
        await waitForLeader(c, LEADER_BUDGET_MS, 'after every store restarted');
      }
    }
    sim.record('sim', 'phase', { phase: 'check' });
    await waitForCatchUp(c, CATCH_UP_BUDGET_MS);
    checkAllAnswered(c, UNANSWERED_MS);
    const reader = new SimClient(o.clients + 1, c, history, ctx.rng.fork('reader'), READER_OPTIONS);
    const finals = await readBack(c, reader, workload.keys, READ_BUDGET_MS);
    const ops = history.stats;
    const minOk = o.minOkOps ?? 10;
    if (ops.ok - finals.size < minOk) {
      throw new LivenessFailure(
        `only ${ops.ok - finals.size} of ${ops.invoked - finals.size} client operations completed ` +
          `(at least ${minOk} expected; ${ops.pending} outcome unknown, ${ops.failed} refused)`,
      );
    }
    checkDurability(history, finals);
    checkLinearizable(history);
    const leader = c.leader();
    return {
      virtualMs: sim.now,
      events: sim.eventCount,
      wallMs: sim.wallMs,
      ops,
      net: { ...c.net.stats },
      chaos,
      leaderTerms: c.invariants.leadersByTerm.size,
      appliedComparisons: c.invariants.comparisons,
      committed: leader === undefined ? 0 : (c.status(leader)?.committed ?? 0),
    };
  } finally {
    cluster?.shutdown();
    sim.dispose();
  }
}
