// Lab 1c — the log's marks never move the wrong way, and a pending snapshot is a Ready's work: stableTo()
// never moves stabled back (a late, older confirmation must not re-open persisted entries), appliedTo()
// never moves applied past committed nor back, and a snapshot waiting in the log makes hasReady() true,
// goes out in the next Ready and is cleared by that Ready's advance(). RaftLog and RawNode are driven
// directly over a MemoryStorage.
import { RaftLog } from '@target/raft/log.js';
import type { Snapshot } from '@target/raft/raftpb.js';
import { MemoryStorage } from '@target/raft/storage.js';
import { dataEntry, memStorage, newRawNode } from '../../harness/raftfix.js';
import { caught, check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1c', tags: ['unit'] };

/** The log's marks, read through a call (so check() narrowing does not stick across steps). */
function marks(log: RaftLog): { stabled: number; applied: number; committed: number } {
  return { stabled: log.stabled, applied: log.applied, committed: log.committed };
}

rule(
  'lab1c.log.stabled-never-back',
  'stableTo never moves stabled back: a late confirmation of an older entry changes nothing',
  { ...UNIT, points: 1 },
  () => {
    const log = new RaftLog(memStorage([1, 2, 3], [1, 1, 1], { term: 1, commit: 3 }));
    log.append([dataEntry(4, 2, 'a'), dataEntry(5, 2, 'b')]);
    check(log.stabled === 3, 'setup: entries 1..3 come from storage (stable), 4..5 were just appended', {
      expected: 'stabled 3',
      actual: `stabled ${log.stabled}`,
    });
    log.stableTo(5, 2);
    check(marks(log).stabled === 5, 'stableTo(5, 2): entry 5 still has term 2, so stabled moves to 5', {
      expected: 5,
      actual: log.stabled,
    });
    // A second Ready's confirmation (entries up to 4) arriving after the first one's (up to 5).
    log.stableTo(4, 2);
    check(
      marks(log).stabled === 5,
      'stableTo(4, 2) after stabled reached 5 must leave stabled at 5: entry 5 is persisted, moving back would hand it out again in Ready.entries',
      {
        expected: 'stabled 5',
        actual: `stabled ${log.stabled}`,
        hint: 'stableTo(i, t) moves stabled only forward: when i > stabled and the entry at i still has term t',
      },
    );
  },
);

/** Runs f and describes the outcome: the new applied index, or what it threw. */
function outcome(log: RaftLog, f: () => void): string {
  const e = caught(f);
  return e === undefined ? `applied ${log.applied}` : `threw ${(e as Error).name}, applied ${log.applied}`;
}

rule(
  'lab1c.log.applied-bounds',
  'appliedTo accepts every index in [applied, committed] and never moves applied past committed or back',
  { ...UNIT, points: 1 },
  () => {
    const log = new RaftLog(memStorage([1, 2, 3], [1, 1, 1, 1, 1], { term: 1, commit: 3 }));
    check(log.committed === 3 && log.applied === 0, 'setup: entries 1..5, committed 3, nothing applied', {
      actual: { committed: log.committed, applied: log.applied },
    });
    const hint = 'appliedTo(i) sets applied = i only for applied ≤ i ≤ committed; refuse (throw) any other i';
    for (const i of [2, 2, 3]) {
      const got = outcome(log, () => log.appliedTo(i));
      check(
        got === `applied ${i}`,
        `appliedTo(${i}) is within [applied, committed 3]: applied becomes ${i}`,
        {
          expected: `applied ${i}`,
          actual: got,
          hint,
        },
      );
    }
    const past = outcome(log, () => log.appliedTo(4));
    check(
      marks(log).applied === 3,
      'appliedTo(4) with committed 3 must not move applied: entry 4 is not committed, applying it could apply an entry a new leader overwrites',
      { expected: 'applied stays 3 (appliedTo may throw)', actual: past, hint },
    );
    const back = outcome(log, () => log.appliedTo(1));
    check(
      marks(log).applied === 3,
      'appliedTo(1) after applied reached 3 must not move applied back: entries 2..3 would be handed out and applied twice',
      { expected: 'applied stays 3 (appliedTo may throw)', actual: back, hint },
    );
  },
);

rule(
  'lab1c.ready.pending-snapshot',
  'a pending snapshot makes a Ready, goes out in it, and that Ready’s advance() clears it',
  { ...UNIT, points: 1 },
  () => {
    const snap: Snapshot = {
      data: new Uint8Array([1]),
      metadata: { index: 5, term: 2, confState: { nodes: [1, 2, 3] } },
    };
    const storage = new MemoryStorage([1, 2, 3]);
    storage.applySnapshot(snap);
    storage.setHardState({ term: 2, vote: 0, commit: 5 });
    const n = newRawNode(1, { peers: [1, 2, 3], storage });
    check(!n.hasReady(), 'setup: a fresh follower over a snapshot at 5 has nothing to do', {});
    // What lab 3's restore() leaves behind when a follower receives the leader's snapshot.
    n.raft.raftLog.pendingSnapshot = snap;
    check(
      n.hasReady(),
      'a snapshot waiting in raftLog.pendingSnapshot is work for the application: hasReady() must be true',
      {
        expected: 'hasReady() true',
        actual: 'false',
        hint: 'hasReady(): a pending snapshot is one of the things a Ready carries',
      },
    );
    const rd = n.ready();
    check(rd.snapshot === snap, 'the Ready hands out the pending snapshot for the application to install', {
      expected: 'Ready.snapshot = the snapshot at 5',
      actual: rd.snapshot === null ? 'null' : `snapshot at ${rd.snapshot.metadata.index}`,
    });
    n.advance(rd);
    const pending = n.raft.raftLog.pendingSnapshot;
    check(
      pending === null && !n.hasReady(),
      'after advance() of the Ready that carried it, the snapshot is installed: no longer pending, and no Ready is left',
      {
        expected: 'pendingSnapshot null, hasReady() false',
        actual: `pendingSnapshot ${pending === null ? 'null' : `at ${pending.metadata.index}`}, hasReady() ${n.hasReady()}`,
        hint: 'advance(rd): when rd.snapshot is set, clear raftLog.pendingSnapshot (else every Ready installs it again)',
      },
    );
  },
);
