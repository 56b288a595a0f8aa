// Lab 1a — term rules (Raft §5.1, Figure 2 "Rules for all servers"): a message of a higher term makes
// any node adopt that term and become a follower (forgetting its vote); a message of a lower term is
// ignored; the hard state read from storage restores term, vote and commit. Drives Raft directly.
import { NONE, type Raft, StateType } from '@target/raft/raft.js';
import { type Message, MessageType, newMessage } from '@target/raft/raftpb.js';
import {
  electByVotes,
  heartbeat,
  hup,
  newRaft,
  roleOf,
  showMsg,
  showMsgs,
  showRaft,
  termOf,
  voteOf,
  voteReq,
  voteResp,
} from '../../harness/raftfix.js';
import { check, rule, verify } from '../../harness/rule.js';

const UNIT = { part: 'lab1a', tags: ['unit'] };

/** Node 1 of {1,2,3} in `state` at term 2, outbox drained. */
function nodeIn(state: StateType): Raft {
  if (state === StateType.Follower) return newRaft(1, { peers: [1, 2, 3], hardState: { term: 2, vote: 3 } });
  const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
  if (state === StateType.Candidate) r.step(hup(1));
  else electByVotes(r);
  r.readMessages();
  return r;
}

function msgOfType(t: MessageType, from: number, term: number): Message {
  switch (t) {
    case MessageType.MsgHeartbeat:
      return heartbeat(from, 1, term, 0);
    case MessageType.MsgRequestVote:
      return voteReq(from, 1, term, 5, 5);
    case MessageType.MsgRequestVoteResponse:
      return voteResp(from, 1, term, true);
    default:
      return newMessage({ msgType: t, from, to: 1, term });
  }
}

const TYPES = [
  MessageType.MsgHeartbeat,
  MessageType.MsgRequestVote,
  MessageType.MsgRequestVoteResponse,
  MessageType.MsgHeartbeatResponse,
  MessageType.MsgAppendResponse,
];
const STATES = [StateType.Follower, StateType.Candidate, StateType.Leader];

rule(
  'lab1a.term.higher-term-steps-down',
  'any message of a higher term makes any node a follower of that term',
  { ...UNIT, points: 3 },
  () => {
    for (const state of STATES) {
      for (const t of TYPES) {
        const r = nodeIn(state);
        check(r.state === state && r.term === 2, `setup: node 1 should be ${state} in term 2`, {
          actual: showRaft(r),
        });
        const m = msgOfType(t, 2, 5);
        r.step(m);
        const what = `${state} in term 2 receiving ${showMsg(m)}`;
        check(
          roleOf(r) === StateType.Follower && termOf(r) === 5,
          `${what}: a higher term must be adopted, as a follower (§5.1)`,
          {
            expected: 'Follower term=5',
            actual: showRaft(r),
          },
        );
        const lead = t === MessageType.MsgHeartbeat ? 2 : NONE;
        check(
          r.lead === lead,
          `${what}: ${lead === NONE ? 'only a leader message tells who leads the new term' : 'the heartbeat sender leads term 5'}`,
          {
            expected: lead,
            actual: r.lead,
          },
        );
        if (t !== MessageType.MsgRequestVote) {
          check(r.vote === NONE, `${what}: a new term starts without a vote`, {
            expected: NONE,
            actual: r.vote,
          });
        }
      }
    }
  },
);

rule('lab1a.term.stale-ignored', 'messages of an older term change nothing', { ...UNIT, points: 2 }, () => {
  const f = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 1], hardState: { term: 3 } });
  f.step(heartbeat(2, 1, 3, 0));
  f.readMessages();
  f.step(heartbeat(3, 1, 2, 3));
  check(
    f.term === 3 && f.lead === 2 && f.raftLog.committed === 0,
    'a heartbeat of term 2 sent to a term-3 follower must be ignored (no new leader, no commit)',
    {
      expected: 'term=3 lead=2 commit=0',
      actual: showRaft(f),
    },
  );
  const voter = newRaft(1, { peers: [1, 2, 3], hardState: { term: 3 } });
  voter.step(voteReq(2, 1, 2, 9, 9));
  const grants = voter
    .readMessages()
    .filter((m) => m.msgType === MessageType.MsgRequestVoteResponse && !m.reject);
  check(grants.length === 0 && voter.vote === NONE, 'a vote request of an older term must not be granted', {
    actual: `vote=${voter.vote}, responses ${showMsgs(grants).join('; ')}`,
  });
  const cand = newRaft(1, { peers: [1, 2, 3], hardState: { term: 2 } });
  cand.step(hup(1));
  cand.step(voteResp(2, 1, 2, false));
  cand.step(voteResp(3, 1, 1, false));
  check(
    cand.state === StateType.Candidate && cand.term === 3,
    'grants from older terms must not elect a term-3 candidate',
    {
      actual: showRaft(cand),
    },
  );
});

rule(
  'lab1a.term.new-term-clears-vote',
  'a node that voted in one term can vote again in a later term',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    r.step(voteReq(2, 1, 2, 0, 0));
    r.readMessages();
    check(r.vote === 2 && r.term === 2, 'setup: node 1 should have voted for 2 in term 2', {
      actual: showRaft(r),
    });
    r.step(voteReq(3, 1, 3, 0, 0));
    const resp = r.readMessages();
    check(
      voteOf(r) === 3 &&
        resp.some((m) => m.msgType === MessageType.MsgRequestVoteResponse && !m.reject && m.to === 3),
      'votedFor belongs to a term: in term 3 node 1 may grant its vote to node 3',
      { expected: 'vote=3, a grant to 3', actual: `vote=${r.vote}, ${showMsgs(resp).join('; ')}` },
    );
  },
);

rule(
  'lab1a.term.restore-hard-state',
  'term, vote and commit are restored from storage, and the membership too',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, {
      peers: [1, 2, 3],
      terms: [1, 1, 2],
      hardState: { term: 3, vote: 2, commit: 2 },
      peersFromStorage: true,
    });
    check(
      r.term === 3 && r.vote === 2 && r.raftLog.committed === 2,
      'a restarted node must take term, vote and commit from the hard state in storage',
      {
        expected: 'term=3 vote=2 commit=2',
        actual: showRaft(r),
        hint: 'the constructor sets term, vote and commit from storage.initialState().hardState; if it then calls becomeFollower(term), that must keep the vote of an unchanged term (only a new term clears it)',
      },
    );
    check(
      r.raftLog.lastIndex() === 3 && r.raftLog.term(3) === 2,
      'a restarted node holds the entries in storage',
      {
        expected: 'last entry 3@2',
        actual: showRaft(r),
      },
    );
    const peers = [...r.prs.keys()].sort();
    check(
      peers.join() === '1,2,3',
      'with config.peers empty, membership comes from storage (initialState().confState)',
      {
        expected: [1, 2, 3],
        actual: peers,
      },
    );
    r.step(voteReq(3, 1, 3, 3, 2));
    const resp = r.readMessages().filter((m) => m.msgType === MessageType.MsgRequestVoteResponse);
    check(
      resp.length > 0 && resp.every((m) => m.reject),
      'a node that voted for 2 in term 3 before a restart must not vote for 3 in term 3 after it',
      {
        actual: showMsgs(resp),
      },
    );
  },
);

rule(
  'lab1a.term.same-term-keeps-vote',
  'stepping down within a term keeps the vote cast in that term',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
    r.step(hup(1));
    r.readMessages();
    check(
      r.state === StateType.Candidate && r.term === 2 && r.vote === 1,
      'setup: after MsgHup node 1 should be a candidate of term 2 that voted for itself',
      {
        actual: showRaft(r),
      },
    );
    r.step(voteResp(2, 1, 2, true));
    r.step(voteResp(3, 1, 2, true));
    verify(
      roleOf(r) === StateType.Follower && termOf(r) === 2,
      'setup: two rejections of three should make node 1 a follower of term 2',
      {
        actual: showRaft(r),
      },
    );
    verify(
      voteOf(r) === 1,
      'a candidate that lost its election is a follower of the same term: its vote for itself belongs to term 2 and must survive becomeFollower (only a new term clears the vote: reset(term) does that)',
      { expected: 1, actual: voteOf(r) },
    );
    r.step(voteReq(3, 1, 2, 5, 5));
    const resp = r.readMessages().filter((m) => m.msgType === MessageType.MsgRequestVoteResponse);
    verify(
      resp.length === 1 && resp[0]?.reject === true,
      'having voted for itself in term 2, node 1 must refuse node 3 in term 2: two votes in one term can elect two leaders (§5.2)',
      { expected: 'a rejection to 3', actual: showMsgs(resp) },
    );
  },
);
