// Lab 1a — heartbeats (Raft §5.2, §5.3): a leader sends MsgHeartbeat every heartbeatTick ticks, each
// carrying commit = min(the follower's match, the leader's commit) and nothing else; a follower that
// hears a leader resets its election timer, learns the commit index and answers; candidates step down
// for a heartbeat of a leader of their term. Drives Raft directly (no lab1b/1c code).
import { NONE, type Raft, StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import {
  ET,
  type FixtureOptions,
  beat,
  forceLeader,
  heartbeat,
  heartbeatResp,
  hup,
  newRaft,
  showMsgs,
  showRaft,
  takeOfType,
  tickN,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1a', tags: ['unit'] };

/** Peer 1 of [1, 2, 3] (newRaft options `opts`) campaigns, then hears a heartbeat of `term` from `from`. */
function candidateHearing(from: number, term: number, opts: FixtureOptions = {}): Raft {
  const r = newRaft(1, { peers: [1, 2, 3], ...opts });
  const before = r.term;
  r.step(hup(1));
  check(
    r.state === StateType.Candidate && r.term === before + 1,
    `setup: after MsgHup node 1 should be a candidate of term ${before + 1}, it is not — does MsgHup start an election (lab1a.election.*)?`,
    { expected: `Candidate term=${before + 1}`, actual: showRaft(r) },
  );
  r.step(heartbeat(from, 1, term, 0));
  return r;
}

/** Checks that r is in `state` at `term` with leader `lead`. */
function checkRole(r: Raft, state: StateType, term: number, lead: number, what: string): void {
  check(r.state === state && r.term === term && r.lead === lead, what, {
    expected: `${state} term=${term} lead=${lead === NONE ? 'none' : lead}`,
    actual: showRaft(r),
  });
}

rule(
  'lab1a.heartbeat.every-heartbeat-tick',
  'a leader sends heartbeats every heartbeatTick ticks, with nothing else in them',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], heartbeatTick: 3 });
    forceLeader(r);
    tickN(r, 2);
    const early = r.readMessages();
    check(early.length === 0, 'before heartbeatTick (3) ticks have passed a leader sends nothing', {
      actual: showMsgs(early),
    });
    for (let round = 1; round <= 2; round++) {
      tickN(r, round === 1 ? 1 : 3);
      const msgs = r.readMessages();
      const hbs = msgs.filter((m) => m.msgType === MessageType.MsgHeartbeat);
      check(
        hbs.length === 2 && msgs.length === 2,
        `heartbeat round ${round}: exactly one MsgHeartbeat to each follower`,
        {
          expected: ['MsgHeartbeat 1→2 t1 commit=0', 'MsgHeartbeat 1→3 t1 commit=0'],
          actual: showMsgs(msgs),
        },
      );
      check(
        new Set(hbs.map((m) => m.to)).size === 2 && hbs.every((m) => m.to === 2 || m.to === 3),
        'one heartbeat goes to each of nodes 2 and 3',
        {
          actual: showMsgs(hbs),
        },
      );
      for (const m of hbs) {
        check(m.from === 1 && m.term === 1, 'a heartbeat carries the leader id and its term', {
          actual: showMsgs([m]),
        });
        check(
          m.index === 0 && m.logTerm === 0 && m.entries.length === 0,
          'a heartbeat carries no log position and no entries (only term and commit)',
          {
            actual: { index: m.index, logTerm: m.logTerm, entries: m.entries.length },
          },
        );
      }
    }
  },
);

rule(
  'lab1a.heartbeat.commit-is-min-match',
  "a heartbeat's commit is min(follower's match, leader's commit)",
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3, 4], terms: [1, 1, 1, 1], hardState: { term: 1, commit: 4 } });
    forceLeader(r);
    r.prs.get(2)!.match = 5;
    r.prs.get(3)!.match = 2;
    r.prs.get(4)!.match = 0;
    r.step(beat(1));
    const hbs = takeOfType(r, MessageType.MsgHeartbeat);
    const commitTo = (to: number): number | undefined => hbs.find((m) => m.to === to)?.commit;
    for (const [to, want] of [
      [2, 4],
      [3, 2],
      [4, 0],
    ] as const) {
      check(commitTo(to) === want, `heartbeat to node ${to} must carry commit ${want}`, {
        expected: `commit = min(match ${r.prs.get(to)!.match}, leader commit 4) = ${want}`,
        actual:
          commitTo(to) === undefined
            ? `no heartbeat to ${to}: ${showMsgs(hbs).join('; ')}`
            : `commit ${commitTo(to)}`,
        hint: 'a follower may hold entries the leader never sent it; it may only commit what it is known to share with the leader',
      });
    }
  },
);

rule(
  'lab1a.heartbeat.beat-only-on-leader',
  'MsgBeat makes only a leader send heartbeats',
  { ...UNIT, points: 1 },
  () => {
    const follower = newRaft(1, { peers: [1, 2, 3] });
    follower.step(beat(1));
    check(
      follower.readMessages().length === 0 && follower.state === StateType.Follower,
      'a follower ignores MsgBeat',
      {
        actual: showRaft(follower),
      },
    );
    const candidate = newRaft(1, { peers: [1, 2, 3] });
    candidate.step(hup(1));
    candidate.readMessages();
    candidate.step(beat(1));
    const out = candidate.readMessages();
    check(out.length === 0 && candidate.state === StateType.Candidate, 'a candidate ignores MsgBeat', {
      actual: showMsgs(out),
    });
  },
);

rule(
  'lab1a.heartbeat.follower-learns-commit',
  'a follower takes the commit index from a heartbeat and answers it',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 1], hardState: { term: 1 } });
    r.step(heartbeat(2, 1, 1, 2));
    check(r.raftLog.committed === 2, 'a follower commits up to the commit index in a heartbeat', {
      expected: 2,
      actual: r.raftLog.committed,
    });
    check(r.lead === 2, 'a follower records the sender of a heartbeat of its term as leader', {
      expected: 2,
      actual: r.lead,
    });
    const resp = r.readMessages();
    check(
      resp.length === 1 &&
        resp[0]!.msgType === MessageType.MsgHeartbeatResponse &&
        resp[0]!.to === 2 &&
        resp[0]!.term === 1,
      'a follower answers a heartbeat with MsgHeartbeatResponse to the leader, in its term',
      { expected: ['MsgHeartbeatResponse 1→2 t1'], actual: showMsgs(resp) },
    );
  },
);

rule(
  'lab1a.heartbeat.resets-election-timer',
  'a follower that hears heartbeats never starts an election',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
    for (let round = 0; round < 10; round++) {
      tickN(r, ET - 1);
      r.step(heartbeat(2, 1, 1, 0));
      r.readMessages();
    }
    check(
      r.state === StateType.Follower && r.term === 1,
      `a follower that hears from its leader every ${ET - 1} ticks must not time out`,
      {
        actual: showRaft(r),
        hint: 'reset the election timer when a message from the current leader arrives',
      },
    );
  },
);

rule(
  'lab1a.heartbeat.candidate-steps-down',
  'a candidate steps down on a heartbeat from a leader of its term or a newer one',
  { ...UNIT, points: 2 },
  () => {
    checkRole(
      candidateHearing(2, 1),
      StateType.Follower,
      1,
      2,
      'a candidate that hears a leader of its own term becomes its follower (§5.2)',
    );
    checkRole(
      candidateHearing(3, 4),
      StateType.Follower,
      4,
      3,
      'a heartbeat of a newer term makes a candidate follow that leader in that term',
    );
    checkRole(
      candidateHearing(2, 2, { hardState: { term: 3 } }),
      StateType.Candidate,
      4,
      NONE,
      'a heartbeat of an older term is ignored by a candidate',
    );
  },
);

rule(
  'lab1a.heartbeat.response-sends-append',
  'a heartbeat response from a follower that lacks entries triggers an append',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    forceLeader(r);
    r.step(heartbeatResp(2, 1, r.term));
    const apps = takeOfType(r, MessageType.MsgAppend);
    check(
      apps.length === 1 && apps[0]!.to === 2,
      "node 2's match (0) is behind the leader's last index (1): the leader sends it a MsgAppend",
      {
        actual: showMsgs(apps),
      },
    );
    check(
      apps[0]!.index === 0 && apps[0]!.logTerm === 0 && apps[0]!.entries.length === 1,
      'the append starts after prev = next - 1 = 0 and carries the no-op',
      {
        actual: showMsgs(apps),
      },
    );
  },
);

rule(
  'lab1a.heartbeat.commit-within-log',
  'a heartbeat never makes a follower commit past the entries it holds',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1], hardState: { term: 1 } });
    check(r.raftLog.lastIndex() === 2, 'setup: node 1 should hold entries 1 and 2', { actual: showRaft(r) });
    r.step(heartbeat(2, 1, 1, 5));
    check(
      r.raftLog.committed === 2,
      'a heartbeat with commit 5 to a follower holding 2 entries commits up to 2 only: a node never commits an entry it does not hold (commit = min(leader commit, last index): use raftLog.commitTo)',
      { expected: 2, actual: r.raftLog.committed },
    );
  },
);
