// Lab 1a — edges the main files leave open: RaftLog's contract (rebuilt from storage: every stored entry,
// committed from the hard state but never below a snapshot; term() and slice() answer exactly their range
// and name each missing index with its own error; the commit index never moves back), a restarted Raft
// (members from the config, else from storage; config.applied honoured), a lone node's election
// committing its no-op, sendAppend's result, and a heartbeat response answered only when the follower is
// behind (Raft §5.2–5.3, Figure 2).
import { CompactedError, UnavailableError } from '@target/raft/errors.js';
import { RaftLog } from '@target/raft/log.js';
import { Raft, StateType } from '@target/raft/raft.js';
import type { Snapshot } from '@target/raft/raftpb.js';
import type { MemoryStorage } from '@target/raft/storage.js';
import {
  electByVotes,
  heartbeatResp,
  hup,
  memStorage,
  newRaft,
  raftConfig,
  showEntries,
  showMsgs,
  showRaft,
} from '../../harness/raftfix.js';
import { caught, check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1a', tags: ['unit'] };

/** Storage holding entries 1..6 (terms 1,1,2,2,3,3) compacted at 4: a snapshot at 4@2, entries 5..6. */
function compactedStorage(commit = 0): MemoryStorage {
  const s = memStorage([1, 2, 3], [1, 1, 2, 2, 3, 3], { term: 3, commit });
  s.createSnapshot(4, null, new Uint8Array([1]));
  s.compact(4);
  return s;
}

function errName(e: unknown): string {
  return e === undefined ? 'no error' : e instanceof Error ? `${e.name}(${e.message})` : String(e);
}

/** log.term(i), or the name and message of what it threw. */
function termOrError(log: RaftLog, i: number): number | string {
  try {
    return log.term(i);
  } catch (e) {
    return errName(e);
  }
}

rule(
  'lab1a.log.rebuilt-from-storage',
  'a RaftLog rebuilt from storage holds every stored entry, and its commit from the hard state, never below a snapshot',
  { ...UNIT, points: 1 },
  () => {
    const one = new RaftLog(memStorage([1], [1]));
    check(
      one.lastIndex() === 1 && one.entries.length === 1,
      'storage holding one entry (1@1): the log holds it',
      {
        expected: 'lastIndex 1, entries [1@1]',
        actual: `lastIndex ${one.lastIndex()}, entries ${showEntries(one.entries)}`,
        hint: 'entries [firstIndex, lastIndex] — non-empty as soon as lastIndex >= firstIndex',
      },
    );
    const restarted = new RaftLog(memStorage([1], [1, 1, 2], { term: 2, commit: 3 }));
    check(restarted.committed === 3, 'a hard state with commit 3: the rebuilt log has committed 3', {
      expected: 3,
      actual: restarted.committed,
      hint: 'committed = max(hardState.commit, firstIndex − 1)',
    });
    const snap = new RaftLog(compactedStorage(0));
    check(
      snap.committed === 4 && snap.applied === 4 && snap.first === 5,
      'storage with a snapshot at 4 and a hard state saying commit 0 (a crash between the two writes): a snapshot is committed and applied, so committed = applied = 4',
      {
        expected: 'first 5, committed 4, applied 4',
        actual: `first ${snap.first}, committed ${snap.committed}, applied ${snap.applied}`,
      },
    );
  },
);

rule(
  'lab1a.log.term-range',
  'term(i) answers for first − 1 … last (first − 1 from a pending snapshot, else storage); CompactedError below, UnavailableError above',
  { ...UNIT, points: 2 },
  () => {
    const log = new RaftLog(compactedStorage());
    const cases: ReadonlyArray<[i: number, want: number | 'CompactedError' | 'UnavailableError']> = [
      [4, 2],
      [5, 3],
      [6, 3],
      [3, 'CompactedError'],
      [7, 'UnavailableError'],
    ];
    for (const [i, want] of cases) {
      const got = termOrError(log, i);
      const ok = typeof want === 'number' ? got === want : String(got).startsWith(`${want}(`);
      check(ok, `log of entries 5..6 after a snapshot at 4@2: term(${i}) is ${want}`, {
        expected: want,
        actual: got,
        hint: 'i > last: UnavailableError; i >= first: from memory; i = first − 1: pending snapshot, else storage; lower: CompactedError',
      });
    }
    // What lab 3's restore() leaves after a leader's snapshot at 10@5: no entry, first 11, the snapshot
    // pending, storage still the old one (it does not hold 10).
    const snap: Snapshot = {
      data: new Uint8Array([1]),
      metadata: { index: 10, term: 5, confState: { nodes: [1, 2, 3] } },
    };
    Object.assign(log, { entries: [], first: 11, stabled: 10, committed: 10, pendingSnapshot: snap });
    const at10 = termOrError(log, 10);
    check(
      at10 === 5,
      'a pending snapshot at 10@5 with first = 11: term(10) is 5, from the pending snapshot (storage knows nothing of 10)',
      {
        expected: 5,
        actual: at10,
        hint: 'i === first − 1 && pendingSnapshot !== null: pendingSnapshot.metadata.term',
      },
    );
    for (const i of [9, 5]) {
      const e = caught(() => log.term(i));
      check(
        e instanceof CompactedError,
        `a pending snapshot at 10: term(${i}), below it, is compacted away`,
        {
          expected: 'CompactedError',
          actual: errName(e),
          hint: 'only first − 1 itself comes from the pending snapshot; below first − 1 throw CompactedError (storage is not asked)',
        },
      );
    }
  },
);

rule(
  'lab1a.log.slice-range',
  'slice(lo, hi) is exactly the entries [lo, hi); CompactedError below first, UnavailableError past last + 1',
  { ...UNIT, points: 1 },
  () => {
    const log = new RaftLog(memStorage([1], [1, 1, 2, 2]));
    const mid = log.slice(2, 4);
    check(mid.map((e) => e.index).join() === '2,3', 'slice(2, 4) of entries 1..4 is entries 2 and 3', {
      expected: [2, 3],
      actual: showEntries(mid),
      hint: 'this.entries.slice(lo − first, hi − first)',
    });
    const past = caught(() => log.slice(3, 6));
    check(
      past instanceof UnavailableError && past.index === 5,
      'slice(3, 6) of entries 1..4: entry 5 is not written yet',
      {
        expected: 'UnavailableError for index 5 (hi − 1)',
        actual: errName(past),
      },
    );
    const c = new RaftLog(compactedStorage());
    const below = caught(() => c.slice(4, 6));
    check(
      below instanceof CompactedError,
      'entries 5..6 after a snapshot at 4: slice(4, 6) asks for a compacted entry',
      {
        expected: 'CompactedError',
        actual: errName(below),
      },
    );
  },
);

rule(
  'lab1a.log.commit-never-back',
  'commitTo never moves the commit index back',
  { ...UNIT, points: 1 },
  () => {
    const log = new RaftLog(memStorage([1], [1, 1, 1], { term: 1, commit: 3 }));
    log.commitTo(2);
    check(log.committed === 3, 'committed 3, then commitTo(2) (a stale leader commit): it stays 3', {
      expected: 3,
      actual: log.committed,
      hint: 'to = min(i, lastIndex()); only if to > committed',
    });
  },
);

rule(
  'lab1a.restart.config',
  'a Raft takes its members from the config, else from storage, and honours config.applied',
  { ...UNIT, points: 2 },
  () => {
    const fromConfig = newRaft(1, { peers: [1, 2, 3], storage: memStorage([1], []) });
    const fromStorage = newRaft(1, { peers: [1, 2, 3], peersFromStorage: true });
    const noPeers = raftConfig(1, { peers: [1, 2, 3] });
    delete noPeers.peers;
    const undef = caught(() => new Raft(noPeers));
    const ids = (r: Raft): string => [...r.prs.keys()].sort().join();
    check(
      ids(fromConfig) === '1,2,3',
      'config.peers [1,2,3] and a storage ConfState of [1]: the config wins',
      {
        expected: '1,2,3',
        actual: ids(fromConfig),
      },
    );
    check(
      ids(fromStorage) === '1,2,3',
      'config.peers empty: the members come from storage (ConfState [1,2,3])',
      {
        expected: '1,2,3',
        actual: ids(fromStorage),
      },
    );
    check(undef === undefined, 'config.peers missing altogether: also from storage, no error', {
      actual: errName(undef),
      hint: 'c.peers !== undefined && c.peers.length > 0 ? c.peers : confState.nodes',
    });
    const applied = newRaft(1, {
      peers: [1],
      terms: [1, 1, 1],
      hardState: { term: 1, commit: 3 },
      applied: 2,
    });
    check(
      applied.raftLog.applied === 2,
      'config.applied = 2 with commit 3: the application already applied 2',
      {
        expected: 2,
        actual: applied.raftLog.applied,
      },
    );
    for (const a of [0, undefined]) {
      const r = new Raft({
        ...raftConfig(1, { peers: [1, 2, 3], storage: compactedStorage(4) }),
        ...(a === 0 ? { applied: 0 } : {}),
      });
      check(
        r.raftLog.applied === 4,
        `a snapshot at 4 and config.applied ${a}: applied stays 4 (0 or none means "not told")`,
        {
          expected: 4,
          actual: r.raftLog.applied,
          hint: 'only a positive config.applied replaces the log’s applied',
        },
      );
    }
  },
);

rule(
  'lab1a.leader.alone-commits',
  'a single node elects itself and commits its no-op at once; sendAppend reports that a message went out',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1] });
    r.step(hup(1));
    check(
      r.state === StateType.Leader && r.raftLog.committed === 1,
      'a one-node cluster: leader, and its no-op (1) is committed at once (it is a majority alone)',
      {
        expected: 'leader, committed 1',
        actual: showRaft(r),
        hint: 'in becomeLeader: if (this.quorum() === 1) this.raftLog.commitTo(this.raftLog.lastIndex())',
      },
    );
    const three = newRaft(1, { peers: [1, 2, 3] });
    electByVotes(three);
    check(three.sendAppend(2) === true, 'a leader’s sendAppend(2) sends a MsgAppend: it returns true', {
      actual: showMsgs(three.readMessages()),
    });
  },
);

rule(
  'lab1a.heartbeat.answer-only-behind',
  'a heartbeat response gets an append only from a follower behind; from a caught-up one or a non-member, nothing',
  { ...UNIT, points: 1 },
  () => {
    const r = newRaft(1, { peers: [1, 2, 3] });
    electByVotes(r);
    // Node 2 has acknowledged the no-op. Set directly: taking an append response is lab1b's rule.
    const pr2 = r.prs.get(2);
    check(pr2 !== undefined, 'setup: node 2 must have a progress entry after the election');
    pr2.match = 1;
    pr2.next = 2;
    r.readMessages();
    for (const [from, why] of [
      [2, 'node 2, caught up (match 1 = last)'],
      [9, 'node 9, not a member'],
    ] as const) {
      const err = caught(() => r.step(heartbeatResp(from, 1, 1)));
      const msgs = r.readMessages();
      check(err === undefined && msgs.length === 0, `a heartbeat response from ${why}: nothing to send`, {
        expected: 'no message, no error',
        actual: { error: errName(err), msgs: showMsgs(msgs) },
        hint: 'const pr = this.prs.get(m.from); if (pr !== undefined && pr.match < lastIndex()) sendAppend',
      });
    }
  },
);
