// Lab 1b — seeded chaos for bare Raft peers: message loss, duplication, delay/reordering and changing
// partitions while proposals arrive. After every delivered message the safety invariants hold (one
// leader per term, log matching, leader completeness, state-machine safety, commit monotonic); after
// healing, a stable leader commits a new proposal everywhere and keeps every entry committed before.
import { ET } from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import { runChaos } from '../../harness/rawnet-chaos.js';
import { check, seededRule } from '../../harness/rule.js';

const CHAOS = { part: 'lab1b', tags: ['chaos'], timeoutMs: 10_000 };

seededRule(
  'lab1b.chaos.lossy-network',
  '5 nodes: loss, duplicates and reordering under proposals',
  { ...CHAOS, points: 4 },
  async ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 5, kind: 'raft', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.1, dup: 0.05, delay: 0.2, maxDelay: 3, reorder: 0.3 });
    const out = await runChaos(net, rng, { ticks: 25 * ET, proposeChance: 0.4 });
    check(
      out.committed.length > 0,
      'with 10% loss a majority still gets through: some proposals must commit during the chaos',
      {
        actual: `${out.accepted.length} accepted, none committed`,
      },
    );
  },
);

seededRule(
  'lab1b.chaos.partitions',
  '5 nodes: changing partitions and isolated leaders under proposals',
  { ...CHAOS, points: 4 },
  async ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 5, kind: 'raft', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.02, delay: 0.1, maxDelay: 2, reorder: 0.2 });
    await runChaos(net, rng, { ticks: 30 * ET, proposeChance: 0.4, partitionEvery: 3 * ET });
  },
);

seededRule(
  'lab1b.chaos.three-nodes-heavy-loss',
  '3 nodes: 25% loss, reordering and partitions',
  { ...CHAOS, points: 3 },
  async ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 3, kind: 'raft', rng, trace, seed, heartbeatTick: 2 });
    net.setFaults({ drop: 0.25, dup: 0.1, delay: 0.3, maxDelay: 4, reorder: 0.5 });
    await runChaos(net, rng, { ticks: 25 * ET, proposeChance: 0.5, partitionEvery: 5 * ET });
  },
);
