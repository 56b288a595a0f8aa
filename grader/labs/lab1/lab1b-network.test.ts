// Lab 1b — replication in a network of bare Raft peers (RawNet): proposals reach every log and commit
// everywhere; a new leader repairs the divergent follower logs of the paper's Figure 7 and overwrites
// uncommitted entries of older terms; every node can lead in turn; a lagging follower catches up from
// heartbeat responses; a candidate with a stale log cannot win. Invariants are checked after every message.
import { StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import { ET, logTerms, showRaft, text } from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import { Rng } from '../../harness/rng.js';
import { check, rule } from '../../harness/rule.js';

const NETWORK = { part: 'lab1b', tags: ['network'] };

/** Every node has the same log as node `lead` and has committed all of it. */
function checkConverged(net: RawNet, lead: number, what: string): void {
  const want = logTerms(net.raft(lead)).join(',');
  for (const id of net.ids) {
    const r = net.raft(id);
    check(logTerms(r).join(',') === want, `${what}: node ${id}'s log must equal leader ${lead}'s`, {
      expected: `[${want}]`,
      actual: `[${logTerms(r).join(',')}]`,
    });
    check(
      r.raftLog.committed === r.raftLog.lastIndex(),
      `${what}: node ${id} must have committed its whole log`,
      {
        actual: showRaft(r),
      },
    );
  }
}

rule(
  'lab1b.net.replicate-and-commit',
  'proposals are replicated to every node and committed everywhere',
  { ...NETWORK, points: 2 },
  () => {
    for (const size of [3, 5]) {
      const net = new RawNet({ size, kind: 'raft', rng: new Rng(31 + size) });
      net.campaign(1);
      net.stabilize();
      for (let k = 0; k < 5; k++) {
        check(net.propose(1, `v${k}`) !== null, 'the leader must accept proposals', {
          actual: net.describe(),
        });
        net.stabilize();
      }
      checkConverged(net, 1, `${size} nodes after 5 proposals`);
      const datas = net
        .raft(size)
        .raftLog.allEntries()
        .map((e) => text(e.data));
      check(
        datas.join(',') === ',v0,v1,v2,v3,v4',
        'the log is the no-op followed by the proposals, in order',
        {
          actual: datas,
        },
      );
    }
  },
);

// Figure 7 of the Raft paper: the leader of term 8 and six possible follower logs (a)–(f).
const FIG7_LEADER = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
const FIG7_FOLLOWERS: ReadonlyArray<[string, number[]]> = [
  ['a', [1, 1, 1, 4, 4, 5, 5, 6, 6]],
  ['b', [1, 1, 1, 4]],
  ['c', [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6]],
  ['d', [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7]],
  ['e', [1, 1, 1, 4, 4, 4, 4]],
  ['f', [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]],
];

rule(
  'lab1b.net.figure7-repair',
  'a new leader brings every follower log of Figure 7 in line with its own',
  { ...NETWORK, points: 3 },
  () => {
    for (const [name, terms] of FIG7_FOLLOWERS) {
      const net = new RawNet({
        size: 3,
        kind: 'raft',
        rng: new Rng(40),
        init: {
          1: { terms: FIG7_LEADER, hardState: { term: 7 } },
          2: { terms, hardState: { term: terms.at(-1)! } },
        },
      });
      net.campaign(1);
      net.stabilize();
      check(
        net.raft(1).state === StateType.Leader && net.raft(1).term === 8,
        `Figure 7 (${name}): setup: node 1 should lead term 8 (node 3 votes for it)`,
        {
          actual: net.describe(),
        },
      );
      checkConverged(net, 1, `Figure 7 follower (${name}) [${terms.join(',')}]`);
    }
  },
);

rule(
  'lab1b.net.overwrite-uncommitted',
  'a new leader overwrites uncommitted entries of an older term, even longer ones',
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({
      size: 3,
      kind: 'raft',
      rng: new Rng(41),
      init: {
        1: { terms: [1, 3], hardState: { term: 3 } },
        2: { terms: [1, 2, 2, 2], hardState: { term: 2 } },
        3: { terms: [1], hardState: { term: 3 } },
      },
    });
    net.campaign(1);
    net.stabilize();
    check(
      net.raft(1).state === StateType.Leader,
      'node 1 (last entry 2@3) is more up-to-date than node 2 (last 4@2): it wins term 4',
      {
        actual: net.describe(),
      },
    );
    checkConverged(net, 1, 'after the term-4 leader replicates');
    check(
      logTerms(net.raft(2)).join(',') === '1,3,4',
      "node 2's entries 2@2 3@2 4@2 are replaced by 2@3 3@4",
      {
        actual: showRaft(net.raft(2)),
      },
    );
  },
);

rule('lab1b.net.leader-cycle', 'each node can be elected in turn', { ...NETWORK, points: 2 }, () => {
  const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(42) });
  for (const round of [1, 2, 3]) {
    for (const id of net.ids) {
      net.campaign(id);
      net.stabilize();
      check(
        net.stableLeader() === id,
        `round ${round}: node ${id} campaigns with an up-to-date log and must become the leader everybody follows`,
        {
          actual: net.describe(),
        },
      );
      checkConverged(net, id, `round ${round}, leader ${id}`);
    }
  }
});

rule(
  'lab1b.net.heartbeat-catch-up',
  'a follower that missed appends catches up through heartbeat responses',
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(43) });
    net.campaign(1);
    net.stabilize();
    net.addFilter('drop-append-to-3', (m) => !(m.msgType === MessageType.MsgAppend && m.to === 3));
    for (let k = 0; k < 3; k++) net.propose(1, `x${k}`);
    net.stabilize();
    check(
      net.raft(3).raftLog.lastIndex() === 1 && net.raft(1).raftLog.committed === 4,
      'setup: node 3 missed 3 entries; nodes 1 and 2 committed them',
      {
        actual: net.describe(),
      },
    );
    net.removeFilter('drop-append-to-3');
    for (let t = 0; t < 2; t++) {
      net.tickAll();
      net.stabilize();
    }
    checkConverged(net, 1, 'two heartbeat rounds later (no new proposal)');
  },
);

rule(
  'lab1b.net.stale-candidate-loses',
  'a candidate whose log lacks committed entries cannot win',
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(44) });
    net.partition([1, 2], [3]);
    net.campaign(1);
    net.stabilize();
    net.propose(1, 'a');
    net.stabilize();
    check(
      net.raft(1).raftLog.committed === 2 && net.raft(3).raftLog.lastIndex() === 0,
      'setup: nodes 1 and 2 commit 2 entries while node 3 is cut off',
      {
        actual: net.describe(),
      },
    );
    net.heal();
    for (let k = 0; k < 3; k++) {
      net.campaign(3);
      net.stabilize();
      check(
        net.raft(3).state !== StateType.Leader,
        'node 3 (empty log) must not win: nodes 1 and 2 hold committed entries it lacks (§5.4.1)',
        {
          actual: net.describe(),
        },
      );
    }
    let lead: number | undefined;
    for (let t = 0; t < 10 * ET && lead === undefined; t++) {
      net.tickAll();
      net.stabilize();
      lead = net.stableLeader();
    }
    check(lead === 1 || lead === 2, 'the cluster settles on node 1 or 2 as leader', {
      actual: net.describe(),
    });
    for (let t = 0; t < 2; t++) {
      net.tickAll();
      net.stabilize();
    }
    checkConverged(net, lead, 'after the stale candidate gave up');
  },
);
