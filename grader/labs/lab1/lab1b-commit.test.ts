// Lab 1b — the commit rule (Raft §5.3, §5.4.2, Figure 8): an entry is committed once a majority stores
// it, but a leader only counts replicas for entries of its own term (older ones commit with them);
// committing an entry commits all before it; a minority never commits; a heartbeat never makes a
// follower commit an entry it does not share with the leader.
import { type Raft, StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import {
  ET,
  appendResp,
  commitOf,
  electByVotes,
  forceLeader,
  hup,
  newRaft,
  proposal,
  showRaft,
  text,
} from '../../harness/raftfix.js';
import { RawNet } from '../../harness/rawnet.js';
import { Rng } from '../../harness/rng.js';
import { check, rule, verify } from '../../harness/rule.js';

const UNIT = { part: 'lab1b', tags: ['unit'] };
/** Tests over a RawNet: read after the unit tests (grader/report/model.ts orders a part's tests). */
const NETWORK = { part: 'lab1b', tags: ['network'] };

function runUntilStableLeader(net: RawNet, maxTicks: number, among?: readonly number[]): number {
  for (let t = 0; t < maxTicks; t++) {
    net.tickAll();
    net.stabilize();
    const lead =
      among === undefined ? net.stableLeader() : among.find((id) => net.raft(id).state === StateType.Leader);
    if (lead !== undefined) return lead;
  }
  return -1;
}

function dataAt(r: Raft, index: number): string {
  const e = r.raftLog.allEntries().find((x) => x.index === index);
  return e === undefined ? '(none)' : text(e.data);
}

rule(
  'lab1b.commit.majority',
  'an entry is committed once a majority stores it',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3, 4, 5] });
    electByVotes(r);
    r.step(appendResp(2, 1, 1, 1));
    check(r.raftLog.committed === 0, 'the no-op is on 2 of 5 nodes: not a majority, not committed', {
      expected: 0,
      actual: r.raftLog.committed,
    });
    r.step(appendResp(3, 1, 1, 1));
    check(commitOf(r) === 1, 'the no-op is on 3 of 5 nodes (1, 2, 3): committed', {
      expected: 1,
      actual: r.raftLog.committed,
    });
    r.step(proposal(1, 'x'));
    r.step(appendResp(2, 1, 1, 2));
    check(commitOf(r) === 1, 'entry 2 is on nodes 1 and 2 only: not committed', {
      expected: 1,
      actual: r.raftLog.committed,
    });
    r.step(appendResp(4, 1, 1, 2));
    check(commitOf(r) === 2, 'entry 2 is on nodes 1, 2 and 4: committed', {
      expected: 2,
      actual: r.raftLog.committed,
    });
  },
);

rule(
  'lab1b.commit.current-term-only',
  'a leader commits by counting replicas only for entries of its own term (Figure 8)',
  { ...UNIT, points: 3 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 2], hardState: { term: 2 } });
    forceLeader(r);
    check(
      r.term === 3 && r.raftLog.lastIndex() === 3,
      'setup: leader of term 3 with log [1,2] plus its no-op 3@3',
      { actual: showRaft(r) },
    );
    r.step(appendResp(2, 1, 3, 2));
    check(
      r.raftLog.committed === 0,
      'entry 2@2 is on a majority (nodes 1, 2), but it is from term 2: the term-3 leader must not commit it by counting (§5.4.2, Figure 8)',
      {
        expected: 0,
        actual: r.raftLog.committed,
        hint: 'commit index N only if a majority has match ≥ N and log[N].term == currentTerm',
      },
    );
    r.step(appendResp(2, 1, 3, 3));
    check(
      commitOf(r) === 3,
      'once the no-op 3@3 is on a majority it is committed, and entries 1 and 2 with it',
      {
        expected: 3,
        actual: r.raftLog.committed,
      },
    );
  },
);

rule(
  'lab1b.commit.single-node',
  'a single node commits its proposals at once',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1] });
    r.step(hup(1));
    verify(
      r.raftLog.committed === 1,
      'alone, a new leader is its own majority: its no-op 1@1 is committed at once',
      {
        expected: 'commit = 1',
        actual: showRaft(r),
      },
    );
    r.step(proposal(1, 'a'));
    r.step(proposal(1, 'b', 'c'));
    check(
      r.raftLog.committed === r.raftLog.lastIndex() && r.raftLog.lastIndex() === 4,
      'alone, a leader is its own majority: every proposal is committed at once',
      {
        expected: 'commit = last = 4',
        actual: showRaft(r),
      },
    );
  },
);

rule(
  'lab1b.commit.preceding-entries',
  "committing the new leader's no-op commits the entries before it",
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({
      size: 3,
      kind: 'raft',
      rng: new Rng(21),
      init: { 1: { terms: [1, 1], hardState: { term: 1 } } },
    });
    net.campaign(1);
    net.stabilize();
    check(
      net.raft(1).state === StateType.Leader && net.raft(1).term === 2,
      'setup: node 1 should win term 2',
      { actual: net.describe() },
    );
    for (const id of net.ids) {
      const r = net.raft(id);
      check(
        r.raftLog.lastIndex() === 3 && r.raftLog.committed === 3,
        `node ${id}: the old entries 1@1, 2@1 are committed together with the no-op 3@2`,
        {
          expected: 'log [1,1,2], commit 3',
          actual: showRaft(r),
        },
      );
    }
  },
);

rule(
  'lab1b.commit.heartbeat-never-commits-unshared',
  'a heartbeat never makes a follower commit entries it does not share with the leader',
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({
      size: 3,
      kind: 'raft',
      rng: new Rng(22),
      init: { 1: { terms: [1], hardState: { term: 1 } }, 2: { terms: [1, 1, 1], hardState: { term: 1 } } },
    });
    net.addFilter('no-append-to-2', (m) => !(m.msgType === MessageType.MsgAppend && m.to === 2));
    net.campaign(1);
    net.stabilize();
    check(net.raft(1).state === StateType.Leader, 'setup: node 1 should win term 2 with the vote of node 3', {
      actual: net.describe(),
    });
    net.propose(1, 'a');
    net.propose(1, 'b');
    net.stabilize();
    check(net.raft(1).raftLog.committed === 4, 'setup: nodes 1 and 3 commit [1@1 2@2 3@2 4@2]', {
      actual: net.describe(),
    });
    for (let t = 0; t < 3 * ET; t++) {
      net.tickAll();
      net.stabilize();
    }
    const f = net.raft(2);
    check(
      f.raftLog.committed <= 1,
      'node 2 holds stale entries 2@1 3@1 that the leader never sent; heartbeats must not make it commit them',
      {
        expected: 'commit ≤ 1 on node 2',
        actual: showRaft(f),
        hint: "a heartbeat carries min(the follower's match, the leader's commit)",
      },
    );
    net.removeFilter('no-append-to-2');
    for (let t = 0; t < 3 * ET && net.raft(2).raftLog.committed < 4; t++) {
      net.tickAll();
      net.stabilize();
    }
    check(
      net.raft(2).raftLog.committed === 4 && dataAt(net.raft(2), 4) === 'b',
      'once appends reach it, node 2 is repaired and commits the leader entries',
      {
        actual: showRaft(net.raft(2)),
      },
    );
  },
);

rule(
  'lab1b.commit.minority-never-commits',
  'a leader cut off with a minority commits nothing, and its entries are replaced',
  { ...NETWORK, points: 2 },
  () => {
    const net = new RawNet({ size: 5, kind: 'raft', rng: new Rng(23) });
    net.campaign(1);
    net.stabilize();
    net.partition([1, 2], [3, 4, 5]);
    net.propose(1, 'lost-1');
    net.propose(1, 'lost-2');
    net.stabilize();
    check(
      net.raft(1).raftLog.committed === 1 && net.raft(2).raftLog.lastIndex() === 3,
      'with 2 of 5 nodes the old leader replicates to node 2 but must not commit',
      {
        expected: 'node 1 commit 1; node 2 holds 3 entries',
        actual: net.describe(),
      },
    );
    const lead = runUntilStableLeader(net, 10 * ET, [3, 4, 5]);
    check(lead !== -1, 'the majority side (3, 4, 5) must elect a leader', { actual: net.describe() });
    net.propose(lead, 'kept');
    net.stabilize();
    net.heal();
    const stable = runUntilStableLeader(net, 10 * ET);
    check(
      stable !== -1 && stable !== 1 && stable !== 2,
      'after healing the cluster follows a leader from the majority side',
      {
        actual: net.describe(),
      },
    );
    for (let t = 0; t < 2 * ET; t++) {
      net.tickAll();
      net.stabilize();
    }
    for (const id of net.ids) {
      const r = net.raft(id);
      const datas = r.raftLog.allEntries().map((e) => text(e.data));
      check(
        !datas.includes('lost-1') && datas.includes('kept'),
        `node ${id}: uncommitted entries of the old leader are overwritten by the new leader's log`,
        {
          actual: showRaft(r),
        },
      );
      check(r.raftLog.committed === r.raftLog.lastIndex(), `node ${id} ends with everything committed`, {
        actual: showRaft(r),
      });
    }
  },
);
