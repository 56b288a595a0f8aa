// Lab 1a — granting votes (Raft §5.2, §5.4.1, Figure 2 RequestVote receiver): at most one vote per term
// (first come, first served, repeatable for the same candidate), only to a candidate whose log is at
// least as up-to-date (last term first, then last index), not while a leader is known; RequestVote
// carries the candidate's last index and term; granting a vote resets the election timer.
import { NONE, StateType } from '@target/raft/raft.js';
import { type Message, MessageType } from '@target/raft/raftpb.js';
import {
  ET,
  electByVotes,
  heartbeat,
  hup,
  newRaft,
  showMsgs,
  showRaft,
  takeOfType,
  tickN,
  voteReq,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1a', tags: ['unit'] };

/** The single vote response in `msgs` to `to`, or a failed check. */
function responseTo(msgs: readonly Message[], to: number, what: string): Message {
  const resp = msgs.filter((m) => m.msgType === MessageType.MsgRequestVoteResponse);
  check(
    resp.length === 1 && resp[0]!.to === to,
    `${what}: expected exactly one MsgRequestVoteResponse to node ${to}`,
    {
      actual: showMsgs(msgs),
    },
  );
  return resp[0];
}

rule(
  'lab1a.vote.one-per-term',
  'a node grants at most one vote per term, first come first served',
  { ...UNIT, points: 3 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 4 } });
    r.step(voteReq(2, 1, 4, 0, 0));
    const first = responseTo(r.readMessages(), 2, 'first request of term 4 (from 2)');
    check(
      !first.reject && r.vote === 2,
      'a follower with no vote in term 4 grants the first up-to-date candidate',
      {
        expected: 'grant to 2, vote=2',
        actual: `${first.reject ? 'reject' : 'grant'}, vote=${r.vote}`,
      },
    );
    r.step(voteReq(3, 1, 4, 0, 0));
    const second = responseTo(r.readMessages(), 3, 'second request of term 4 (from 3)');
    check(
      second.reject && r.vote === 2,
      'a follower must grant at most one vote per term (§5.2): node 1 voted for 3 in term 4 after voting for 2',
      {
        expected: 'reject, vote stays 2',
        actual: `${second.reject ? 'reject' : 'grant'}, vote=${r.vote}`,
      },
    );
    r.step(voteReq(2, 1, 4, 0, 0));
    const again = responseTo(r.readMessages(), 2, 'repeated request of term 4 from 2');
    check(
      !again.reject,
      'a candidate asking again in the same term gets the same answer: grant to 2 (its first answer may have been lost)',
      {
        actual: 'reject',
      },
    );
  },
);

const UP_TO_DATE: ReadonlyArray<[lastIndex: number, lastTerm: number, grant: boolean, why: string]> = [
  [0, 0, false, 'an empty log is behind a log ending 3@2'],
  [2, 2, false, 'same last term 2, but shorter (2 < 3)'],
  [3, 2, true, 'same last term and same length: as up-to-date'],
  [4, 2, true, 'same last term, longer'],
  [5, 1, false, 'longer, but its last term 1 is older than 2: last term decides first'],
  [1, 3, true, 'shorter, but its last term 3 is newer than 2'],
];

rule(
  'lab1a.vote.up-to-date',
  'votes go only to candidates whose log is at least as up-to-date',
  { ...UNIT, points: 3 },
  () => {
    for (const [lastIndex, lastTerm, grant, why] of UP_TO_DATE) {
      const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 2], hardState: { term: 2 } });
      r.step(voteReq(2, 1, 3, lastIndex, lastTerm));
      const resp = responseTo(r.readMessages(), 2, `candidate with last entry ${lastIndex}@${lastTerm}`);
      check(
        resp.reject === !grant,
        `voter log ends 3@2, candidate's ends ${lastIndex}@${lastTerm}: ${why} (§5.4.1)`,
        {
          expected: grant ? 'grant' : 'reject',
          actual: resp.reject ? 'reject' : 'grant',
        },
      );
      check(r.vote === (grant ? 2 : NONE), 'votedFor records a granted vote, and only a granted one', {
        expected: grant ? 2 : NONE,
        actual: r.vote,
      });
    }
  },
);

rule(
  'lab1a.vote.knows-leader',
  'a follower that knows the leader of its term does not vote in it',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 2 } });
    r.step(heartbeat(2, 1, 2, 0));
    r.readMessages();
    r.step(voteReq(3, 1, 2, 5, 2));
    const resp = responseTo(r.readMessages(), 3, 'request of term 2 from 3 while 2 leads term 2');
    check(
      resp.reject && r.vote === NONE,
      'term 2 already has a leader (node 2): a vote for 3 in term 2 must be refused',
      {
        actual: `${resp.reject ? 'reject' : 'grant'}, vote=${r.vote}`,
      },
    );
  },
);

rule(
  'lab1a.vote.candidate-and-leader-refuse',
  'a candidate or leader refuses other candidates of its term',
  { ...UNIT, points: 1 },
  () => {
    const cand = newRaft(1, { peers: [1, 2, 3] });
    cand.step(hup(1));
    cand.readMessages();
    cand.step(voteReq(3, 1, 1, 5, 1));
    const r1 = responseTo(cand.readMessages(), 3, 'candidate 1 asked by candidate 3 in term 1');
    check(
      r1.reject && cand.vote === 1 && cand.state === StateType.Candidate,
      'a candidate already voted for itself in its term',
      {
        actual: showRaft(cand),
      },
    );
    const lead = newRaft(1, { peers: [1, 2, 3] });
    electByVotes(lead);
    lead.step(voteReq(3, 1, lead.term, 9, lead.term));
    const r2 = responseTo(lead.readMessages(), 3, 'leader asked by node 3 in its own term');
    check(
      r2.reject && lead.state === StateType.Leader,
      'a leader refuses votes in its own term and stays leader',
      {
        actual: showRaft(lead),
      },
    );
  },
);

rule(
  'lab1a.vote.request-carries-last-entry',
  "RequestVote carries the candidate's last log index and term",
  { ...UNIT, points: 1 },
  () => {
    const cases: ReadonlyArray<[terms: number[], index: number, term: number]> = [
      [[], 0, 0],
      [[1, 1], 2, 1],
      [[1, 2, 2, 3], 4, 3],
    ];
    for (const [terms, index, term] of cases) {
      const r = newRaft(1, { peers: [1, 2, 3], terms, hardState: { term: terms.at(-1) ?? 0 } });
      r.step(hup(1));
      const reqs = takeOfType(r, MessageType.MsgRequestVote);
      check(
        reqs.length === 2 && reqs.every((m) => m.index === index && m.logTerm === term && m.to !== 1),
        `a candidate with log [${terms.join(',')}] asks nodes 2 and 3 with last index ${index}, last term ${term}`,
        { actual: showMsgs(reqs) },
      );
    }
  },
);

rule(
  'lab1a.vote.response-fields',
  'a vote response goes to the candidate, in the voter term',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
    r.step(voteReq(3, 1, 6, 0, 0));
    const resp = responseTo(r.readMessages(), 3, 'request of term 6 from 3');
    check(
      resp.from === 1 && resp.term === 6 && !resp.reject,
      'the answer is a grant from node 1 in term 6 (the term it just adopted)',
      {
        expected: 'MsgRequestVoteResponse 1→3 t6 grant',
        actual: showMsgs([resp]),
      },
    );
  },
);

rule(
  'lab1a.vote.grant-resets-timer',
  'granting a vote resets the election timer',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
    const timeout = r.randomizedElectionTimeout;
    tickN(r, timeout - 1);
    r.step(voteReq(2, 1, 1, 0, 0));
    const granted = r.readMessages().filter((m) => m.msgType === MessageType.MsgRequestVoteResponse);
    check(
      granted.length === 1 && granted[0]?.reject === false && r.vote === 2,
      'setup: node 1 (term 1, no vote, empty log) should grant node 2’s vote request of term 1 — see lab1a.vote.one-per-term',
      {
        expected: 'MsgRequestVoteResponse 1→2 t1 grant, vote = 2',
        actual: `${showMsgs(granted)}; ${showRaft(r)}`,
      },
    );
    tickN(r, ET - 1);
    check(
      r.state === StateType.Follower && r.term === 1,
      `a follower that granted a vote ${ET - 1} ticks ago must not start an election (Figure 2, Followers)`,
      {
        actual: showRaft(r),
        hint: 'an election timeout counts from the last message of the leader or the last vote granted',
      },
    );
  },
);
