// The lab-3 system scenario: a simulated cluster with log GC and snapshots on (small gcCountLimit, a GC
// check every tick), clients on shared keys, a nemesis and, per test, a scripted fault (a follower cut
// off, a store wiped, a leader lost right after it sent a snapshot). With snapshots the leader compacts at
// its own pace, so a follower left behind is caught up by a snapshot. It checks:
//  - all along, on the leader and on every follower that needs no snapshot (its applied index at or past
//    the leader's truncated index), against what the store had the time to do since the checks before
//    (a stalled commit heals in a burst that no instant bound allows for; see SnapBound): its truncated
//    index follows its applied index within 2 × limit (a larger factor under crashes and partitions: see
//    SnapScenarioOptions.allAlongFactor), and no raft-log key is left below a truncated index it reached
//    a check ago;
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
import type { StoreStatusView } from '../../sim/types.js';
import type { ClusterObserver } from '../../sim/observers.js';
import type {
  ScenarioContext,
  ScenarioHooks,
  ScenarioOptions,
  ScenarioReport,
  ScenarioRun,
} from '../../sim/scenario.js';
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
   * How far the truncated index may trail the applied index while clients run, in units of the limit
   * (default 2; at the end the bound is always 2). A store that keeps up stays within 1 × limit of what it
   * applied two checks before (SnapBound); the rest is slack, more of it under crashes and partitions.
   */
  allAlongFactor?: number;
  /** Run on until the test's setup is reached (ScenarioOptions.until). */
  until?: ScenarioOptions['until'];
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

/** One store at one check while the clients write. */
interface Sample {
  check: number;
  incarnation: number;
  applied: number;
}

/** The leader at one check while the clients write (undefined: none). */
interface LeaderSample {
  check: number;
  id: number;
  term: number;
  last: number;
}

/** What the bound remembers of a store's incarnation. */
interface Track {
  incarnation: number;
  /** Its last two samples, oldest first. */
  samples: Sample[];
  /** Its truncated index at its first check: what it opened with (or a little past it). */
  opened: number;
  /**
   * The highest truncated index seen at an earlier check past `opened`: this incarnation compacted (or
   * installed) up to it at least one check ago, so its log-GC task has run and every key at or below it
   * is deleted (a crash may lose the tasks of the compactions just before it: then nothing is proven
   * until the next incarnation compacts again).
   */
  proven: number;
}

/**
 * The log bound with snapshots on, on the stores that need no snapshot while faults run, on all at the
 * end. While faults run, a commit stalled by a partition or a crash (a quorum cut off, a follower waiting
 * for a snapshot stream) lets the leader append entries it applies in one burst once it heals: right
 * after it, applied − truncated and the keys awaiting deletion are as large as the burst, until the next
 * CompactLog commits and its log-GC task runs. So the checks while faults run judge what a store has had
 * the time to do since an earlier check, not the instant: the keys a finished task deleted, and a
 * truncated index that followed the applied index once the leader's GC tick's CompactLog was applied.
 */
class SnapBound extends LogBound {
  private checkNo = 0;
  private readonly tracks = new Map<number, Track>();
  /** The leader at the last two checks, oldest first. */
  private leaders: (LeaderSample | undefined)[] = [];

  constructor(
    private readonly gc: GcProbe,
    private readonly gcLimit: number,
    private readonly why: BoundHints,
  ) {
    super(gc, gcLimit, why, true);
  }

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

  /** Checks the bound, `factor` × limit, at the instant, on the stores `ids` that are up (at the end). */
  async check(c: Cluster, ids: readonly number[], factor: number, when: string): Promise<void> {
    this.checks++;
    for (const id of ids) {
      if (c.isUp(id)) await this.checkStore(c, id, factor, when);
    }
  }

  /** The check while faults run (every CHECK_MS): on the subjects, against the earlier checks. */
  async whileRunning(c: Cluster, factor: number): Promise<void> {
    this.checks++;
    const now = ++this.checkNo;
    const subjects = new Set(this.subjects(c));
    const l = c.leader();
    const lead = l === undefined ? undefined : { check: now, id: l, ...pick(c.status(l)!) };
    for (const id of c.upIds) {
      const st = c.status(id)!;
      const track = this.trackOf(id, c.incarnation(id), st.truncatedIndex);
      if (subjects.has(id)) {
        await this.keysDeleted(c, id, track);
        this.truncationFollows(c, id, track, lead, factor);
      }
      track.samples = [
        ...track.samples.slice(-1),
        { check: now, incarnation: track.incarnation, applied: st.applied },
      ];
      if (st.truncatedIndex > track.opened) track.proven = Math.max(track.proven, st.truncatedIndex);
    }
    this.leaders = [...this.leaders.slice(-1), lead];
  }

  private trackOf(id: number, incarnation: number, truncated: number): Track {
    const t = this.tracks.get(id);
    if (t !== undefined && t.incarnation === incarnation) return t;
    const fresh: Track = { incarnation, samples: [], opened: truncated, proven: 0 };
    this.tracks.set(id, fresh);
    return fresh;
  }

  /** No raft-log key at or below the proven truncated index is left. */
  private async keysDeleted(c: Cluster, id: number, track: Track): Promise<void> {
    const st = c.status(id)!;
    const keys = await this.gc.countLogKeys(c, id);
    this.maxLogKeys = Math.max(this.maxLogKeys, keys);
    if (track.proven === 0) return;
    const stale = await this.gc.countLogKeys(c, id, 0, track.proven + 1);
    check(stale === 0, `${storeAt(c, id)}: the raft engine must not keep compacted log keys`, {
      expected: `no raft-log key at or below ${track.proven}: this incarnation truncated its log there a check (${CHECK_MS} ms or more) ago: its log-GC task has run`,
      actual: `${stale} such keys; ${keys} raft-log keys in all (truncated ${st.truncatedIndex}, last ${st.lastIndex})`,
      hint: this.why.keys,
    });
  }

  /**
   * Once a store applied everything the leader (the same, in the same term) had one check ago, the
   * leader's GC tick between the two checks before proposed a CompactLog at what it had applied, and
   * the store applied it: its truncated index is within factor × limit of what it had applied two
   * checks ago. A stalled commit (the store applied less) is not judged.
   */
  private truncationFollows(
    c: Cluster,
    id: number,
    track: Track,
    lead: LeaderSample | undefined,
    factor: number,
  ): void {
    const st = c.status(id)!;
    this.maxGap = Math.max(this.maxGap, st.applied - st.truncatedIndex);
    const [p2, p1] = track.samples;
    const [l2, l1] = this.leaders;
    const now = this.checkNo;
    if (p2 === undefined || p1 === undefined || l2 === undefined || l1 === undefined || lead === undefined)
      return;
    if (p2.check !== now - 2 || p1.check !== now - 1 || l2.check !== now - 2 || l1.check !== now - 1) return;
    if (![l2, l1].every((l) => l.id === lead.id && l.term === lead.term)) return;
    if (st.applied < l1.last) return;
    const bound = factor * this.gcLimit;
    check(
      st.truncatedIndex >= p2.applied - bound,
      `${storeAt(c, id)}: applied − truncated must stay within ${factor} × gcCountLimit`,
      {
        expected: `truncated >= ${p2.applied} − ${bound}: the store has applied ${p2.applied} two checks ago, and since then everything leader ${lead.id} had one check ago (up to ${l1.last}), its GC tick's CompactLog among it`,
        actual: `truncated ${st.truncatedIndex} (applied ${st.applied}, first index ${st.firstIndex}, last index ${st.lastIndex})`,
        hint: this.why.gap,
      },
    );
  }
}

/** How a check names a store: its id, raft state and the time. */
function storeAt(c: Cluster, id: number): string {
  return `store ${id} (${c.status(id)!.raftState}) at t=${c.sim.now}ms while clients write`;
}

const pick = (st: StoreStatusView): { term: number; last: number } => ({ term: st.term, last: st.lastIndex });

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
  const bound = new SnapBound(probe, limit, BOUND_HINTS);
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
        await bound.whileRunning(c, o.allAlongFactor ?? 2);
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
