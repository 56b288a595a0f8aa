// Lab 1d — system tests of the whole store: the student's Raft core driven by their Ready loop, five
// stores in the deterministic simulator (grader/sim), clients doing gets, puts and deletes on shared
// keys. Reliable and unreliable networks, an old leader cut off in a minority, random partitions, and
// crashes of one store, of the leader and of every store at once, alone and combined. Every test checks
// all along the core invariants (one leader per term; the same data at the same applied index on every
// store; nothing sent before what it depends on is persisted) and at the end that every store caught
// up, every key reads back, every acknowledged write survived and the history is linearizable.
import { check, seededRule } from '../../harness/rule.js';
import { SimClient } from '../../sim/client.js';
import { Cluster } from '../../sim/cluster.js';
import { History } from '../../sim/history.js';
import {
  CATCH_UP_BUDGET_MS,
  LEADER_BUDGET_MS,
  READ_BUDGET_MS,
  READER_OPTIONS,
  runScenario,
  type ScenarioReport,
  UNANSWERED_MS,
} from '../../sim/scenario.js';
import { Sim } from '../../sim/sim.js';
import { targetDriver } from '../../sim/target.js';
import {
  checkAllAnswered,
  checkDurability,
  checkLinearizable,
  readBack,
  waitForCatchUp,
  waitForLeader,
} from '../../sim/verify.js';
import { DEFAULT_WORKLOAD, Workload } from '../../sim/workload.js';

const SYSTEM = { part: 'lab1d', tags: ['system'], timeoutMs: 20_000 };

// ---- reliable and unreliable networks --------------------------------------------------------------

seededRule(
  'lab1d.system.one-client',
  'one client, reliable network: every operation linearizable, every write kept',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    await runScenario({ rng, trace }, { clients: 1, runMs: 5000, iterations: 2 });
  },
);

seededRule(
  'lab1d.system.concurrent-clients',
  'five concurrent clients on shared keys, reliable network',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    await runScenario({ rng, trace }, { clients: 5, runMs: 5000, iterations: 2 });
  },
);

seededRule(
  'lab1d.system.unreliable',
  'five clients, unreliable network (10% drops, duplicates, reordering)',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    const r = await runScenario(
      { rng, trace },
      {
        clients: 5,
        runMs: 5000,
        iterations: 2,
        chaos: { unreliable: { drop: 0.1, duplicate: 0.05, reorder: 0.1, reorderMaxMs: 30 } },
      },
    );
    // Guard against a harness that claims to be unreliable but is not (TinyKV's TestUnreliable2B once was).
    check(r.net.dropped > r.net.sent * 0.05, 'the unreliable network must really drop messages', {
      expected: `more than 5% of ${r.net.sent} messages dropped`,
      actual: `${r.net.dropped} dropped, ${r.net.duplicated} duplicated`,
    });
  },
);

// ---- partitions -----------------------------------------------------------------------------------

seededRule(
  'lab1d.partition.old-leader-minority',
  'the old leader in a minority partition cannot commit, and catches up after the heal',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    const sim = new Sim({ rng: rng.fork('sim'), trace });
    const c = await Cluster.start(sim, { driver: targetDriver, stores: 5 });
    try {
      const old = await waitForLeader(c, LEADER_BUDGET_MS, 'after the stores started');
      const history = new History(sim);
      const w = new Workload(c, history, rng.fork('workload'), { ...DEFAULT_WORKLOAD, clients: 3, keys: 3 });
      w.start();
      await sim.runFor(1000);

      const others = c.storeIds.filter((id) => id !== old);
      const buddy = rng.fork('buddy').pick(others);
      const minority = [old, buddy].sort();
      const majority = others.filter((id) => id !== buddy);
      c.net.partition(minority, majority);
      sim.record('sim', 'note', { what: `old leader ${old} cut off with ${buddy}` });
      await sim.runFor(100); // acknowledgements already in flight arrive
      const before = c.status(old)!;
      const okBefore = history.stats.ok;
      // The majority elects a new leader (the old one still believes it leads its own term).
      let nl = undefined as ReturnType<typeof c.status>;
      for (let waited = 0; waited < LEADER_BUDGET_MS && nl === undefined; waited += 50) {
        await sim.runFor(50);
        const l = majority.map((id) => c.status(id)!).find((st) => st.raftState === 'Leader');
        if (l !== undefined && l.term > before.term) nl = l;
      }
      check(
        nl !== undefined,
        `the majority [${majority.join(',')}] must elect a new leader within ${LEADER_BUDGET_MS / 1000} s`,
        {
          actual: majority
            .map((id) => `store ${id}: ${c.status(id)?.raftState} term ${c.status(id)?.term}`)
            .join('; '),
        },
      );
      // A client that only knows the old leader sends it a write, which must never be acknowledged:
      // the old leader cannot commit it, and after the heal the new leader's log overwrites it.
      const pinned = new SimClient(99, c, history, rng.fork('pinned'), {
        attemptTimeoutMs: 5000,
        opDeadlineMs: 5000,
        singleAttempt: true,
      });
      pinned.aimAt(old);
      const minorityWrite = pinned.put('k0', 'minority-write');
      await sim.runFor(2000);

      const during = c.status(old)!;
      check(
        during.committed === before.committed,
        `store ${old}, the old leader cut off in a minority with store ${buddy}, must not commit anything`,
        {
          expected: `commit index stays ${before.committed} (no majority can acknowledge new entries)`,
          actual: `commit index ${during.committed}`,
          hint: 'a leader advances its commit index only to an entry of its term stored on a majority',
        },
      );
      check(
        history.stats.ok > okBefore,
        'clients must make progress through the majority during the partition',
        {
          actual: `${history.stats.ok - okBefore} operations completed`,
        },
      );
      // Heal while the old leader still holds the write's proposal (it expires after 2.5 s).
      c.net.heal();
      sim.record('sim', 'note', { what: 'healed' });
      const r = await sim.runUntil(minorityWrite, 6000, 'the write sent to the old leader');
      check(
        r.status !== 'ok',
        `a write sent to the old leader ${old} in the minority must not be acknowledged`,
        {
          actual: r.status,
          hint:
            'answer a proposal only once its own entry (same index and term) is applied; after the heal the ' +
            "new leader overwrites the old leader's uncommitted entries",
        },
      );
      await sim.runFor(2000);
      w.stop();
      await sim.runUntil(w.finished(), 10_000, 'stopping the clients');
      await waitForCatchUp(c, CATCH_UP_BUDGET_MS);
      checkAllAnswered(c, UNANSWERED_MS);
      const reader = new SimClient(100, c, history, rng.fork('reader'), READER_OPTIONS);
      const finals = await readBack(c, reader, w.keys, READ_BUDGET_MS);
      const seen = history.all.find(
        (o) => o.output !== undefined && 'value' in o.output && o.output.value === 'minority-write',
      );
      check(
        seen === undefined,
        'the write accepted by the old leader in the minority must never take effect',
        {
          actual: `get(k0) by client ${seen?.clientId} returned it at t=${seen?.ret}ms`,
          hint: 'after the heal the old leader must let the new leader overwrite its uncommitted entries',
        },
      );
      checkDurability(history, finals);
      checkLinearizable(history);
    } finally {
      c.shutdown();
      sim.dispose();
    }
  },
);

seededRule(
  'lab1d.partition.many-one-client',
  'one client, a new random partition every 0.5–0.7 s',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    const r = await runScenario(
      { rng, trace },
      { clients: 1, runMs: 5000, iterations: 2, chaos: { partitions: true } },
    );
    check(r.chaos.partitions > 5, 'the nemesis must really partition the network', { actual: r.chaos });
  },
);

seededRule(
  'lab1d.partition.many-clients',
  'five clients, a new random partition every 0.5–0.7 s',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    const r = await runScenario(
      { rng, trace },
      { clients: 5, runMs: 5000, iterations: 2, chaos: { partitions: true } },
    );
    check(r.chaos.partitions > 5, 'the nemesis must really partition the network', { actual: r.chaos });
  },
);

// ---- crashes and restarts ---------------------------------------------------------------------------

const DROPS = { drop: 0.1 };

/** The scenario really crashed stores: through the nemesis, the restart-all phase, or both. */
function crashed(r: ScenarioReport, how: 'nemesis' | 'restart-all' | 'both' = 'nemesis'): void {
  if (how !== 'restart-all') {
    check(r.chaos.crashes > 0 && r.chaos.restarts > 0, 'the nemesis must really crash and restart stores', {
      actual: r.chaos,
    });
  }
  if (how !== 'nemesis') {
    check(r.chaos.restartAll > 0, 'every store must really crash and restart between rounds', {
      actual: r.chaos,
    });
  }
}

seededRule(
  'lab1d.persist.one-store',
  'five clients; one random store at a time crashes and restarts',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario({ rng, trace }, { clients: 5, runMs: 5000, iterations: 2, chaos: { crash: 'one' } }),
    );
  },
);

seededRule(
  'lab1d.persist.leader',
  'five clients; the leader crashes and restarts, again and again',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        { clients: 5, runMs: 5000, iterations: 2, chaos: { crash: 'leader' } },
      ),
    );
  },
);

seededRule(
  'lab1d.persist.all-one-client',
  'one client; every store crashes and restarts at once after each round',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        { clients: 1, runMs: 3000, iterations: 3, restartAllAfterIteration: true },
      ),
      'restart-all',
    );
  },
);

seededRule(
  'lab1d.persist.all-concurrent',
  'five clients; every store crashes at once, while clients run and after each round',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        { clients: 5, runMs: 3000, iterations: 3, restartAllAfterIteration: true, chaos: { crash: 'all' } },
      ),
      'both',
    );
  },
);

seededRule(
  'lab1d.persist.unreliable',
  'five clients; crashes of one store at a time on an unreliable network',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        { clients: 5, runMs: 5000, iterations: 2, chaos: { crash: 'one', unreliable: DROPS } },
      ),
    );
  },
);

seededRule(
  'lab1d.persist.partitions',
  'five clients; the leader crashes while random partitions come and go',
  { ...SYSTEM, points: 3 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        { clients: 5, runMs: 5000, iterations: 2, chaos: { crash: 'leader', partitions: true } },
      ),
    );
  },
);

seededRule(
  'lab1d.persist.partitions-unreliable',
  'five clients; crashes, partitions and drops, and every store restarts after each round',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        {
          clients: 5,
          runMs: 3000,
          iterations: 3,
          restartAllAfterIteration: true,
          chaos: { crash: 'one', partitions: true, unreliable: DROPS },
        },
      ),
      'both',
    );
  },
);

seededRule(
  'lab1d.persist.everything',
  'five clients; whole-cluster crashes, partitions and drops together',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    crashed(
      await runScenario(
        { rng, trace },
        {
          clients: 5,
          runMs: 5000,
          iterations: 2,
          chaos: { crash: 'all', partitions: true, unreliable: DROPS },
        },
      ),
    );
  },
);
