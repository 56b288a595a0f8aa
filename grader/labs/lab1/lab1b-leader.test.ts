// Lab 1b — the leader's side of replication (Raft §5.3, Figure 2 "Leaders"): a proposal is appended
// with the leader's term and sent in MsgAppend with the previous index/term and the leader's commit;
// success raises match/next, a rejection backs next up (using the follower's hint) and retries, stale
// answers are ignored; the leader's own progress tracks its log; non-leaders drop proposals.
import { ProposalDroppedError } from '@target/raft/errors.js';
import { type Raft, StateType } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import {
  appendReject,
  appendResp,
  electByVotes,
  forceLeader,
  hup,
  logTerms,
  newRaft,
  proposal,
  showMsgs,
  showRaft,
  takeOfType,
  text,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1b', tags: ['unit'] };

/** Leader of {1,2,3} in term 1 whose no-op (index 1) is committed and acknowledged by both followers. */
function settledLeader(): Raft {
  const r = newRaft(1, { peers: [1, 2, 3] });
  electByVotes(r);
  r.step(appendResp(2, 1, 1, 1));
  r.step(appendResp(3, 1, 1, 1));
  r.readMessages();
  return r;
}

rule(
  'lab1b.leader.start-replication',
  'a proposal is appended and sent to every follower with the previous index and term',
  { ...UNIT, points: 2 },
  () => {
    const r = settledLeader();
    check(
      r.raftLog.committed === 1,
      'setup: the no-op of term 1 acknowledged by both followers should be committed',
      {
        actual: showRaft(r),
      },
    );
    r.step(proposal(1, 'x'));
    const e = r.raftLog.allEntries().at(-1)!;
    check(
      r.raftLog.lastIndex() === 2 && e.index === 2 && e.term === 1 && text(e.data) === 'x',
      'the leader appends the proposal at index last+1 with its current term',
      {
        expected: '2@1 "x"',
        actual: `${e.index}@${e.term} "${text(e.data)}"`,
      },
    );
    check(r.raftLog.committed === 1, 'a new entry is not committed before a majority stores it', {
      expected: 1,
      actual: r.raftLog.committed,
    });
    check(r.raftLog.stabled < 2, 'the new entry is unstable until the application persists it', {
      actual: `stabled=${r.raftLog.stabled}`,
    });
    const apps = takeOfType(r, MessageType.MsgAppend);
    check(
      apps.length === 2 && new Set(apps.map((m) => m.to)).size === 2,
      'one MsgAppend to each of nodes 2 and 3',
      {
        actual: showMsgs(apps),
      },
    );
    for (const m of apps) {
      const ok =
        m.index === 1 &&
        m.logTerm === 1 &&
        m.commit === 1 &&
        m.entries.length === 1 &&
        m.entries[0]!.index === 2;
      check(
        ok,
        'MsgAppend carries prevLogIndex/prevLogTerm of the entry before the new one, the new entry and the leader commit',
        {
          expected: `MsgAppend 1→${m.to} t1 prev=1@1 ents=[2@1] commit=1`,
          actual: showMsgs([m]),
        },
      );
    }
  },
);

rule(
  'lab1b.leader.own-progress',
  "the leader's own progress tracks its last index",
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    electByVotes(r);
    for (let k = 0; k < 3; k++) {
      const self = r.prs.get(1)!;
      const last = r.raftLog.lastIndex();
      check(
        self.match === last && self.next === last + 1,
        'a leader stores its own entries at once: its progress is match = last, next = last + 1',
        {
          expected: { match: last, next: last + 1 },
          actual: { match: self.match, next: self.next },
        },
      );
      r.step(proposal(1, `p${k}`));
    }
  },
);

rule(
  'lab1b.leader.progress-on-success',
  'a successful append raises match and next; stale successes do not lower them',
  { ...UNIT, points: 2 },
  () => {
    const r = settledLeader();
    r.step(proposal(1, 'a', 'b'));
    r.readMessages();
    r.step(appendResp(2, 1, 1, 3));
    const pr = r.prs.get(2)!;
    check(pr.match === 3 && pr.next === 4, 'after node 2 acknowledges up to 3: match = 3, next = 4', {
      expected: { match: 3, next: 4 },
      actual: { match: pr.match, next: pr.next },
    });
    r.step(appendResp(2, 1, 1, 2));
    check(
      pr.match === 3 && pr.next === 4,
      'a delayed older acknowledgement (index 2) must not move match or next back',
      {
        expected: { match: 3, next: 4 },
        actual: { match: pr.match, next: pr.next },
      },
    );
  },
);

rule(
  'lab1b.leader.backoff-on-reject',
  'a rejection backs next up using the hint and retries; stale rejections are ignored',
  { ...UNIT, points: 2 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 2, 2], hardState: { term: 2 } });
    forceLeader(r);
    const pr = r.prs.get(2)!;
    check(pr.next === 5, 'setup: a new leader sets next = its last index before the no-op + 1', {
      expected: 5,
      actual: pr.next,
    });
    r.step(appendReject(2, 1, 3, 4, 2));
    const retry = takeOfType(r, MessageType.MsgAppend);
    check(retry.length === 1 && retry[0]!.to === 2, 'after a rejection the leader retries node 2 at once', {
      actual: showMsgs(retry),
    });
    const m = retry[0];
    check(
      m.index <= 2 && m.index < 4,
      'node 2 rejected prev index 4 and said its log matches at most up to 2 (hint): the retry must start at or below 2',
      {
        expected: 'prev index ≤ 2',
        actual: showMsgs([m]),
      },
    );
    check(
      m.logTerm === r.raftLog.term(m.index) &&
        m.entries.length === 5 - m.index &&
        m.entries.at(-1)?.index === 5,
      'the retry sends prev (index, term) from the leader log and every entry after it',
      {
        actual: showMsgs([m]),
      },
    );
    const next = pr.next;
    r.step(appendReject(2, 1, 3, 4, 0));
    check(
      pr.next === next,
      'a second rejection of prev index 4 is stale (next already moved below it) and must be ignored',
      {
        expected: next,
        actual: pr.next,
      },
    );
  },
);

rule(
  'lab1b.leader.stale-reject-at-match',
  'a rejection at or below match is stale (a duplicate or a delayed one): next stays above match',
  { ...UNIT, points: 2 },
  () => {
    const r = settledLeader();
    const pr = r.prs.get(2)!;
    check(pr.match === 1 && pr.next === 2, 'setup: node 2 acknowledged the no-op: match = 1, next = 2', {
      expected: 'match=1 next=2',
      actual: `match=${pr.match} next=${pr.next}`,
    });
    r.step(proposal(1, 'x'));
    r.readMessages();
    // A rejection of prev index 1 from an earlier probe, delivered late (or twice): node 2 has since
    // acknowledged index 1, so it cannot be news about its log.
    r.step(appendReject(2, 1, 1, 1, 0));
    check(
      pr.next > pr.match,
      'a rejection of index 1 when match is already 1 is stale and must be ignored (etcd: a rejection is stale when its index is not next − 1 or is at or below match); moving next to or below match starves node 2, because acks at or below match never repair next',
      { expected: 'next ≥ 2 (match + 1)', actual: `match=${pr.match} next=${pr.next}` },
    );
    r.step(appendResp(2, 1, 1, 2));
    const after = r.prs.get(2)!;
    check(after.match === 2 && after.next === 3, 'the ack of index 2 then raises match to 2 and next to 3', {
      expected: 'match=2 next=3',
      actual: `match=${after.match} next=${after.next}`,
    });
  },
);

rule(
  'lab1b.leader.proposal-dropped',
  'followers and candidates drop proposals',
  { ...UNIT, points: 1 },
  () => {
    const follower = newRaft(1, { peers: [1, 2, 3] });
    const candidate = newRaft(1, { peers: [1, 2, 3] });
    candidate.step(hup(1));
    for (const [what, r] of [
      ['a follower', follower],
      ['a candidate', candidate],
    ] as const) {
      const before = logTerms(r).length;
      let thrown: unknown;
      try {
        r.step(proposal(1, 'x'));
      } catch (e) {
        thrown = e;
      }
      check(
        thrown instanceof ProposalDroppedError,
        `${what} must refuse a proposal with ProposalDroppedError`,
        {
          actual: thrown === undefined ? 'no error' : String(thrown),
        },
      );
      check(logTerms(r).length === before, `${what} must not append a refused proposal`, {
        actual: showRaft(r),
      });
    }
    check(candidate.state === StateType.Candidate, 'a refused proposal does not change the role', {
      actual: showRaft(candidate),
    });
    const leader = settledLeader();
    leader.step(proposal(1, 'x'));
    check(leader.raftLog.lastIndex() === 2, 'while a leader appends the proposal to its log', {
      actual: showRaft(leader),
    });
  },
);

rule(
  'lab1b.leader.commit-in-appends',
  'appends after a commit carry the new commit index',
  { ...UNIT, points: 1 },
  () => {
    const r = settledLeader();
    r.step(proposal(1, 'x'));
    r.readMessages();
    r.step(appendResp(2, 1, 1, 2));
    check(r.raftLog.committed === 2, 'entry 2 is on nodes 1 and 2 (a majority of 3): it is committed', {
      expected: 2,
      actual: r.raftLog.committed,
    });
    const apps = takeOfType(r, MessageType.MsgAppend);
    r.step(proposal(1, 'y'));
    apps.push(...takeOfType(r, MessageType.MsgAppend));
    const to3 = apps.filter((m) => m.to === 3);
    check(
      to3.length > 0 && to3.every((m) => m.commit === 2),
      'once entry 2 is committed, later MsgAppends tell followers commit = 2',
      {
        actual: showMsgs(apps),
      },
    );
  },
);
