// Lab 1a — elections in a network of Raft peers (RawNet, bare Raft): one leader emerges and every
// other node follows it; a split vote is resolved by the next (randomized) timeouts; a leader cut off
// from the others is replaced and steps down when it hears the new term. MsgAppend / MsgAppendResponse
// are dropped (replication is lab1b), so only heartbeats carry the leader's authority here.
import { StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import { ET } from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import { Rng } from '../../harness/rng.js';
import { check, rule } from '../../harness/rule.js';

const NETWORK = { part: 'lab1a', tags: ['network'] };

/** A network of bare Raft peers without replication traffic. */
function electionNet(size: number, seed: number): RawNet {
  const net = new RawNet({ size, kind: 'raft', rng: new Rng(seed) });
  net.ignore(MessageType.MsgAppend);
  net.ignore(MessageType.MsgAppendResponse);
  return net;
}

/** Ticks (delivering everything after each tick) until a stable leader exists; -1 after maxTicks. */
function runUntilLeader(net: RawNet, maxTicks: number): number {
  for (let t = 0; t < maxTicks; t++) {
    net.tickAll();
    net.stabilize();
    const lead = net.stableLeader();
    if (lead !== undefined) return lead;
  }
  return -1;
}

rule(
  'lab1a.net.elects-one-leader',
  'a cluster elects exactly one leader that everybody follows',
  { ...NETWORK, points: 3 },
  () => {
    for (const [size, seed] of [
      [3, 1],
      [5, 2],
      [5, 3],
    ] as const) {
      const net = electionNet(size, seed);
      const lead = runUntilLeader(net, 10 * ET);
      check(
        lead !== -1,
        `a healthy ${size}-node cluster must elect a leader that all follow within ${10 * ET} ticks`,
        {
          actual: net.describe(),
        },
      );
      const leaders = net.ids.filter((id) => net.raft(id).state === StateType.Leader);
      check(leaders.length === 1, `exactly one node of ${size} may be leader`, { actual: net.describe() });
      const term = net.raft(lead).term;
      for (const id of net.ids) {
        if (id === lead) continue;
        const r = net.raft(id);
        check(
          r.state === StateType.Follower && r.term === term && r.lead === lead,
          `node ${id} must follow leader ${lead} in term ${term}`,
          {
            actual: net.describe(),
          },
        );
      }
    }
  },
);

rule(
  'lab1a.net.split-vote-resolves',
  'a split vote is resolved by a later election',
  { ...NETWORK, points: 2 },
  () => {
    const net = electionNet(4, 11);
    net.partition([1, 2], [3, 4]);
    net.campaign(1);
    net.campaign(3);
    net.stabilize();
    check(
      net.raft(1).state === StateType.Candidate && net.raft(3).state === StateType.Candidate,
      'with 2 votes each of 4, neither candidate has a majority (3): both stay candidates in term 1',
      { actual: net.describe() },
    );
    net.heal();
    const lead = runUntilLeader(net, 10 * ET);
    check(lead !== -1, 'after a split vote, randomized timeouts must let one candidate win a later term', {
      actual: net.describe(),
    });
    check(net.raft(lead).term >= 2, 'the split term 1 has no leader: the winner is elected in a later term', {
      actual: net.describe(),
    });
  },
);

rule(
  'lab1a.net.isolated-leader-replaced',
  'an isolated leader is replaced and steps down when it hears the new term',
  { ...NETWORK, points: 2 },
  () => {
    const net = electionNet(3, 5);
    net.campaign(1);
    net.stabilize();
    check(net.raft(1).state === StateType.Leader, 'setup: node 1 should win the first election', {
      actual: net.describe(),
    });
    net.isolate(1);
    let lead = -1;
    for (let t = 0; t < 10 * ET && lead === -1; t++) {
      net.tickAll();
      net.stabilize();
      lead = [2, 3].find((id) => net.raft(id).state === StateType.Leader) ?? -1;
    }
    check(lead !== -1, 'nodes 2 and 3 stop hearing their leader and must elect one of them', {
      actual: net.describe(),
    });
    check(
      net.raft(1).state === StateType.Leader && net.raft(1).term === 1,
      'cut off, the old leader still believes it leads term 1',
      {
        actual: net.describe(),
      },
    );
    net.heal();
    const stable = runUntilLeader(net, 5 * ET);
    check(
      stable !== -1 && net.raft(1).state === StateType.Follower,
      'back in touch, the old leader must learn the newer term and follow',
      {
        actual: net.describe(),
      },
    );
    check(net.raft(1).term === net.raft(stable).term, 'the old leader adopts the newer term', {
      actual: net.describe(),
    });
  },
);
