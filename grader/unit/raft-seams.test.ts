// Unit tests of the Raft core's seams for the snapshot labs, run against the reference core (RAFTLAB_UNIT=1
// points @target at solutions/): the Progress state machine and how the leader drives it, reportSnapshot,
// RaftLog.restore, the log invariants RawNode checks, the lab-3a paths (reference), and the MemoryStorage
// snapshot and compaction scaffolding lab 3 builds on.
import {
  CompactedError,
  RaftInvariantError,
  SnapOutOfDateError,
  UnavailableError,
} from '@target/raft/errors.js';
import { Progress, ProgressState, type Raft, StateType } from '@target/raft/raft.js';
import { MessageType, type Snapshot, newMessage } from '@target/raft/raftpb.js';
import type { RawNode } from '@target/raft/rawnode.js';
import type { MemoryStorage } from '@target/raft/storage.js';
import { describe, expect, test } from 'vitest';
import {
  appendReject,
  appendResp,
  beat,
  bytes,
  entriesWithTerms,
  forceLeader,
  heartbeatResp,
  memStorage,
  newRaft,
  newRawNode,
  proposal,
} from '../harness/raftfix.js';

/** A snapshot at (index, term) of peers [1, 2, 3]. */
function snapshotAt(index: number, term: number): Snapshot {
  return { data: bytes(`snap@${index}`), metadata: { index, term, confState: { nodes: [1, 2, 3] } } };
}

/** A leader of term 2 over entries 1..10 of term 1 (all committed), its no-op at 11 sent and drained. */
function leaderOverTen(): Raft {
  const r = newRaft(1, {
    peers: [1, 2, 3],
    terms: Array(10).fill(1),
    hardState: { term: 1, commit: 10 },
    applied: 10,
  });
  forceLeader(r);
  return r;
}

/** The MsgAppend messages in `r`'s outbox to `to` (drains the outbox). */
function appendsTo(r: Raft, to: number): number {
  return r.readMessages().filter((m) => m.msgType === MessageType.MsgAppend && m.to === to).length;
}

describe('Progress transitions', () => {
  test('a new progress probes, with no snapshot pending', () => {
    const pr = new Progress(3, 5);
    expect(pr).toMatchObject({ match: 3, next: 5, state: ProgressState.Probe, pendingSnapshot: 0 });
    expect(pr.isPaused()).toBe(false);
  });

  test('becomeReplicate keeps next at least match + 1 and never moves it back', () => {
    const behind = new Progress(3, 2);
    behind.becomeReplicate();
    expect(behind).toMatchObject({ state: ProgressState.Replicate, next: 4 });
    const ahead = new Progress(3, 9);
    ahead.becomeReplicate();
    expect(ahead.next).toBe(9);
    expect(ahead.isPaused()).toBe(false);
  });

  test('becomeProbe from Replicate only relabels', () => {
    const pr = new Progress(3, 7);
    pr.becomeReplicate();
    pr.becomeProbe();
    expect(pr).toMatchObject({ state: ProgressState.Probe, match: 3, next: 7 });
  });

  test('becomeSnapshot pauses and records the index; next is untouched', () => {
    const pr = new Progress(3, 4);
    pr.becomeSnapshot(20);
    expect(pr).toMatchObject({ state: ProgressState.Snapshot, pendingSnapshot: 20, next: 4 });
    expect(pr.isPaused()).toBe(true);
  });

  test('becomeProbe from Snapshot resumes after the snapshot, or after match if that is further', () => {
    const pr = new Progress(3, 4);
    pr.becomeSnapshot(20);
    pr.becomeProbe();
    expect(pr).toMatchObject({ state: ProgressState.Probe, next: 21, pendingSnapshot: 0 });
    const caughtUp = new Progress(3, 4);
    caughtUp.becomeSnapshot(20);
    caughtUp.match = 25;
    caughtUp.becomeProbe();
    expect(caughtUp.next).toBe(26);
  });

  test('becomeProbe from Snapshot with the snapshot cleared resumes at match + 1', () => {
    const pr = new Progress(3, 4);
    pr.becomeSnapshot(20);
    pr.pendingSnapshot = 0;
    pr.becomeProbe();
    expect(pr).toMatchObject({ state: ProgressState.Probe, next: 4 });
  });
});

describe('the leader drives Progress (framework)', () => {
  test('ack above match: Probe → Replicate; rejection: Replicate → Probe; a new term: all Probe', () => {
    const r = leaderOverTen();
    const pr = r.prs.get(2)!;
    expect(pr.state).toBe(ProgressState.Probe);
    r.step(appendResp(2, 1, 2, 11));
    expect(pr).toMatchObject({ state: ProgressState.Replicate, match: 11, next: 12 });
    r.step(appendResp(2, 1, 2, 11));
    expect(pr.state).toBe(ProgressState.Replicate);
    r.step(appendReject(2, 1, 2, 11, 5));
    expect(pr.state).toBe(ProgressState.Probe);
    r.step(appendResp(2, 1, 2, 11));
    expect(pr.state).toBe(ProgressState.Probe); // not above match: no news
    r.prs.get(3)!.becomeSnapshot(8);
    r.becomeFollower(3, 2);
    for (const p of r.prs.values()) expect(p.state).toBe(ProgressState.Probe);
  });

  test('an ack at or past the pending snapshot ends Snapshot state; one below it does not', () => {
    const r = leaderOverTen();
    const pr = r.prs.get(2)!;
    pr.becomeSnapshot(8);
    r.step(appendResp(2, 1, 2, 7));
    expect(pr.state).toBe(ProgressState.Snapshot);
    r.readMessages();
    r.step(appendResp(2, 1, 2, 8));
    expect(pr).toMatchObject({ state: ProgressState.Replicate, match: 8, pendingSnapshot: 0 });
    expect(appendsTo(r, 2)).toBe(1); // still behind (last 11): the leader sends the rest
  });

  test('a follower in Snapshot gets no MsgAppend on proposals or heartbeat responses, until reportSnapshot', () => {
    const r = leaderOverTen();
    r.prs.get(2)!.becomeSnapshot(8);
    r.step(proposal(1, 'a'));
    const out = r.readMessages().filter((m) => m.msgType === MessageType.MsgAppend);
    expect(out.map((m) => m.to)).toEqual([3]);
    r.step(heartbeatResp(2, 1, 2));
    expect(appendsTo(r, 2)).toBe(0);
    r.step(beat(1));
    expect(r.readMessages().some((m) => m.msgType === MessageType.MsgHeartbeat && m.to === 2)).toBe(true);
    expect(r.sendAppend(2)).toBe(false);

    r.reportSnapshot(2, true);
    expect(r.prs.get(2)).toMatchObject({ state: ProgressState.Probe, next: 9, pendingSnapshot: 0 });
    r.step(heartbeatResp(2, 1, 2));
    const resumed = r.readMessages().filter((m) => m.msgType === MessageType.MsgAppend && m.to === 2);
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ index: 8, logTerm: 1 });
    expect(resumed[0]!.entries.map((e) => e.index)).toEqual([9, 10, 11, 12]);
  });

  test('reportSnapshot failure resumes probing at match + 1', () => {
    const r = leaderOverTen();
    const pr = r.prs.get(2)!;
    pr.match = 4;
    pr.becomeSnapshot(8);
    r.reportSnapshot(2, false);
    expect(pr).toMatchObject({ state: ProgressState.Probe, next: 5, pendingSnapshot: 0 });
  });

  test('reportSnapshot is a no-op unless a leader has that follower in Snapshot state', () => {
    const r = leaderOverTen();
    const pr = r.prs.get(2)!;
    const before = { ...pr };
    r.reportSnapshot(2, true);
    r.reportSnapshot(2, false);
    r.reportSnapshot(9, true);
    expect({ ...pr }).toEqual(before);
    const follower = newRaft(1, { peers: [1, 2, 3] });
    follower.prs.get(2)!.becomeSnapshot(5);
    follower.reportSnapshot(2, true);
    expect(follower.state).toBe(StateType.Follower);
    expect(follower.prs.get(2)!.state).toBe(ProgressState.Snapshot);
  });

  test('RawNode.reportSnapshot reaches the leader', () => {
    const rn = newRawNode(1, { peers: [1, 2, 3] });
    forceLeader(rn.raft);
    rn.raft.prs.get(2)!.becomeSnapshot(1);
    rn.reportSnapshot(2, true);
    expect(rn.raft.prs.get(2)).toMatchObject({ state: ProgressState.Probe, next: 2 });
  });
});

describe('RaftLog.restore and a Ready carrying the snapshot', () => {
  function restored(): { rn: RawNode; storage: MemoryStorage; snap: Snapshot } {
    const storage = memStorage([1, 2, 3], [1, 1, 1, 1, 1], { term: 1, commit: 3 });
    const rn = newRawNode(1, { peers: [1, 2, 3], storage, applied: 2 });
    const snap = snapshotAt(10, 4);
    rn.raft.raftLog.restore(snap);
    return { rn, storage, snap };
  }

  test('drops the entries, moves first/stabled/committed to the snapshot, keeps applied', () => {
    const { rn, snap } = restored();
    const log = rn.raft.raftLog;
    expect(log.allEntries()).toEqual([]);
    expect(log).toMatchObject({ first: 11, stabled: 10, committed: 10, applied: 2 });
    expect(log.pendingSnapshot).toBe(snap);
    expect(log.lastIndex()).toBe(10);
    expect(log.term(10)).toBe(4);
    expect(log.lastTerm()).toBe(4);
    expect(() => log.term(9)).toThrow(CompactedError);
  });

  test('the next Ready carries it; advance leaves applied at the snapshot index', () => {
    const { rn, storage, snap } = restored();
    expect(rn.hasReady()).toBe(true);
    const rd = rn.ready();
    expect(rd.snapshot).toBe(snap);
    expect(rd.committedEntries).toEqual([]);
    storage.applySnapshot(snap);
    rn.advance(rd);
    expect(rn.raft.raftLog).toMatchObject({ applied: 10, pendingSnapshot: null, first: 11 });
  });

  test('entries that follow the snapshot in the same Ready are applied after it', () => {
    const { rn, storage, snap } = restored();
    const log = rn.raft.raftLog;
    log.maybeAppend(10, entriesWithTerms([4, 4], 11));
    log.commitTo(12);
    const rd = rn.ready();
    expect(rd.snapshot).toBe(snap);
    expect(rd.committedEntries.map((e) => e.index)).toEqual([11, 12]);
    storage.applySnapshot(snap);
    storage.append(rd.entries);
    rn.advance(rd);
    expect(log).toMatchObject({ applied: 12, stabled: 12, pendingSnapshot: null });
  });
});

describe('log invariants checked by RawNode', () => {
  /** A RawNode over entries 1..10 of term 1, storage compacted at 5, committed 8, applied 6. */
  function node(): RawNode {
    const storage = memStorage([1, 2, 3], Array(10).fill(1), { term: 1, commit: 8 });
    storage.compact(5);
    return newRawNode(1, { peers: [1, 2, 3], storage, applied: 6 });
  }

  type LogFields = Partial<Pick<RawNode['raft']['raftLog'], 'committed' | 'applied' | 'stabled'>>;
  type BrokenCase = { name: string; breakIt: (rn: RawNode) => void; found: string; ready: string };

  /** A case that breaks rule `name` by setting `fields` on the node's log (in the order given). */
  function broken(name: string, fields: LogFields, found: string, ready: string): BrokenCase {
    return {
      name,
      breakIt: (rn) => {
        Object.assign(rn.raft.raftLog, fields);
      },
      found,
      ready,
    };
  }

  const cases: BrokenCase[] = [
    broken('committed ≤ last', { committed: 12 }, 'committed 12 > last 10', 'commitTo()'),
    broken(
      'committed ≥ first − 1',
      { committed: 3, applied: 3 },
      'committed 3 < first − 1 = 5',
      "committed from storage's hard state",
    ),
    broken('applied ≤ committed', { applied: 9 }, 'applied 9 > committed 8', 'Config.applied'),
    broken(
      'applied ≥ first − 1',
      { applied: 4 },
      'applied 4 < first − 1 = 5',
      'maybeCompact() must never drop an entry not yet applied',
    ),
    broken('stabled ≤ last', { stabled: 11 }, 'stabled 11 > last 10', 'maybeAppend() must move stabled back'),
    broken(
      'stabled ≥ first − 1',
      { stabled: 2 },
      'stabled 2 < first − 1 = 5',
      'stabled = storage.lastIndex()',
    ),
  ];

  test('an unbroken log passes both checkpoints', () => {
    const rn = node();
    expect(rn.raft.raftLog).toMatchObject({ first: 6, committed: 8, applied: 6, stabled: 10 });
    rn.advance(rn.ready());
    expect(rn.raft.raftLog.applied).toBe(8);
  });

  test.each(cases)('ready() reports a broken $name', ({ name, breakIt, found, ready }) => {
    const rn = node();
    breakIt(rn);
    let error: unknown;
    try {
      rn.ready();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RaftInvariantError);
    const err = error as RaftInvariantError;
    expect(err.rule).toBe(name);
    expect(err.message).toContain(found);
    expect(err.message).toContain(ready);
    expect(err.message).toContain('RawNode.ready()');
  });

  test('at the advance() checkpoint the message blames advance()', () => {
    const log = node().raft.raftLog;
    log.applied = 9;
    expect(() => log.checkInvariants('advance')).toThrow(
      /applied ≤ committed broken \(checked at the end of RawNode\.advance\(\)\): applied 9 > committed 8: advance\(\) must move applied only to the last entry the Ready handed out for applying/,
    );
  });

  test('advance() checks after its own work: a log truncated under committed is caught there', () => {
    const rn = node();
    const rd = rn.ready();
    rn.raft.raftLog.entries.length = 1; // entries 6 only: last 6 < committed 8
    expect(() => rn.advance(rd)).toThrow(/committed 8 > last 6: advance\(\) must not move committed/);
  });

  test('applied may lag behind first − 1 only while a restored snapshot is pending', () => {
    const rn = node();
    rn.raft.raftLog.applied = 4;
    rn.raft.raftLog.pendingSnapshot = snapshotAt(5, 1);
    expect(() => rn.raft.raftLog.checkInvariants('ready')).not.toThrow();
  });
});

describe('the lab-3a paths of the reference core', () => {
  test('sendSnapshot: a follower backed off below the compacted log gets storage’s snapshot', () => {
    const storage = memStorage([1, 2, 3], Array(10).fill(1), { term: 1, commit: 10 });
    const rn = newRawNode(1, { peers: [1, 2, 3], storage, applied: 10 });
    forceLeader(rn.raft);
    storage.createSnapshot(8, null, bytes('s8'));
    storage.compact(8);
    rn.raft.raftLog.maybeCompact();
    expect(rn.raft.raftLog.first).toBe(9);
    rn.step(appendReject(2, 1, rn.raft.term, 10, 4));
    const sent = rn.raft.readMessages().filter((m) => m.to === 2);
    expect(sent.map((m) => [m.msgType, m.snapshot?.metadata.index])).toEqual([[MessageType.MsgSnapshot, 8]]);
    expect(rn.raft.prs.get(2)).toMatchObject({ state: ProgressState.Snapshot, pendingSnapshot: 8 });
  });

  test('handleSnapshot: a follower receiving MsgSnapshot restores it and acknowledges its index', () => {
    const r = newRaft(2, { peers: [1, 2, 3] });
    const m = newMessage({
      msgType: MessageType.MsgSnapshot,
      from: 1,
      to: 2,
      term: 1,
      snapshot: snapshotAt(7, 1),
    });
    r.step(m);
    expect(r.raftLog).toMatchObject({ first: 8, committed: 7 });
    expect(r.readMessages().map((x) => [x.msgType, x.index])).toEqual([[MessageType.MsgAppendResponse, 7]]);
  });
});

describe('MemoryStorage snapshot and compaction scaffolding', () => {
  function tenEntries(): MemoryStorage {
    return memStorage([1, 2, 3], [1, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
  }

  test('compact: entry compactIndex becomes the dummy, its term still answers', () => {
    const s = tenEntries();
    s.compact(5);
    expect([s.firstIndex(), s.lastIndex()]).toEqual([6, 10]);
    expect(s.term(5)).toBe(2);
    expect(() => s.term(4)).toThrow(CompactedError);
    expect(() => s.entries(5, 6)).toThrow(CompactedError);
    expect(s.entries(6, 11).map((e) => e.index)).toEqual([6, 7, 8, 9, 10]);
  });

  test('compact: boundaries', () => {
    const s = tenEntries();
    expect(() => s.compact(0)).toThrow(CompactedError);
    expect(() => s.compact(11)).toThrow(UnavailableError);
    s.compact(5);
    expect(() => s.compact(5)).toThrow(CompactedError);
    s.compact(10);
    expect([s.firstIndex(), s.lastIndex(), s.term(10)]).toEqual([11, 10, 3]);
    expect(s.entries(11, 11)).toEqual([]);
    s.append(entriesWithTerms([4], 11));
    expect(s.lastIndex()).toBe(11);
  });

  test('createSnapshot: index, term, membership and data; does not compact', () => {
    const s = tenEntries();
    const snap = s.createSnapshot(6, null, bytes('kv'));
    expect(snap.metadata).toEqual({ index: 6, term: 2, confState: { nodes: [1, 2, 3] } });
    expect(snap.data).toEqual(bytes('kv'));
    expect(s.snapshot()).toBe(snap);
    expect(s.firstIndex()).toBe(1);
    const later = s.createSnapshot(10, { nodes: [1, 2] }, bytes('kv2'));
    expect(later.metadata.confState.nodes).toEqual([1, 2]);
    expect(s.initialState().confState.nodes).toEqual([1, 2]);
  });

  test('createSnapshot: boundaries', () => {
    const s = tenEntries();
    expect(() => s.createSnapshot(11, null, bytes(''))).toThrow(UnavailableError);
    s.createSnapshot(3, null, bytes(''));
    expect(() => s.createSnapshot(3, null, bytes(''))).toThrow(SnapOutOfDateError);
    expect(() => s.createSnapshot(2, null, bytes(''))).toThrow(SnapOutOfDateError);
    s.compact(7);
    expect(() => s.createSnapshot(6, null, bytes(''))).toThrow(CompactedError);
    expect(s.createSnapshot(7, null, bytes('')).metadata).toMatchObject({ index: 7, term: 3 });
  });

  test('applySnapshot replaces the whole log; an older or equal one is refused', () => {
    const s = tenEntries();
    const snap = snapshotAt(20, 5);
    snap.metadata.confState = { nodes: [1, 2, 3, 4] };
    s.applySnapshot(snap);
    expect([s.firstIndex(), s.lastIndex(), s.term(20)]).toEqual([21, 20, 5]);
    expect(() => s.term(19)).toThrow(CompactedError);
    expect(s.snapshot()).toBe(snap);
    expect(s.initialState().confState.nodes).toEqual([1, 2, 3, 4]);
    expect(() => s.applySnapshot(snapshotAt(20, 5))).toThrow(SnapOutOfDateError);
    expect(() => s.applySnapshot(snapshotAt(15, 5))).toThrow(SnapOutOfDateError);
    s.append(entriesWithTerms([5, 6], 21));
    expect(s.entries(21, 23).map((e) => e.term)).toEqual([5, 6]);
  });
});
