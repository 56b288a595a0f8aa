// A whole system test in one call, after TinyKV's GenericTest: start a cluster, elect a leader, run
// clients (with a nemesis) for some iterations, optionally crash and restart every store between
// iterations, then stop the faults and check: every store catches up, every key reads back, every
// acknowledged write survived, and the history is linearizable. The core invariants are checked all
// along by the cluster. Returns figures for the test's own checks and for the bench. A lab adds its
// own checks through hooks called at fixed points of the run, and its own scripted faults through a
// script run beside the clients (ScenarioHooks); this file knows no lab.
import type { Rng } from '../harness/rng.js';
import type { Trace } from '../harness/trace.js';
import { type BatchingOptions, DEFAULT_BATCHING } from './batching.js';
import { type ChaosOptions, Nemesis } from './chaos.js';
import { type ClientOptions, SimClient } from './client.js';
import { Cluster, type RaftTuning } from './cluster.js';
import { LivenessFailure, SimUsageError } from './errors.js';
import { History, type HistoryStats, type OpRecord } from './history.js';
import type { NetStats } from './network.js';
import type { ClusterObserver } from './observers.js';
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
  /**
   * A run that reaches what the test needs instead of hoping a fixed duration suffices (enough
   * acknowledged writes, a fault that must have hit, a state that must have been reached): the last
   * iteration's clients and faults keep running, in slices of UNTIL_SLICE_MS and for at most extraMs
   * more, until reached() holds. The test still checks its setup.
   */
  until?: { reached: (run: ScenarioRun) => boolean; extraMs: number };
  /**
   * Batched delivery, so that several inputs share one Ready as in a busy store (batching.ts): on by
   * default with DEFAULT_BATCHING (fields given here replace its own); false: every input alone.
   */
  batching?: Partial<BatchingOptions> | false;
}

/** How much longer the clients run at a time while an `until` is not reached. */
const UNTIL_SLICE_MS = 250;

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
  /** Snapshot installs seen in the stores' engine writes (the applied index jumping to the truncated one). */
  snapshotInstalls: number;
  /** Committed index of the leader at the end. */
  committed: number;
  /** Batches the batched delivery opened (0: off). */
  batches: number;
}

export interface ScenarioContext {
  rng: Rng;
  trace: Trace;
}

/** What a hook sees of a running scenario. */
export interface ScenarioRun {
  readonly sim: Sim;
  readonly cluster: Cluster;
  readonly history: History;
  readonly workload: Workload;
  /** The scenario's Rng: a hook forks its own streams from it, under names of its own. */
  readonly rng: Rng;
}

/** A hook may be asynchronous (it runs between simulation events); it fails the run by throwing. */
type Hook<A extends unknown[]> = (run: ScenarioRun, ...args: A) => void | Promise<void>;

/** Extra checks and watchers of a scenario, each called at a fixed point of the run (all optional). */
export interface ScenarioHooks {
  /**
   * Runs beside the clients and the nemesis in each iteration, as a task of the simulation (it waits with
   * sim.sleep, and may partition, crash, restart or wipe stores): a scripted fault. It should be done
   * within runMs: the iteration's stop phase waits for it, but the nemesis stops first, which heals the
   * network and restarts every store that is down.
   */
  script?: Hook<[iteration: number]>;
  /** Called every `everyMs` of virtual time while the clients run (the faults are on). */
  whileRunning?: { everyMs: number; check: Hook<[iteration: number]> };
  /** After each iteration: clients and nemesis stopped, and (restartAllAfterIteration) every store restarted. */
  afterIteration?: Hook<[iteration: number]>;
  /**
   * Once the faults stopped, every store caught up and every request was answered; before the final
   * read-back (more client operations may run here: they are in the history the final checks read).
   */
  afterQuiescence?: Hook<[]>;
  /** After the built-in final checks (durability, linearizability), with the final reads. */
  finalChecks?: Hook<[finals: ReadonlyMap<string, OpRecord>]>;
  /** More observers of the stores, beside the cluster's built-in ones. */
  observers?: readonly ClusterObserver[];
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

type ChaosCounts = ScenarioReport['chaos'];

/** Runs the scenario with its built-in checks and the hooks' (failing on the first violation). */
export async function runScenario(
  ctx: ScenarioContext,
  o: ScenarioOptions,
  hooks: ScenarioHooks = {},
): Promise<ScenarioReport> {
  const sim = new Sim({ rng: ctx.rng.fork('sim'), trace: ctx.trace, bounds: o.bounds });
  let cluster: Cluster | undefined;
  try {
    cluster = await Cluster.start(sim, {
      driver: o.driver ?? targetDriver,
      stores: o.stores ?? 5,
      tuning: o.tuning,
      latencyMs: o.latencyMs,
      observers: hooks.observers,
      batching: o.batching === false ? undefined : { ...DEFAULT_BATCHING, ...o.batching },
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
    const run: ScenarioRun = { sim, cluster: c, history, workload, rng: ctx.rng };
    const chaos: ChaosCounts = { partitions: 0, crashes: 0, restarts: 0, crashAll: 0, restartAll: 0 };
    const iterations = o.iterations ?? 1;
    for (let it = 1; it <= iterations; it++) {
      await runIteration(run, o, hooks, it, chaos);
      await hooks.afterIteration?.(run, it);
    }
    sim.record('sim', 'phase', { phase: 'check' });
    await waitForCatchUp(c, CATCH_UP_BUDGET_MS);
    checkAllAnswered(c, UNANSWERED_MS);
    await hooks.afterQuiescence?.(run);
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
    await hooks.finalChecks?.(run, finals);
    const leader = c.leader();
    return {
      virtualMs: sim.now,
      events: sim.eventCount,
      wallMs: sim.wallMs,
      ops,
      net: { ...c.net.stats },
      chaos,
      leaderTerms: c.invariants?.leadersByTerm.size ?? 0,
      appliedComparisons: c.invariants?.comparisons ?? 0,
      snapshotInstalls: c.invariants?.installs ?? 0,
      committed: leader === undefined ? 0 : (c.status(leader)?.committed ?? 0),
      batches: c.batches,
    };
  } finally {
    cluster?.shutdown();
    sim.dispose();
  }
}

/**
 * One iteration: clients and the nemesis run for runMs (in slices of whileRunning.everyMs, its check
 * after each), then stop; with restartAllAfterIteration every store crashes and restarts. Adds what the
 * nemesis did to `chaos`, and counts the restart-all phase apart.
 */
async function runIteration(
  run: ScenarioRun,
  o: ScenarioOptions,
  hooks: ScenarioHooks,
  it: number,
  chaos: ChaosCounts,
): Promise<void> {
  const { sim, cluster: c, workload } = run;
  sim.record('sim', 'phase', { iteration: it, phase: 'clients' });
  const nemesis = new Nemesis(c, run.rng.fork(`nemesis${it}`), { ...DEFAULT_CHAOS, ...o.chaos });
  workload.start();
  nemesis.start();
  const script = runScript(run, hooks, it);
  const during = hooks.whileRunning;
  if (during === undefined) await sim.runFor(o.runMs);
  else {
    if (!(during.everyMs > 0)) {
      throw new SimUsageError(`runScenario: whileRunning.everyMs must be > 0, got ${during.everyMs}`);
    }
    for (let t = 0; t < o.runMs; t += during.everyMs) {
      await sim.runFor(Math.min(during.everyMs, o.runMs - t));
      await during.check(run, it);
    }
  }
  await extendUntilReached(run, o, hooks, it);
  sim.record('sim', 'phase', { iteration: it, phase: 'stop' });
  nemesis.stop();
  workload.stop();
  await sim.runUntil(
    Promise.all([workload.finished(), nemesis.finished(), script]),
    10_000,
    'stopping the clients, the nemesis and the script',
  );
  for (const k of Object.keys(nemesis.counts) as (keyof typeof nemesis.counts)[])
    chaos[k] += nemesis.counts[k];
  if (o.restartAllAfterIteration !== true) return;
  sim.record('sim', 'phase', { iteration: it, phase: 'restart-all' });
  for (const id of c.storeIds) {
    if (c.stateOf(id) === 'down') continue;
    c.crash(id);
  }
  chaos.restartAll++;
  await sim.runFor(c.tuning.electionTick * c.tuning.tickMs);
  await sim.runUntil(Promise.all(c.storeIds.map((id) => c.restart(id))), 5000, 'restarting every store');
  await waitForLeader(c, LEADER_BUDGET_MS, 'after every store restarted');
}

/** In the last iteration, runs on (slice by slice, within extraMs) until o.until is reached. */
async function extendUntilReached(
  run: ScenarioRun,
  o: ScenarioOptions,
  hooks: ScenarioHooks,
  it: number,
): Promise<void> {
  const until = o.until;
  if (until === undefined || it !== (o.iterations ?? 1)) return;
  for (let extra = 0; extra < until.extraMs && !until.reached(run); extra += UNTIL_SLICE_MS) {
    if (extra === 0) run.sim.record('sim', 'phase', { iteration: it, phase: 'clients-extended' });
    await run.sim.runFor(UNTIL_SLICE_MS);
    await hooks.whileRunning?.check(run, it);
  }
}

/** Starts the script hook of an iteration; its error fails the run (the stop phase then reports it). */
function runScript(run: ScenarioRun, hooks: ScenarioHooks, it: number): Promise<void> {
  const script = hooks.script;
  if (script === undefined) return Promise.resolve();
  const fail = (err: unknown): void => run.sim.fail(err instanceof Error ? err : new Error(String(err)));
  try {
    return Promise.resolve(script(run, it)).catch(fail);
  } catch (err) {
    fail(err);
    return Promise.resolve();
  }
}
