// Lab 3 system tests: the whole snapshot chain (the leader compacts at its own pace → a follower behind
// its first index → storage.snapshot() "temporarily unavailable" → generation through a read view →
// MsgSnapshot → handleSnapshot → install in the Ready loop → advance) in the simulated cluster under
// sustained client writes, with a small gcCountLimit: a follower cut off and caught up by a snapshot
// (TinyKV's OneSnapshot), crashes of one store and of every store, an unreliable network, restarts and
// partitions on top, a store rebuilt from empty engines, a follower down for the whole run, and a leader
// lost right after it sent a snapshot. Each checks the core invariants (a snapshot's data is exactly the
// others' at its index), the log bound all along, durability and linearizability (snap-system.ts), and
// that the scenario really did what it claims: snapshots were sent and installed.
//
// Every test is part lab3c: it needs the whole chain — the fallback and handleSnapshot (lab3a), the
// generation (lab3b) and the install and compact index (lab3c) — so it counts for the last part it needs,
// and a tree solved up to lab3a or lab3b scores exactly its parts.
import { check, seededRule } from '../../harness/rule.js';
import { SimClient } from '../../sim/client.js';
import {
  CATCH_UP_BUDGET_MS,
  LEADER_BUDGET_MS,
  READER_OPTIONS,
  type ScenarioContext,
  type ScenarioRun,
} from '../../sim/scenario.js';
import {
  CHECK_MS,
  type ScriptKit,
  type SnapReport,
  type SnapScenarioOptions,
  caughtUp,
  compactedPast,
  leaderCompactedPast,
  leaderNow,
  runSnapScenario,
  until,
} from './snap-system.js';

const SYSTEM = { part: 'lab3c', tags: ['system'], timeoutMs: 25_000 };
/** The unreliable network of these tests. */
const UNRELIABLE = { drop: 0.1, duplicate: 0.05, reorder: 0.1, reorderMaxMs: 30 };
/** A crashed store stays down long enough for the leader to compact past it (some 15–40 entries). */
const LONG_DOWN = { periodMs: [600, 900] as const, downMs: [300, 900] as const };
/** The client id of a script's own operations (the workload's clients are 1…n, the reader n + 1). */
const SCRIPT_CLIENT = 90;
/** The log bound while crashes or partitions run (see SnapScenarioOptions.allAlongFactor). */
const FAULTY = 4;

/** Setup: at least one MsgSnapshot was sent and at least one snapshot installed. */
function snapshotted(r: SnapReport, installs = 1): void {
  check(
    r.snapshotsSent.length > 0 && r.snapshotInstalls >= installs,
    'setup: the scenario must really catch a follower up by a snapshot',
    {
      expected: `at least one MsgSnapshot sent and ${installs} snapshot install(s)`,
      actual: `${r.snapshotsSent.length} MsgSnapshot sent, ${r.snapshotInstalls} installed`,
      hint:
        'a follower behind the leader’s first index must be sent a snapshot (sendAppend → sendSnapshot on ' +
        'a compacted log) and install it (a kv batch moving applied to the snapshot’s index)',
    },
  );
  check(r.checks > 0, 'setup: the log bound must be checked while clients write', { actual: r.checks });
}

/** Setup: stores crashed and restarted, some from a truncated log. */
function restarted(r: SnapReport): void {
  check(
    r.chaos.crashes + r.chaos.restartAll > 0 && r.restartsFromTruncated > 0,
    'setup: stores must really crash and restart from a truncated log',
    {
      expected: 'at least one restart that opened with a truncated index past 5',
      actual: { ...r.chaos, restartsFromTruncated: r.restartsFromTruncated },
    },
  );
}

/** A seeded lab3c system test: the scenario with options `o`, then the setup checks of `after`. */
function snapRule(
  id: string,
  title: string,
  points: number,
  o: SnapScenarioOptions,
  after: (r: SnapReport) => void,
): void {
  seededRule(id, title, { ...SYSTEM, points }, async ({ rng, trace }) => {
    after(await runSnapScenario({ rng, trace }, { ...o }));
  });
}

/**
 * Runs the scenario with a script that must run to its end (a setup failure names `name` otherwise).
 */
async function runScripted(
  ctx: ScenarioContext,
  o: Omit<SnapScenarioOptions, 'script'>,
  name: string,
  script: (kit: ScriptKit) => Promise<unknown>,
): Promise<SnapReport> {
  let done = false;
  const r = await runSnapScenario(ctx, {
    ...o,
    script: async (kit) => {
      await script(kit);
      done = true;
    },
  });
  check(done, `setup: the ${name} script must run to its end`);
  return r;
}

// ---- TinyKV's OneSnapshot ----------------------------------------------------------------------------

/**
 * A follower F cut off while the others compact past it and delete a key it holds; healed, F is caught
 * up by a snapshot and the deleted key is gone from its engine; restarted, F keeps the snapshot's data.
 */
async function oneSnapshot({ run, probe }: ScriptKit): Promise<void> {
  const { sim, cluster: c, history, rng } = run;
  const leader = await leaderNow(run, 2000, 'before cutting a follower off');
  const f = rng.fork('one-snapshot').pick(c.storeIds.filter((id) => id !== leader));
  const client = new SimClient(SCRIPT_CLIENT, c, history, rng.fork('deleter'), READER_OPTIONS);
  const put = await client.put('doomed', 'here');
  check(put.status === 'ok', 'setup: the write of the key to delete must succeed', { actual: put.status });
  check(await caughtUp(run, f, 2000), `setup: store ${f} must hold the key before it is cut off`);
  const cut = c.net.isolate(f);
  const applied = c.status(f)!.applied;
  await compactedPast(run, applied, `store ${f}'s applied index ${applied}`);
  const del = await client.delete('doomed');
  check(del.status === 'ok', 'setup: the delete must succeed without the cut-off follower', {
    actual: del.status,
  });
  const deletedBy = Math.max(...c.upIds.filter((id) => id !== f).map((id) => c.status(id)!.committed));
  await compactedPast(run, deletedBy, `the delete (committed by ${deletedBy})`);
  c.net.remove(cut);
  const installsBefore = c.persisted(f).installs;
  // The healed follower may have started an election while cut off: its higher term makes it ignore
  // the leader, and without PreVote its doomed elections can keep resetting the others' timers for
  // several rounds (seed 258 took four) — the same generous budget as any catching up after faults.
  check(await caughtUp(run, f, CATCH_UP_BUDGET_MS), `store ${f} must catch up once healed`, {
    actual: c.status(f),
    hint: 'the leader’s log starts past the follower’s: it needs a snapshot',
  });
  check(c.persisted(f).installs > installsBefore, `setup: store ${f} must be caught up by a snapshot`);
  const gone = c.persisted(f).contents().get('doomed');
  check(gone === undefined, `store ${f} must not hold the key deleted while it was cut off`, {
    expected: 'doomed: absent (deleted at an index the snapshot covers)',
    actual: `doomed: ${JSON.stringify(gone)}`,
    hint: 'installing a snapshot deletes every user key of the region before writing the snapshot’s',
  });
  const installed = c.persisted(f).lastInstallIndex;
  c.crash(f);
  await sim.sleep(100);
  check(c.stateOf(f) === 'down', `setup: store ${f} must still be down when the script restarts it`, {
    hint: 'the run ended first (the nemesis restarts every store when it stops)',
  });
  await c.restart(f);
  const opened = probe.opens.filter((o) => o.storeId === f).at(-1)!;
  check(
    opened.status.applied >= installed && opened.status.truncatedIndex >= installed,
    `store ${f} must restart from the snapshot it installed`,
    {
      expected: `applied and truncated index >= ${installed} (the snapshot's index)`,
      actual: opened.status,
      hint: 'the install persists the apply state (applied = truncated = index) and the raft state',
    },
  );
}

seededRule(
  'lab3c.system.one-snapshot',
  'a follower cut off while the others compact and delete a key, healed: caught up by a snapshot (the key gone), then restarted',
  { ...SYSTEM, points: 5 },
  async ({ rng, trace }) => {
    const r = await runScripted(
      { rng, trace },
      { stores: 3, clients: 3, runMs: 5000 },
      'OneSnapshot',
      oneSnapshot,
    );
    snapshotted(r);
  },
);

// ---- crashes ---------------------------------------------------------------------------------------

snapRule(
  'lab3c.system.crash-one',
  'snapshots while one store at a time crashes and stays down long enough to fall behind the first index; five clients',
  4,
  {
    stores: 3,
    clients: 5,
    runMs: 4000,
    iterations: 2,
    chaos: { crash: 'one', ...LONG_DOWN },
    allAlongFactor: FAULTY,
  },
  (r) => {
    restarted(r);
    snapshotted(r);
  },
);

/**
 * Once per iteration, at a moment every store is up (within the first runMs − 2.5 s), a random store
 * (the leader too) crashes and stays down until the leader has compacted past it (at most 2 s): when it
 * comes back, it needs a snapshot. The nemesis' crashes alone seldom leave a store that far behind: a
 * whole-cluster crash brings every store back with the whole log, and under partitions a short downtime
 * may see no compaction at all.
 */
async function oneDownLong({ run }: ScriptKit, iteration: number, runMs: number): Promise<void> {
  const { sim, cluster: c } = run;
  const r = run.rng.fork(`down-long${iteration}`);
  const end = sim.now + runMs - 2500;
  const allUp = (): boolean => c.upIds.length === c.storeIds.length;
  await sim.sleep(200 + r.int(400));
  while (!allUp() && sim.now < end) await sim.sleep(100); // the nemesis may have one down
  if (!allUp()) return;
  const w = r.pick(c.upIds);
  const applied = c.status(w)!.applied;
  c.crash(w, 'kept down until the leader compacts past it');
  await until(run, () => leaderCompactedPast(c, applied), 2000);
  if (c.stateOf(w) === 'down') await c.restart(w);
}

snapRule(
  'lab3c.system.crash-all',
  'snapshots while every store crashes at once, during and after each round; one store kept down past compaction',
  4,
  {
    stores: 3,
    clients: 5,
    runMs: 3000,
    iterations: 3,
    restartAllAfterIteration: true,
    chaos: { crash: 'all', allEvery: 2 },
    allAlongFactor: FAULTY,
    script: (kit, it) => oneDownLong(kit, it, 3000),
  },
  (r) => {
    restarted(r);
    check(r.chaos.crashAll > 0, 'setup: every store must crash at once during the rounds', {
      actual: r.chaos,
    });
    snapshotted(r);
  },
);

// ---- unreliable networks ---------------------------------------------------------------------------

function unreliable(r: SnapReport): void {
  check(r.net.dropped > r.net.sent * 0.05, 'setup: the unreliable network must really drop messages', {
    expected: `more than 5% of ${r.net.sent} messages dropped`,
    actual: `${r.net.dropped} dropped, ${r.net.duplicated} duplicated`,
  });
}

/**
 * Over about runMs, again and again: one follower cut off until the leader compacted past it (at most
 * 1.5 s), then healed for a while. Uniform drops alone seldom leave a follower that far behind.
 */
async function cutOffNowAndThen({ run }: ScriptKit, iteration: number, runMs: number): Promise<void> {
  const { sim, cluster: c } = run;
  const r = run.rng.fork(`cut-off${iteration}`);
  const end = sim.now + runMs - 1000;
  while (sim.now < end && sim.failed === undefined) {
    const leader = c.leader();
    const followers = c.upIds.filter((id) => id !== leader);
    if (leader !== undefined && followers.length > 0) {
      const f = r.pick(followers);
      const applied = c.status(f)!.applied;
      const cut = c.net.isolate(f);
      await until(run, () => leaderCompactedPast(c, applied, f), 1500);
      c.net.remove(cut);
    }
    await sim.sleep(400 + r.int(400));
  }
}

snapRule(
  'lab3c.system.unreliable',
  'snapshots on an unreliable network (10% drops, duplicates, reordering), a follower cut off now and then',
  4,
  {
    stores: 3,
    clients: 5,
    runMs: 4000,
    iterations: 2,
    chaos: { unreliable: UNRELIABLE },
    script: (kit, it) => cutOffNowAndThen(kit, it, 4000),
  },
  (r) => {
    unreliable(r);
    snapshotted(r);
  },
);

/**
 * For the faulty scenarios whose faults need not produce their setup: they run on, up to 4 s more,
 * until some follower was caught up by a snapshot (the setup check still judges it afterwards).
 */
const UNTIL_A_SNAPSHOT = {
  reached: (run: ScenarioRun) => (run.cluster.invariants?.installs ?? 0) >= 1,
  extraMs: 4000,
};

snapRule(
  'lab3c.system.unreliable-restarts',
  'snapshots on an unreliable network while stores crash and restart',
  4,
  {
    stores: 3,
    clients: 5,
    runMs: 4000,
    iterations: 2,
    chaos: { unreliable: UNRELIABLE, crash: 'one', ...LONG_DOWN },
    allAlongFactor: FAULTY,
    // A random crash need not keep a store down past compaction (seed 40144 of 100).
    until: UNTIL_A_SNAPSHOT,
  },
  (r) => {
    unreliable(r);
    restarted(r);
    snapshotted(r);
  },
);

snapRule(
  'lab3c.system.unreliable-restarts-partitions',
  'snapshots on an unreliable network with crashes, restarts and random partitions; five stores, one kept down past compaction',
  4,
  {
    stores: 5,
    clients: 5,
    runMs: 4000,
    iterations: 2,
    chaos: { unreliable: UNRELIABLE, crash: 'one', partitions: true, ...LONG_DOWN },
    allAlongFactor: FAULTY,
    script: (kit, it) => oneDownLong(kit, it, 4000),
    // Partitions can keep the long-down store's peers from compacting past it (seed 5030 of 150).
    until: UNTIL_A_SNAPSHOT,
  },
  (r) => {
    unreliable(r);
    restarted(r);
    check(r.chaos.partitions > 0, 'setup: the network must really be partitioned', { actual: r.chaos });
    snapshotted(r);
  },
);

// ---- a store rebuilt from empty engines ------------------------------------------------------------

/**
 * Store W crashes, the others compact past it, then W loses its disk (Cluster.wipe) and restarts on
 * empty engines: a fresh peer at the bootstrap index, rebuilt by a snapshot. Before the wipe the script
 * waits until it is harmless (see Cluster.wipe): the others follow one leader in a term at or above
 * every term W persisted, so no election can reuse a term W voted in, and they all applied a commit
 * index at or above the highest last index W ever persisted, so every entry W acknowledged is
 * committed and held by all of them.
 */
async function rebuild({ run }: ScriptKit): Promise<void> {
  const { sim, cluster: c, rng } = run;
  const leader = await leaderNow(run, 2000, 'before a store loses its disk');
  const w = rng.fork('rebuild').pick(c.storeIds.filter((id) => id !== leader));
  const before = c.persisted(w);
  c.crash(w);
  await compactedPast(run, before.applied, `store ${w}'s applied index ${before.applied}`);
  const others = c.storeIds.filter((id) => id !== w);
  const safe = await until(
    run,
    () => {
      const l = c.leader();
      if (l === undefined) return false;
      const lst = c.status(l)!;
      return (
        lst.term >= before.term &&
        lst.committed >= before.maxLastIndex &&
        others.every((id) => {
          const st = c.status(id);
          return st !== undefined && st.term === lst.term && st.lead === l && st.applied >= lst.committed;
        })
      );
    },
    3000,
  );
  check(safe, `setup: the others must hold everything store ${w} acknowledged before it is wiped`, {
    expected: `one leader at term >= ${before.term}, commit >= ${before.maxLastIndex}, applied by all`,
    actual: others.map((id) => c.status(id)),
  });
  check(c.stateOf(w) === 'down', `setup: store ${w} must still be down when the script wipes it`, {
    hint: 'the run ended first (the nemesis restarts every store when it stops)',
  });
  await c.wipe(w);
  await c.restart(w);
  check(await caughtUp(run, w, CATCH_UP_BUDGET_MS), `the wiped store ${w} must catch up`, {
    actual: c.status(w),
    hint: 'a store opened on empty engines bootstraps at index 5: the leader’s log starts far past it',
  });
  check(c.persisted(w).installs > 0, `setup: the wiped store ${w} must be rebuilt by a snapshot`, {
    actual: `${c.persisted(w).installs} installs on its new engines`,
  });
  await sim.sleep(200);
}

seededRule(
  'lab3c.system.rebuilt-store',
  'a store that lost its engines restarts empty and is rebuilt from a snapshot',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    const r = await runScripted({ rng, trace }, { stores: 3, clients: 5, runMs: 4000 }, 'rebuild', rebuild);
    snapshotted(r);
  },
);

// ---- a follower down for the whole run -------------------------------------------------------------

seededRule(
  'lab3c.system.follower-down',
  'a follower down for the whole run: the log stays bounded on the others; back, it catches up by a snapshot',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    let down = 0;
    let truncatedPast = false;
    const r = await runSnapScenario(
      { rng, trace },
      {
        stores: 3,
        clients: 5,
        runMs: 5000,
        script: async ({ run }) => {
          const leader = await leaderNow(run, 2000, 'before a follower goes down');
          down = run.rng.fork('follower-down').pick(run.cluster.storeIds.filter((id) => id !== leader));
          const applied = run.cluster.status(down)!.applied;
          run.cluster.crash(down);
          // Down until the clients stop: the nemesis restarts it then; it catches up after the run.
          await run.sim.sleep(4800);
          const l = run.cluster.leader();
          truncatedPast = l !== undefined && run.cluster.status(l)!.truncatedIndex > applied;
        },
      },
    );
    check(truncatedPast, `setup: the leader must have compacted past the down follower ${down}`);
    check(
      r.maxGap > 0 && r.checks >= (0.8 * 5000) / CHECK_MS,
      'setup: the log bound must be checked all along',
      {
        actual: { checks: r.checks, maxGap: r.maxGap },
      },
    );
    snapshotted(r);
  },
);

// ---- a leader lost in the middle of a snapshot -----------------------------------------------------

/**
 * Follower F is cut off until the leader compacts past it, then healed; the moment the leader sends F a
 * MsgSnapshot, the leader is lost — crashed (restarted later) or cut off (healed later), by a seeded
 * draw — while the snapshot is in flight. F must still end up with the leader's data: from the message
 * in flight, or from the new leader.
 */
async function leaderLostMidSnapshot({ run, watch }: ScriptKit): Promise<{ old: number; crashed: boolean }> {
  const { sim, cluster: c, rng } = run;
  const r = rng.fork('mid-snapshot');
  const leader = await leaderNow(run, 2000, 'before cutting a follower off');
  const f = r.pick(c.storeIds.filter((id) => id !== leader));
  const cut = c.net.isolate(f);
  const applied = c.status(f)!.applied;
  await compactedPast(run, applied, `store ${f}'s applied index ${applied}`);
  const crash = r.chance(0.5);
  let lost: { leader: number; term: number } | undefined;
  watch.onSend = (s) => {
    if (lost !== undefined || s.to !== f) return;
    lost = { leader: s.from, term: s.term };
    watch.onSend = undefined;
    // Right after the send, between two events (never inside the sender's Ready loop).
    sim.schedule(0, 0, () => {
      if (!c.isUp(s.from)) return;
      if (crash) c.crash(s.from, 'right after it sent a MsgSnapshot');
      else c.net.isolate(s.from);
    });
  };
  c.net.remove(cut);
  const sent = await until(run, () => lost !== undefined, 3000);
  check(sent && lost !== undefined, `setup: the leader must send store ${f} a MsgSnapshot once healed`);
  const old = lost;
  // Elections may take a while: the follower, back with a stale log and a high term, keeps campaigning.
  const next = await until(
    run,
    () => {
      const l = c.leader();
      return l !== undefined && c.status(l)!.term > old.term;
    },
    LEADER_BUDGET_MS,
  );
  check(next, `setup: a leader of a later term must be elected once leader ${old.leader} is lost`, {
    actual: c.storeIds.map((id) => c.status(id) ?? 'down'),
  });
  await sim.sleep(300);
  // (If elections took longer than the run, the nemesis' stop already healed and restarted everything.)
  if (crash && c.stateOf(old.leader) === 'down') await c.restart(old.leader);
  else c.net.heal();
  check(await caughtUp(run, f, CATCH_UP_BUDGET_MS), `store ${f} must catch up after the leader change`, {
    actual: c.status(f),
    hint:
      'a snapshot from a deposed leader may still arrive: it is installed only if it is newer than the ' +
      'follower’s commit; otherwise the new leader sends its own',
  });
  return { old: old.leader, crashed: crash };
}

seededRule(
  'lab3c.system.leader-change-mid-snapshot',
  'the leader is crashed or cut off right after it sends a snapshot; a new leader takes over',
  { ...SYSTEM, points: 5 },
  async ({ rng, trace }) => {
    const opts = { stores: 3, clients: 3, runMs: 5000 };
    const r = await runScripted({ rng, trace }, opts, 'leader-change', leaderLostMidSnapshot);
    check(r.leaderTerms >= 2, 'setup: the leadership must really change', { actual: r.leaderTerms });
    snapshotted(r);
  },
);
