// Lab 1a — starting and winning elections (Raft §5.2): nodes start as followers, an election timeout
// (randomized in [et, 2·et)) makes a candidate of the next term that votes for itself and asks every
// peer, one round of votes wins, loses or stays undecided. Drives Raft directly (no lab1b/1c code).
import { NONE, type Raft, StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import {
  ET,
  electByVotes,
  heartbeat,
  hup,
  newRaft,
  roleOf,
  showMsgs,
  showRaft,
  takeOfType,
  tickN,
  voteResp,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1a', tags: ['unit'] };

/** r.term, read through a call (a check() on it does not narrow later reads). */
function termOf(r: Raft): number {
  return r.term;
}

/** Ticks until `r` starts an election (its term moves); returns the number of ticks, or -1 after `max`. */
function ticksUntilElection(r: Raft, max: number): number {
  const term = r.term;
  for (let n = 1; n <= max; n++) {
    r.tick();
    if (r.term !== term) return n;
  }
  return -1;
}

rule('lab1a.election.start-follower', 'a new node starts as a follower', { ...UNIT, points: 1 }, () => {
  const fresh = newRaft(1, { peers: [1, 2, 3] });
  check(fresh.state === StateType.Follower, 'a node must start as a follower (§5.2)', {
    actual: showRaft(fresh),
  });
  check(
    fresh.term === 0 && fresh.vote === NONE && fresh.lead === NONE,
    'a fresh node has term 0, no vote, no leader',
    {
      actual: showRaft(fresh),
    },
  );
  const restarted = newRaft(1, { peers: [1, 2, 3], terms: [1, 2], hardState: { term: 4, vote: 2 } });
  check(restarted.state === StateType.Follower, 'a node restarting from storage also starts as a follower', {
    actual: showRaft(restarted),
  });
});

rule(
  'lab1a.election.timeout-starts-election',
  'an election timeout makes a follower a candidate that asks every peer for its vote',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 2], hardState: { term: 2 } });
    const n = ticksUntilElection(r, 2 * ET);
    check(
      n !== -1,
      `a follower that hears nothing must start an election within 2·electionTick = ${2 * ET} ticks`,
      {
        actual: showRaft(r),
      },
    );
    check(
      n >= ET,
      `the election timeout is at least electionTick (${ET}); node 1 campaigned after ${n} ticks`,
    );
    check(r.state === StateType.Candidate, 'after its election timeout a follower becomes a candidate', {
      actual: showRaft(r),
    });
    check(r.term === 3, 'a candidate increments its term (§5.2)', { expected: 3, actual: r.term });
    check(r.vote === 1, 'a candidate votes for itself', { expected: 1, actual: r.vote });
    const msgs = r.readMessages();
    const votes = msgs.filter((m) => m.msgType === MessageType.MsgRequestVote);
    check(
      votes.length === 2 && msgs.length === 2,
      'the candidate sends exactly one MsgRequestVote to each other peer',
      {
        expected: ['MsgRequestVote 1→2 t3 last=3@2', 'MsgRequestVote 1→3 t3 last=3@2'],
        actual: showMsgs(msgs),
      },
    );
    for (const to of [2, 3]) {
      const m = votes.find((v) => v.to === to);
      check(m !== undefined, `no MsgRequestVote to node ${to}`, { actual: showMsgs(msgs) });
      check(
        m.from === 1 && m.term === 3 && m.index === 3 && m.logTerm === 2,
        'RequestVote carries the candidate term and its last log index and term (§5.4.1)',
        {
          expected: `MsgRequestVote 1→${to} t3 last=3@2`,
          actual: showMsgs([m]),
        },
      );
    }
  },
);

rule(
  'lab1a.election.candidate-retries',
  'a candidate whose election times out starts a new one in the next term',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    r.step(hup(1));
    r.readMessages();
    const n = ticksUntilElection(r, 2 * ET);
    check(
      n !== -1,
      `a candidate that neither wins nor loses must start a new election within ${2 * ET} ticks`,
      {
        actual: showRaft(r),
      },
    );
    check(
      r.state === StateType.Candidate && r.term === 2 && r.vote === 1,
      'the new election is in term 2, again voting for itself',
      {
        actual: showRaft(r),
      },
    );
    const reqs = takeOfType(r, MessageType.MsgRequestVote);
    check(
      reqs.length === 2 && reqs.every((m) => m.term === 2),
      'the new election asks both peers again, in the new term',
      {
        actual: showMsgs(reqs),
      },
    );
  },
);

function timeoutRange(asCandidate: boolean): void {
  const r = newRaft(1, { peers: [1, 2, 3], seed: 77 });
  const seen = new Set<number>();
  for (let k = 0; k < 400; k++) {
    if (asCandidate) r.becomeCandidate();
    else r.becomeFollower(r.term + 1, NONE);
    r.readMessages();
    const n = ticksUntilElection(r, 3 * ET);
    check(
      n !== -1,
      `after a timer reset the ${asCandidate ? 'candidate' : 'follower'} never timed out within ${3 * ET} ticks`,
      {
        actual: showRaft(r),
      },
    );
    check(
      n >= ET && n < 2 * ET,
      `the randomized election timeout must be in [electionTick, 2·electionTick) = [${ET}, ${2 * ET})`,
      {
        actual: `an election started after ${n} ticks`,
      },
    );
    seen.add(n);
  }
  const missing = Array.from({ length: ET }, (_, k) => ET + k).filter((v) => !seen.has(v));
  check(
    missing.length === 0,
    'across 400 timer resets the randomized timeout must take every value in [et, 2·et) (§5.2)',
    {
      expected: `all of ${ET}..${2 * ET - 1}`,
      actual: `never saw ${missing.join(', ')}`,
      hint: 'draw a fresh random timeout (from config.random) every time the election timer is reset',
    },
  );
}

rule(
  'lab1a.election.timeout-randomized-follower',
  "a follower's election timeout is random in [et, 2·et)",
  { ...UNIT, points: 2 },
  () => timeoutRange(false),
);

rule(
  'lab1a.election.timeout-randomized-candidate',
  "a candidate's election timeout is random in [et, 2·et)",
  { ...UNIT, points: 1 },
  () => timeoutRange(true),
);

rule(
  'lab1a.election.single-node',
  'a single-node cluster elects itself at once',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1] });
    r.step(hup(1));
    check(
      r.state === StateType.Leader && r.term === 1 && r.lead === 1,
      'alone, a candidate has a majority (its own vote): it becomes leader of term 1',
      {
        actual: showRaft(r),
      },
    );
    const byTick = newRaft(1, { peers: [1] });
    tickN(byTick, 2 * ET);
    check(
      byTick.state === StateType.Leader,
      `a single node must become leader by itself within ${2 * ET} ticks`,
      {
        actual: showRaft(byTick),
      },
    );
  },
);

rule('lab1a.election.hup-while-leader', 'a leader ignores MsgHup', { ...UNIT, points: 1 }, () => {
  const r = newRaft(1, { peers: [1, 2, 3] });
  electByVotes(r);
  const term = r.term;
  r.step(hup(1));
  check(r.state === StateType.Leader && r.term === term, 'MsgHup on a leader must not start a new election', {
    expected: `Leader in term ${term}`,
    actual: showRaft(r),
  });
});

rule(
  'lab1a.election.round-win',
  'a candidate with votes from a majority becomes leader',
  { ...UNIT, points: 2 },
  () => {
    const three = newRaft(1, { peers: [1, 2, 3] });
    three.step(hup(1));
    three.step(voteResp(2, 1, 1, false));
    check(
      three.state === StateType.Leader,
      'in a 3-node cluster, its own vote plus one grant is a majority',
      {
        actual: showRaft(three),
      },
    );
    check(three.lead === 1, 'a new leader records itself as the leader', { expected: 1, actual: three.lead });
    const five = newRaft(1, { peers: [1, 2, 3, 4, 5] });
    five.step(hup(1));
    five.step(voteResp(2, 1, 1, false));
    check(five.state === StateType.Candidate, 'in a 5-node cluster, 2 votes of 5 are not a majority', {
      actual: showRaft(five),
    });
    five.step(voteResp(4, 1, 1, true));
    five.step(voteResp(5, 1, 1, false));
    check(
      roleOf(five) === StateType.Leader,
      'in a 5-node cluster, 3 grants (its own + 2) win, whatever the rejections',
      {
        actual: showRaft(five),
      },
    );
  },
);

rule(
  'lab1a.election.leader-resets-progress',
  'a leader elected again in a later term starts every follower afresh: match = 0, next = last + 1',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    electByVotes(r);
    check(roleOf(r) === StateType.Leader && termOf(r) === 1, 'setup: node 1 should lead term 1', {
      actual: showRaft(r),
    });
    // What node 1 knew of its followers in term 1 (as if they had acknowledged entries up to 7).
    r.prs.get(2)!.match = 7;
    r.prs.get(3)!.match = 7;
    r.step(heartbeat(2, 1, 2, 0));
    check(
      roleOf(r) === StateType.Follower && termOf(r) === 2,
      'setup: a heartbeat of term 2 makes node 1 a follower',
      {
        actual: showRaft(r),
      },
    );
    electByVotes(r);
    check(roleOf(r) === StateType.Leader && termOf(r) === 3, 'setup: node 1 should lead term 3', {
      actual: showRaft(r),
    });
    const last = r.raftLog.lastIndex();
    for (const id of [2, 3]) {
      const pr = r.prs.get(id)!;
      check(
        pr.match === 0 && pr.next === last,
        `becomeLeader must reset node ${id}'s progress: a match kept from term 1 says nothing about term 3, and counting it can commit an entry a majority does not hold`,
        { expected: `match=0 next=${last} (the no-op's index)`, actual: `match=${pr.match} next=${pr.next}` },
      );
    }
  },
);

rule(
  'lab1a.election.round-lose',
  'a candidate rejected by a majority steps back to follower',
  { ...UNIT, points: 2 },
  () => {
    const three = newRaft(1, { peers: [1, 2, 3] });
    three.step(hup(1));
    three.step(voteResp(2, 1, 1, true));
    three.step(voteResp(3, 1, 1, true));
    check(
      three.state === StateType.Follower,
      'a candidate rejected by a majority has lost this election: it becomes a follower',
      {
        actual: showRaft(three),
      },
    );
    check(three.term === 1, 'losing an election does not change the term', {
      expected: 1,
      actual: three.term,
    });
    const five = newRaft(1, { peers: [1, 2, 3, 4, 5] });
    five.step(hup(1));
    for (const from of [2, 3, 4]) five.step(voteResp(from, 1, 1, true));
    check(five.state === StateType.Follower, 'in a 5-node cluster, 3 rejections are a majority against', {
      actual: showRaft(five),
    });
  },
);

rule(
  'lab1a.election.round-undecided',
  'without a majority either way a candidate stays candidate',
  { ...UNIT, points: 2 },
  () => {
    const five = newRaft(1, { peers: [1, 2, 3, 4, 5] });
    five.step(hup(1));
    five.step(voteResp(2, 1, 1, false));
    five.step(voteResp(2, 1, 1, false));
    check(
      five.state === StateType.Candidate,
      'a duplicated grant from the same voter counts once (2 of 5 votes)',
      {
        actual: showRaft(five),
      },
    );
    five.step(voteResp(3, 1, 1, true));
    five.step(voteResp(4, 1, 1, true));
    check(
      five.state === StateType.Candidate && five.term === 1,
      'with 2 grants and 2 rejections of 5 the election is undecided (split vote)',
      {
        actual: showRaft(five),
      },
    );
    const none = newRaft(1, { peers: [1, 2, 3] });
    none.step(hup(1));
    check(none.state === StateType.Candidate, 'with no answers yet a candidate stays candidate', {
      actual: showRaft(none),
    });
  },
);
