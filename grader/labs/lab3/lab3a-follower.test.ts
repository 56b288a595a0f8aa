// Lab 3a, the follower's side of snapshots. handleSnapshot ignores a snapshot at or below its commit
// index (answering with that index), only moves the commit index when it already holds the snapshot's
// last entry, and otherwise restarts its log from the snapshot (RaftLog.restore): first index =
// snapshot index + 1, committed = snapshot index, membership from the snapshot, the snapshot pending
// for the next Ready. advance() of that Ready moves applied to the snapshot index. A node restarted
// over storage that holds only a snapshot starts with committed = applied = the snapshot index.
import { StateType } from '@target/raft/raft.js';
import { type Message, MessageType, type Snapshot } from '@target/raft/raftpb.js';
import { type Ready, RawNode } from '@target/raft/rawnode.js';
import { MemoryStorage } from '@target/raft/storage.js';
import {
  appendMsg,
  commitOf,
  dataEntry,
  forceLeader,
  leadOf,
  memStorage,
  newRaft,
  newRawNode,
  raftConfig,
  roleOf,
  showEntries,
  showRaft,
  termOf,
} from '../../harness/raftfix.js';
import { caught, check, rule, verify } from '../../harness/rule.js';
import { showSnapMsgs, snapMsg, snapshotAt } from './raft-snap-fix.js';

const PART = { part: 'lab3a', points: 2, tags: ['unit'] };
const PEERS = [1, 2, 3];

/** Follower 2 (term 1, leader 1) holding entries 1..last of term 1, committed up to `commit`. */
function follower(last: number, commit: number) {
  const storage = memStorage(PEERS, Array(last).fill(1), { term: 1, vote: 1, commit });
  const r = newRaft(2, { peers: PEERS, storage });
  return { r, storage };
}

/** The log's cursors in one object (for expected/actual). */
function cursors(r: { raftLog: RawNode['raft']['raftLog'] }) {
  const log = r.raftLog;
  return {
    first: log.first,
    last: log.lastIndex(),
    committed: log.committed,
    applied: log.applied,
    stabled: log.stabled,
    pendingSnapshot: log.pendingSnapshot === null ? null : log.pendingSnapshot.metadata.index,
  };
}

/** The single MsgAppendResponse in `msgs`, checked. */
function onlyAck(msgs: Message[], what: string): Message {
  const acks = msgs.filter((m) => m.msgType === MessageType.MsgAppendResponse);
  check(acks.length === 1 && msgs.length === 1, `${what}: the follower answers with one MsgAppendResponse`, {
    expected: ['MsgAppendResponse 2→1 …'],
    actual: showSnapMsgs(msgs),
    hint: 'handleSnapshot always answers the leader with a MsgAppendResponse (never a rejection)',
  });
  return acks[0]!;
}

rule(
  'lab3a.follower.stale-snapshot-ignored',
  'a snapshot at or below the commit index is ignored and answered with the commit index',
  PART,
  () => {
    for (const index of [8, 5]) {
      const { r } = follower(12, 8);
      check(commitOf(r) === 8 && r.raftLog.lastIndex() === 12, 'setup: follower holds 1..12, committed 8', {
        actual: showRaft(r),
      });
      const before = cursors(r);
      r.step(snapMsg(1, 2, 1, snapshotAt(index, 1, PEERS)));
      const ack = onlyAck(r.readMessages(), `stale snapshot at ${index}`);
      check(
        !ack.reject && ack.index === 8,
        `the snapshot at ${index} is not newer than the commit index 8: the reply carries the commit index 8`,
        {
          expected: { reject: false, index: 8 },
          actual: { reject: ack.reject, index: ack.index },
          hint: 'the leader takes the reply as the follower’s match: answer with raftLog.committed, not the snapshot index or the last index',
        },
      );
      const after = cursors(r);
      check(
        JSON.stringify(after) === JSON.stringify(before),
        `a snapshot at ${index} ≤ committed must change nothing in the log`,
        {
          expected: before,
          actual: after,
          hint: 'only a snapshot whose index is above raftLog.committed is restored',
        },
      );
    }
  },
);

rule(
  'lab3a.follower.restore-fields',
  'restore: first, last, committed, term at the snapshot index, lead and term, membership from the snapshot',
  PART,
  () => {
    const { r } = follower(6, 3);
    const snap = snapshotAt(20, 2, [2, 4, 5]);
    r.step(snapMsg(4, 2, 3, snap));
    const { applied: _, ...c } = cursors(r);
    const want = { first: 21, last: 20, committed: 20, stabled: 20, pendingSnapshot: 20 };
    check(JSON.stringify(c) === JSON.stringify(want), 'the log restarts from the snapshot', {
      expected: want,
      actual: c,
      hint: 'RaftLog.restore: drop every entry, first = index + 1, stabled = committed = index, keep the snapshot pending (applied moves in advance())',
    });
    const ack = onlyAck(r.readMessages(), 'snapshot at 20');
    check(
      !ack.reject && ack.index === 20 && ack.to === 4,
      'the reply acknowledges the snapshot index, to the sender',
      {
        expected: { to: 4, reject: false, index: 20 },
        actual: { to: ack.to, reject: ack.reject, index: ack.index },
      },
    );
    const t = caught(() => r.raftLog.term(20)) ?? r.raftLog.term(20);
    check(t === 2, 'term(20) answers the snapshot’s term (prev of the leader’s next append)', {
      expected: 2,
      actual: t,
    });
    check(r.raftLog.allEntries().length === 0, 'no old entry is left', {
      expected: [],
      actual: showEntries(r.raftLog.allEntries()),
    });
    verify(
      termOf(r) === 3 && leadOf(r) === 4 && roleOf(r) === StateType.Follower,
      'lead and term from the message',
      {
        expected: 'Follower term=3 lead=4',
        actual: showRaft(r),
      },
    );
    const members = [...r.prs.keys()].sort((a, b) => a - b);
    check(members.join() === '2,4,5', 'the membership becomes the snapshot’s ConfState', {
      expected: [2, 4, 5],
      actual: members,
      hint: 'rebuild prs: one Progress per id in snapshot.metadata.confState.nodes',
    });
  },
);

rule(
  'lab3a.follower.already-has-entry',
  'a follower holding the snapshot’s last entry (same index and term) only moves its commit index',
  PART,
  () => {
    const { r } = follower(12, 5);
    r.step(snapMsg(1, 2, 1, snapshotAt(10, 1, PEERS)));
    const ack = onlyAck(r.readMessages(), 'snapshot at 10@1');
    const c = cursors(r);
    check(
      c.committed === 10 && c.last === 12 && c.first === 1 && c.pendingSnapshot === null,
      'entry 10@1 is in the log already: keep the log (entries 11, 12 too), just commit up to 10',
      {
        expected: { first: 1, last: 12, committed: 10, pendingSnapshot: null },
        actual: c,
        hint: 'if raftLog.matchTerm(index, term): raftLog.commitTo(index) and no restore',
      },
    );
    check(!ack.reject && ack.index === 10, 'and acknowledge 10', {
      expected: { reject: false, index: 10 },
      actual: { reject: ack.reject, index: ack.index },
    });
    const other = follower(12, 5).r;
    other.step(snapMsg(1, 2, 3, snapshotAt(10, 3, PEERS)));
    const oc = cursors(other);
    check(
      oc.first === 11 && oc.last === 10 && oc.committed === 10 && oc.pendingSnapshot === 10,
      'the follower’s entry 10 has term 1, the snapshot’s term 3: that log conflicts, so it is replaced by the snapshot',
      { expected: { first: 11, last: 10, committed: 10, pendingSnapshot: 10 }, actual: oc },
    );
  },
);

rule(
  'lab3a.follower.only-followers-restore',
  'a candidate steps down and restores; a leader of the same term never restores',
  PART,
  () => {
    const cand = newRaft(2, { peers: PEERS, storage: memStorage(PEERS, [1, 1], { term: 1, commit: 1 }) });
    cand.becomeCandidate();
    cand.readMessages();
    check(
      roleOf(cand) === StateType.Candidate && termOf(cand) === 2,
      'setup: node 2 is a candidate in term 2',
      {
        actual: showRaft(cand),
      },
    );
    cand.step(snapMsg(1, 2, 2, snapshotAt(9, 2, PEERS)));
    const ack = onlyAck(cand.readMessages(), 'a candidate receiving a snapshot of its term');
    verify(
      roleOf(cand) === StateType.Follower && leadOf(cand) === 1,
      'the candidate becomes a follower of the sender',
      {
        expected: 'Follower term=2 lead=1',
        actual: showRaft(cand),
      },
    );
    check(cand.raftLog.committed === 9 && ack.index === 9, 'and installs the snapshot', {
      expected: { committed: 9, ackIndex: 9 },
      actual: { committed: cand.raftLog.committed, ackIndex: ack.index },
    });
    const lead = newRaft(1, { peers: PEERS, storage: memStorage(PEERS, [1, 1], { term: 1, commit: 1 }) });
    forceLeader(lead);
    const before = cursors(lead);
    lead.step(snapMsg(3, 1, termOf(lead), snapshotAt(9, 2, PEERS)));
    verify(
      roleOf(lead) === StateType.Leader && JSON.stringify(cursors(lead)) === JSON.stringify(before),
      'a leader ignores a MsgSnapshot of its own term (only a follower installs one)',
      { expected: before, actual: cursors(lead) },
    );
  },
);

/** Persists a Ready into MemoryStorage the way an application does (snapshot, hard state, entries). */
function persist(storage: MemoryStorage, rd: Ready): void {
  if (rd.snapshot !== null) storage.applySnapshot(rd.snapshot);
  if (rd.hardState !== null) storage.setHardState(rd.hardState);
  if (rd.entries.length > 0) storage.append(rd.entries);
}

/** Follower 2 as a RawNode over storage holding 1..3 (term 1), committed and applied up to 2. */
function rawFollower() {
  const storage = memStorage(PEERS, [1, 1, 1], { term: 1, vote: 1, commit: 2 });
  const node = newRawNode(2, { peers: PEERS, storage, applied: 2 });
  return { node, storage };
}

rule(
  'lab3a.ready.carries-snapshot',
  'the Ready carries the snapshot (and no committed entry from before it); advance sets applied to its index',
  PART,
  () => {
    const { node, storage } = rawFollower();
    const snap: Snapshot = snapshotAt(10, 2, PEERS);
    node.step(snapMsg(1, 2, 2, snap));
    check(
      node.raft.raftLog.pendingSnapshot?.metadata.index === 10,
      'restore keeps the snapshot pending (raftLog.pendingSnapshot) until the application has it: the next Ready carries it',
      {
        expected: 'pending snapshot at 10',
        actual: node.raft.raftLog.pendingSnapshot?.metadata.index ?? null,
      },
    );
    node.step(appendMsg(1, 2, 2, 10, 2, [dataEntry(11, 2, 'a'), dataEntry(12, 2, 'b')], 12));
    check(node.hasReady(), 'a restored snapshot is work for the application: hasReady()', {
      expected: true,
      actual: false,
    });
    const rd = node.ready();
    check(rd.snapshot?.metadata.index === 10, 'the Ready carries the snapshot to persist and apply', {
      expected: '10@2',
      actual: rd.snapshot === null ? null : `${rd.snapshot.metadata.index}@${rd.snapshot.metadata.term}`,
    });
    const handed = rd.committedEntries.map((e) => e.index);
    check(
      handed.every((i) => i > 10),
      'no entry at or below the snapshot index is handed out for applying: the snapshot replaces them',
      { expected: 'committedEntries after 10 only', actual: handed },
    );
    check(
      rd.hardState?.commit === 12 || rd.hardState?.commit === 10,
      'the hard state carries the new commit',
      {
        expected: 'commit 10 or 12',
        actual: rd.hardState,
      },
    );
    persist(storage, rd);
    node.advance(rd);
    const c = cursors(node.raft);
    check(
      c.pendingSnapshot === null && c.applied >= 10,
      'advance() clears the snapshot and applied reaches it',
      {
        expected: { pendingSnapshot: null, applied: '≥ 10' },
        actual: c,
      },
    );
    const applied = [...handed];
    for (let round = 0; round < 3 && node.hasReady(); round++) {
      const next = node.ready();
      check(next.snapshot === null, 'the snapshot is handed out once', { actual: next.snapshot?.metadata });
      persist(storage, next);
      applied.push(...next.committedEntries.map((e) => e.index));
      node.advance(next);
    }
    check(
      applied.join() === '11,12',
      'then the entries after the snapshot are applied, once each, in order',
      {
        expected: [11, 12],
        actual: applied,
      },
    );
    check(node.raft.raftLog.applied === 12, 'applied reaches 12', {
      expected: 12,
      actual: node.raft.raftLog.applied,
    });
  },
);

rule(
  'lab3a.restart.snapshot-only-storage',
  'a RawNode restarted over storage holding only a snapshot starts with committed = applied = its index',
  PART,
  () => {
    // Node 2 installs a snapshot, persists it, and crashes before persisting the hard state of that Ready.
    const { node, storage } = rawFollower();
    node.step(snapMsg(1, 2, 2, snapshotAt(10, 2, PEERS)));
    const rd = node.ready();
    check(rd.snapshot?.metadata.index === 10, 'the Ready after a MsgSnapshot at 10 must carry the snapshot', {
      expected: '10@2',
      actual: rd.snapshot?.metadata ?? null,
      hint: 'handleSnapshot restores the log (RaftLog.restore keeps the snapshot in pendingSnapshot for the Ready)',
    });
    storage.applySnapshot(rd.snapshot);
    const hs = storage.initialState().hardState;
    check(hs.commit === 2, 'setup: the hard state is the older one (commit 2)', { actual: hs });
    const cases: Array<[string, MemoryStorage]> = [['an older hard state (commit 2)', storage]];
    const bare = new MemoryStorage(PEERS);
    bare.applySnapshot(snapshotAt(7, 3, PEERS));
    cases.push(['no hard state at all', bare]);
    for (const [what, s] of cases) {
      const index = s.firstIndex() - 1;
      let restarted: RawNode | undefined;
      const err = caught(() => {
        restarted = new RawNode(raftConfig(2, { peers: PEERS, storage: s }));
        restarted.ready();
      });
      const log = restarted?.raft.raftLog;
      check(
        err === undefined && log !== undefined && log.committed === index && log.applied === index,
        `storage holds only a snapshot at ${index} and ${what}: the node starts with committed = applied = ${index}`,
        {
          expected: { committed: index, applied: index },
          actual:
            err !== undefined
              ? String(err)
              : { committed: log?.committed, applied: log?.applied, first: log?.first },
          hint: 'a snapshot is committed: the RaftLog constructor sets committed = max(hardState.commit, firstIndex − 1)',
        },
      );
      check(log.lastIndex() === index && log.term(index) === s.term(index), 'its log ends at the snapshot', {
        expected: { last: index, lastTerm: s.term(index) },
        actual: { last: log.lastIndex() },
      });
    }
  },
);

rule(
  'lab3a.follower.append-after-restore',
  'after a restore the follower accepts the leader’s next append (prev = the snapshot’s index and term)',
  PART,
  () => {
    const { r } = follower(4, 2);
    r.step(snapMsg(1, 2, 2, snapshotAt(10, 2, PEERS)));
    r.readMessages();
    r.step(appendMsg(1, 2, 2, 10, 2, [dataEntry(11, 2, 'a')], 11));
    const acks = r.readMessages();
    const ack = acks[0];
    check(
      acks.length === 1 && ack?.msgType === MessageType.MsgAppendResponse && !ack.reject && ack.index === 11,
      'an append whose prev is the snapshot point (10@2) matches: the follower accepts it',
      {
        expected: ['MsgAppendResponse 2→1 t2 index=11'],
        actual: showSnapMsgs(acks),
        hint: 'after restore, term(first − 1) must answer the snapshot’s term (RaftLog.term reads the pending snapshot)',
      },
    );
    check(commitOf(r) === 11 && r.raftLog.lastIndex() === 11, 'and commits it', {
      expected: { committed: 11, last: 11 },
      actual: cursors(r),
    });
  },
);
