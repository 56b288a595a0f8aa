// Lab 1c — seeded chaos for RawNode peers driven by a proper Ready loop over MemoryStorage: loss,
// duplication, reordering and partitions plus crashes (some right after a step, before the Ready is
// handled, so unstable state is lost) and restarts from storage. Safety invariants after every message,
// entries applied once each and in order, and liveness after healing.
import { ET } from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import { runChaos } from '../../harness/rawnet-chaos.js';
import { check, seededRule } from '../../harness/rule.js';

const CHAOS = { part: 'lab1c', tags: ['chaos'], timeoutMs: 10_000 };

seededRule(
  'lab1c.chaos.crash-restart',
  '3 nodes: crashes and restarts with a lossy network',
  { ...CHAOS, points: 5 },
  async ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 3, kind: 'rawnode', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.05, dup: 0.05, delay: 0.2, maxDelay: 3, reorder: 0.3, crashBeforeReady: 0.003 });
    const out = await runChaos(net, rng, {
      ticks: 30 * ET,
      proposeChance: 0.4,
      crashEvery: 2 * ET,
      maxDown: 1,
    });
    check(
      out.committed.length > 0,
      'with at most one of three nodes down, some proposals must commit during the chaos',
      {
        actual: `${out.accepted.length} accepted, none committed`,
      },
    );
    for (const id of net.ids) {
      const applied = net.appliedEntries(id);
      const commit = net.raft(id).raftLog.committed;
      check(
        applied.length === commit,
        `node ${id} must have applied every committed entry exactly once (applied ${applied.length}, commit ${commit})`,
        {},
      );
    }
  },
);

seededRule(
  'lab1c.chaos.partitions-and-crashes',
  '5 nodes: partitions, crashes and restarts',
  { ...CHAOS, points: 4 },
  async ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 5, kind: 'rawnode', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.03, delay: 0.1, maxDelay: 2, reorder: 0.2, crashBeforeReady: 0.002 });
    await runChaos(net, rng, {
      ticks: 30 * ET,
      proposeChance: 0.4,
      partitionEvery: 4 * ET,
      crashEvery: 3 * ET,
      maxDown: 2,
    });
  },
);
