// Lab 1b — edges of replication the main files leave open (Raft §5.3, Figure 2): a follower keeps the
// entries it already holds *persisted* (a matching tail is not re-written); a rejection moves next to
// the hint + 1 exactly, and always back, whatever the hint says; the leader answers an acknowledgement
// only with something new (the rest of the log when the follower is behind, a moved commit), never
// with an empty append or a broadcast of an unchanged commit; a response from outside the cluster is
// ignored.
import type { Raft } from '@target/raft/raft.js';
import { MessageType } from '@target/raft/raftpb.js';
import {
  appendMsg,
  appendReject,
  appendResp,
  electByVotes,
  entriesWithTerms,
  forceLeader,
  logTerms,
  newRaft,
  proposal,
  showMsgs,
  showRaft,
  takeOfType,
} from '../../harness/raftfix.js';
import { caught, check, rule, verify } from '../../harness/rule.js';

const UNIT = { part: 'lab1b', tags: ['unit'] };

/** Leader of {1,2,3} in term 1: the no-op (1) committed and acknowledged by both, then `n` proposals sent. */
function leaderWithProposals(n: number): Raft {
  const r = newRaft(1, { peers: [1, 2, 3] });
  electByVotes(r);
  r.step(appendResp(2, 1, 1, 1));
  r.step(appendResp(3, 1, 1, 1));
  for (let k = 0; k < n; k++) r.step(proposal(1, `p${k}`));
  r.readMessages();
  return r;
}

rule(
  'lab1b.follower.matching-tail-stays-stable',
  'entries a follower already holds stay persisted: an append repeating its last entry does not un-stable it',
  { ...UNIT, points: 1 },
  () => {
    const cases: ReadonlyArray<[prev: number, prevTerm: number, terms: number[], why: string]> = [
      [2, 1, [2], 'repeats entry 3@2, its last'],
      [1, 1, [1, 2, 2], 'repeats 2@1 and 3@2, and adds 4@2'],
    ];
    for (const [prev, prevTerm, terms, why] of cases) {
      const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 2], hardState: { term: 2 } });
      check(
        r.raftLog.stabled === 3,
        'setup: a log restored from storage is stable up to its last index (3)',
        {
          actual: r.raftLog.stabled,
        },
      );
      r.step(appendMsg(2, 1, 2, prev, prevTerm, entriesWithTerms(terms, prev + 1), 0));
      const want = prev + terms.length > 3 ? '1,1,2,2' : '1,1,2';
      check(logTerms(r).join() === want, `an append that ${why}: the log is [${want}]`, {
        actual: showRaft(r),
      });
      check(
        r.raftLog.stabled === 3,
        `an append that ${why}: stabled stays 3 (entries already held are kept as they are, §5.3 rule 4)`,
        {
          expected: 3,
          actual: r.raftLog.stabled,
          hint: 'only a conflict (same index, other term) truncates: the check for an entry we hold is e.index <= lastIndex() — the last entry too',
        },
      );
    }
  },
);

rule(
  'lab1b.leader.backoff-to-hint',
  'a rejection moves next to hint + 1 (not further back, never below 1) and always back by at least one',
  { ...UNIT, points: 2 },
  () => {
    const cases: ReadonlyArray<[hint: number, next: number, why: string]> = [
      [2, 3, 'the follower may match up to 2: probe at prev 2, sending nothing it may already hold'],
      [0, 1, 'a hint of 0: probe from the start (next 1, prev 0), never below'],
      [7, 4, 'a hint at or past the rejected index 4 says nothing new: next still goes back by one'],
    ];
    for (const [hint, next, why] of cases) {
      const r = newRaft(1, { peers: [1, 2, 3], terms: [1, 1, 2, 2], hardState: { term: 2 } });
      forceLeader(r);
      const pr = r.prs.get(2)!;
      check(pr.next === 5, 'setup: the new leader probes node 2 at next 5', { expected: 5, actual: pr.next });
      r.step(appendReject(2, 1, 3, 4, hint));
      const retry = takeOfType(r, MessageType.MsgAppend).filter((m) => m.to === 2);
      check(
        pr.next === next && retry.length === 1 && retry[0]!.index === next - 1,
        `node 2 rejects prev 4 with hint ${hint}: next = max(1, min(next − 1, hint + 1)) = ${next}, retried at prev ${next - 1} (${why})`,
        {
          expected: `next=${next}, one MsgAppend with prev ${next - 1}`,
          actual: { next: pr.next, retry: showMsgs(retry) },
          hint: 'pr.next = Math.max(1, Math.min(pr.next - 1, m.rejectHint + 1)); then sendAppend',
        },
      );
    }
  },
);

rule(
  'lab1b.leader.ack-answers',
  'an acknowledgement is answered only with news: the rest of the log to a follower behind, a moved commit',
  { ...UNIT, points: 2 },
  () => {
    // Entries 2 and 3 proposed; node 2 acks 2: a majority holds 2, commit moves → broadcast.
    const r = leaderWithProposals(2);
    r.step(appendResp(2, 1, 1, 2));
    verify(r.raftLog.committed === 2, 'setup: node 2 acked 2, a majority holds it: commit 2', {
      actual: showRaft(r),
    });
    r.readMessages();
    // Node 3 acks 2: nothing commits (2 is committed), node 3 lacks 3 → send it the rest.
    r.step(appendResp(3, 1, 1, 2));
    const rest = takeOfType(r, MessageType.MsgAppend);
    check(
      rest.length === 1 && rest[0]!.to === 3 && rest[0]!.index === 2 && rest[0]!.entries.length === 1,
      'node 3 acked 2 of 3 without moving the commit: the leader sends it the rest (prev 2, entry 3) and nothing else',
      {
        expected: 'one MsgAppend to 3, prev 2, entries [3]',
        actual: showMsgs(rest),
        hint: 'no commit moved: if (pr.match < lastIndex) sendAppend(m.from) — keep sending while it is behind',
      },
    );
    r.readMessages();
    // Node 2 acks 3: commit 3 → broadcast. Then node 3 acks 3: caught up, commit unchanged → silence.
    r.step(appendResp(2, 1, 1, 3));
    r.readMessages();
    r.step(appendResp(3, 1, 1, 3));
    const extra = r.readMessages();
    check(
      r.raftLog.committed === 3 && extra.length === 0,
      'node 3 acks 3, the last index, and the commit (already 3) does not move: nothing to send (an empty append or a re-broadcast of an unchanged commit is noise)',
      {
        expected: 'no message, commit 3',
        actual: { msgs: showMsgs(extra), commit: r.raftLog.committed },
        hint: 'maybeCommit returns true only when the commit moved (n > committed); send to a follower only while match < lastIndex',
      },
    );
  },
);

rule(
  'lab1b.leader.duplicate-ack-silent',
  'a duplicate acknowledgement (at match) changes nothing and sends nothing',
  { ...UNIT, points: 1 },
  () => {
    const r = leaderWithProposals(2);
    r.step(appendResp(2, 1, 1, 2));
    r.readMessages();
    const pr = r.prs.get(2)!;
    r.step(appendResp(2, 1, 1, 2));
    const msgs = r.readMessages();
    check(
      msgs.length === 0 && pr.match === 2 && pr.next === 3,
      'node 2 acks 2 again (a duplicated message): nothing is new, so nothing is sent — a network that duplicates must not multiply the traffic',
      {
        expected: 'no message, match=2 next=3',
        actual: { msgs: showMsgs(msgs), match: pr.match, next: pr.next },
        hint: 'if (m.index <= pr.match) return: at match too',
      },
    );
  },
);

rule(
  'lab1b.leader.unknown-sender',
  'an append response from a node outside the cluster is ignored',
  { ...UNIT, points: 1 },
  () => {
    const r = leaderWithProposals(1);
    const before = showRaft(r);
    for (const m of [appendResp(9, 1, 1, 2), appendReject(9, 1, 1, 1, 0)]) {
      const err = caught(() => r.step(m));
      const msgs = r.readMessages();
      check(
        err === undefined && msgs.length === 0 && showRaft(r) === before,
        `a ${m.reject ? 'rejection' : 'acknowledgement'} from node 9, not a member of {1,2,3}: no progress to update, so nothing happens`,
        {
          expected: 'no error, no message, state unchanged',
          actual: {
            error: err instanceof Error ? err.message : err,
            msgs: showMsgs(msgs),
            raft: showRaft(r),
          },
          hint: 'const pr = this.prs.get(m.from); if (pr === undefined) return',
        },
      );
    }
  },
);
