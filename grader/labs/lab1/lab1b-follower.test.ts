// Lab 1b — the follower's side of AppendEntries (Raft §5.3, Figure 2 "AppendEntries RPC" receiver
// rules 1–5): reject when prev (index, term) is missing (with a hint), delete a conflicting entry and all
// that follow, keep matching entries, append new ones, commit = min(leaderCommit, index of last new
// entry); stale-term appends are ignored; appends of a current or newer leader make anyone a follower.
import { NONE, type Raft, StateType } from '@target/raft/raft.js';
import { type Entry, type Message, MessageType } from '@target/raft/raftpb.js';
import {
  appendMsg,
  electByVotes,
  entriesWithTerms,
  hup,
  leadOf,
  logTerms,
  newRaft,
  showMsgs,
  showRaft,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1b', tags: ['unit'] };

/** A follower of term `term` (leader 2 known) holding the given log, all of it stable. */
function follower(terms: number[], term: number, commit = 0): Raft {
  return newRaft(1, { peers: [1, 2, 3], terms, hardState: { term, commit } });
}

function onlyResponse(msgs: readonly Message[], what: string): Message {
  const resp = msgs.filter((m) => m.msgType === MessageType.MsgAppendResponse);
  check(
    resp.length === 1 && resp[0]!.to === 2,
    `${what}: expected exactly one MsgAppendResponse to the leader (node 2)`,
    {
      actual: showMsgs(msgs),
    },
  );
  return resp[0];
}

const ents = (from: number, ...terms: number[]): Entry[] => entriesWithTerms(terms, from);

rule(
  'lab1b.follower.reject-prev-mismatch',
  'a follower rejects an append whose previous entry it does not hold',
  { ...UNIT, points: 2 },
  () => {
    const cases: ReadonlyArray<[prevIndex: number, prevTerm: number, accept: boolean, why: string]> = [
      [3, 3, false, 'it holds 3@2, not 3@3'],
      [4, 2, false, 'its log ends at 3: it has no entry 4'],
      [3, 2, true, 'it holds 3@2'],
      [2, 2, true, 'it holds 2@2'],
      [0, 0, true, 'index 0 (before the first entry) always matches'],
    ];
    for (const [prevIndex, prevTerm, accept, why] of cases) {
      const r = follower([1, 2, 2], 2);
      const m = appendMsg(2, 1, 2, prevIndex, prevTerm, [], 0);
      r.step(m);
      const resp = onlyResponse(r.readMessages(), `append with prev ${prevIndex}@${prevTerm} to log [1,2,2]`);
      check(
        resp.reject === !accept,
        `prev ${prevIndex}@${prevTerm} against log [1,2,2]: ${accept ? 'accept' : 'reject'}, because ${why} (§5.3 consistency check)`,
        {
          expected: accept ? 'accept' : 'reject',
          actual: showMsgs([resp]),
        },
      );
      check(logTerms(r).join() === '1,2,2', 'an append without entries never changes the log', {
        actual: showRaft(r),
      });
      if (!accept) {
        check(
          resp.index === prevIndex,
          'a rejection echoes the rejected prev index in `index` (the leader ignores stale rejections by it)',
          {
            expected: prevIndex,
            actual: resp.index,
          },
        );
        check(
          resp.rejectHint < prevIndex && resp.rejectHint <= 3,
          'the hint must let the leader back up: below the rejected prev index and not past our last index (3)',
          {
            actual: `rejectHint=${resp.rejectHint}`,
          },
        );
      }
    }
  },
);

rule(
  'lab1b.follower.append-and-truncate',
  'conflicting entries are deleted with all that follow; matching ones are kept',
  { ...UNIT, points: 3 },
  () => {
    const cases: ReadonlyArray<
      [prev: number, prevTerm: number, entries: Entry[], want: string, lastNew: number, why: string]
    > = [
      [3, 2, ents(4, 3, 3), '1,2,2,3,3', 5, 'new entries after the last one are appended'],
      [1, 1, ents(2, 3), '1,3', 2, 'entry 2 conflicts (term 3 vs 2): it and everything after it go'],
      [0, 0, ents(1, 1, 2), '1,2,2', 2, 'entries we already hold are kept, and so is everything after them'],
      [1, 1, ents(2, 2, 4, 4), '1,2,4,4', 4, 'the first conflict is at 3: 2 is kept, 3 replaced, 4 appended'],
      [2, 2, [], '1,2,2', 2, 'a heartbeat-like append changes nothing'],
    ];
    for (const [prev, prevTerm, entries, want, lastNew, why] of cases) {
      const r = follower([1, 2, 2], 4);
      const shown = entries.map((e) => `${e.index}@${e.term}`).join(' ');
      r.step(appendMsg(2, 1, 4, prev, prevTerm, entries, 0));
      const resp = onlyResponse(r.readMessages(), `append prev ${prev}@${prevTerm} [${shown}]`);
      check(!resp.reject, `append prev ${prev}@${prevTerm} [${shown}] to log [1,2,2] must be accepted`, {
        actual: showMsgs([resp]),
      });
      check(
        logTerms(r).join() === want,
        `log [1,2,2] + append prev ${prev}@${prevTerm} [${shown}]: ${why} (Figure 2, receiver rules 3–4)`,
        {
          expected: `[${want}]`,
          actual: `[${logTerms(r).join()}]`,
        },
      );
      check(
        resp.index === lastNew,
        'a success answer carries the index of the last entry the append covered',
        {
          expected: lastNew,
          actual: resp.index,
        },
      );
      const firstChanged = entries.find((e) => e.index <= 3 && e.term !== [1, 2, 2][e.index - 1])?.index;
      if (firstChanged !== undefined) {
        check(
          r.raftLog.stabled < firstChanged,
          `entries from ${firstChanged} on were replaced: they are unstable again (stabled must drop below ${firstChanged})`,
          {
            actual: `stabled=${r.raftLog.stabled}`,
          },
        );
      }
    }
  },
);

rule(
  'lab1b.follower.commit-rule',
  'a follower commits min(leaderCommit, index of last new entry)',
  { ...UNIT, points: 2 },
  () => {
    const cases: ReadonlyArray<
      [prev: number, entries: Entry[], leaderCommit: number, start: number, want: number, why: string]
    > = [
      [
        1,
        ents(2, 1),
        3,
        0,
        2,
        'entry 3 was not checked against the leader: commit stops at the last new entry, 2',
      ],
      [3, [], 3, 0, 3, 'prev 3 matches and the leader committed 3'],
      [3, ents(4, 2), 1, 0, 1, 'the leader only committed 1'],
      [3, ents(4, 2), 1, 2, 2, 'the commit index never moves back'],
    ];
    for (const [prev, entries, leaderCommit, start, want, why] of cases) {
      const r = follower([1, 1, 1], 2, start);
      r.step(appendMsg(2, 1, 2, prev, 1, entries, leaderCommit));
      onlyResponse(r.readMessages(), `append prev ${prev}@1 commit ${leaderCommit}`);
      check(
        r.raftLog.committed === want,
        `log [1,1,1] (commit ${start}), append prev ${prev}@1 with ${entries.length} entries and leader commit ${leaderCommit}: ${why}`,
        {
          expected: want,
          actual: r.raftLog.committed,
        },
      );
    }
  },
);

rule(
  'lab1b.follower.stale-append-ignored',
  'an append of an older term changes nothing',
  { ...UNIT, points: 1 },
  () => {
    const r = follower([1, 2], 3);
    r.step(appendMsg(2, 1, 2, 2, 2, ents(3, 2, 2), 4));
    const out = r.readMessages();
    check(
      logTerms(r).join() === '1,2' && r.term === 3 && r.lead === NONE && r.raftLog.committed === 0,
      'a term-3 follower must ignore a term-2 MsgAppend (§5.1)',
      {
        expected: 'log [1,2], term 3, no leader, commit 0',
        actual: showRaft(r),
      },
    );
    check(
      out.every((m) => m.msgType !== MessageType.MsgAppendResponse || m.reject),
      'a stale append must not be acknowledged',
      {
        actual: showMsgs(out),
      },
    );
    r.step(appendMsg(3, 1, 3, 2, 2, ents(3, 3), 0));
    check(
      logTerms(r).join() === '1,2,3' && leadOf(r) === 3,
      'while an append of the current term (3) from its leader is taken',
      {
        expected: 'log [1,2,3], lead 3',
        actual: showRaft(r),
      },
    );
  },
);

rule(
  'lab1b.follower.leader-append-makes-follower',
  'an append of a current or newer leader makes any node its follower',
  { ...UNIT, points: 2 },
  () => {
    const cand = newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } });
    cand.step(hup(1));
    cand.step(appendMsg(2, 1, 2, 0, 0, ents(1, 2), 0));
    check(
      cand.state === StateType.Follower && cand.term === 2 && cand.lead === 2,
      'a candidate receiving MsgAppend from a leader of its own term steps down (§5.2)',
      {
        expected: 'Follower term=2 lead=2',
        actual: showRaft(cand),
      },
    );
    check(logTerms(cand).join() === '2', 'and it handles the append as a follower', {
      actual: showRaft(cand),
    });
    const states: ReadonlyArray<[string, Raft]> = [
      ['follower', newRaft(1, { peers: [1, 2, 3], hardState: { term: 2 } })],
      ['candidate', newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } })],
      ['leader', newRaft(1, { peers: [1, 2, 3], hardState: { term: 1 } })],
    ];
    states[1]![1].step(hup(1));
    electByVotes(states[2]![1]);
    for (const [what, r] of states) {
      r.step(appendMsg(3, 1, 7, 0, 0, ents(1, 7), 0));
      check(
        r.state === StateType.Follower && r.term === 7 && r.lead === 3,
        `a ${what} in term 2 receiving MsgAppend of term 7 from 3 becomes its follower in term 7`,
        {
          expected: 'Follower term=7 lead=3',
          actual: showRaft(r),
        },
      );
    }
  },
);
