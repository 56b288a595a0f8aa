// Lab 2a: the Raft log's side of log GC. Once storage has compacted entries (its firstIndex moved
// up), RaftLog.maybeCompact() drops them from memory — but never an entry that is unstable or not yet
// applied — and the log still answers term(firstIndex - 1), the truncated index.
import { CompactedError } from '@target/raft/errors.js';
import { RaftLog } from '@target/raft/log.js';
import { type Entry, newEntry } from '@target/raft/raftpb.js';
import { RawNode } from '@target/raft/rawnode.js';
import { MemoryStorage, type Storage } from '@target/raft/storage.js';
import { caught, check, rule } from '../../harness/rule.js';

const PART = { part: 'lab2a', points: 2, tags: ['unit'] };

/** Entries first..last with the given term function. */
function entries(first: number, last: number, termOf: (i: number) => number = () => 1): Entry[] {
  const out: Entry[] = [];
  for (let i = first; i <= last; i++)
    out.push(newEntry({ index: i, term: termOf(i), data: new Uint8Array([i]) }));
  return out;
}

/** A log over MemoryStorage holding 1..last, all stable, committed and applied up to `applied`. */
function stableLog(
  last: number,
  applied: number,
  termOf?: (i: number) => number,
): { log: RaftLog; storage: MemoryStorage } {
  const storage = new MemoryStorage([1, 2, 3]);
  storage.append(entries(1, last, termOf));
  storage.setHardState({ term: termOf ? termOf(last) : 1, vote: 1, commit: applied });
  const log = new RaftLog(storage);
  log.applied = applied;
  return { log, storage };
}

/** A Storage whose firstIndex can be pushed past what the node has applied (a defensive check). */
class AheadStorage extends MemoryStorage {
  forcedFirst = 0;
  override firstIndex(): number {
    return Math.max(super.firstIndex(), this.forcedFirst);
  }
}

rule(
  'lab2a.compact.drops-compacted',
  'maybeCompact drops in-memory entries below storage.firstIndex()',
  PART,
  () => {
    const { log, storage } = stableLog(10, 10);
    storage.compact(6);
    log.maybeCompact();
    const held = log.allEntries().map((e) => e.index);
    check(held[0] === 7, 'after storage compacted up to 6, the log must hold entries from 7 on', {
      expected: [7, 8, 9, 10],
      actual: held,
      hint: 'drop entries with index < storage.firstIndex() from the in-memory entries',
    });
    check(held.length === 4 && held.at(-1) === 10, 'entries after the compaction point must all be kept', {
      expected: [7, 8, 9, 10],
      actual: held,
    });
    check(log.lastIndex() === 10, 'lastIndex() does not change when compacting', {
      expected: 10,
      actual: log.lastIndex(),
    });
  },
);

rule('lab2a.compact.term-at-truncated', 'term(truncated index) still answers after compaction', PART, () => {
  const { log, storage } = stableLog(10, 10, (i) => (i <= 4 ? 1 : 2));
  storage.compact(6);
  log.maybeCompact();
  let t: unknown;
  try {
    t = log.term(6);
  } catch (e) {
    t = e;
  }
  check(t === 2, 'term(6) must answer with the truncated entry’s term: the leader needs it as prevLogTerm', {
    expected: 2,
    actual: t,
    hint: 'term(first - 1) comes from storage (its truncated state), not from memory',
  });
  check(log.term(7) === 2, 'term of the first held entry', { expected: 2, actual: log.term(7) });
});

rule(
  'lab2a.compact.below-first-compacted',
  'term/slice below the first index raise CompactedError',
  PART,
  () => {
    const { log, storage } = stableLog(10, 10);
    storage.compact(6);
    log.maybeCompact();
    const te = caught(() => log.term(5));
    check(te instanceof CompactedError, 'term(5) below the truncated index 6 must throw CompactedError', {
      expected: 'CompactedError',
      actual: te === undefined ? `returned ${log.term(5)}` : te,
    });
    const se = caught(() => log.slice(6, 9));
    check(se instanceof CompactedError, 'slice(6, 9) starts below the first index 7: CompactedError', {
      expected: 'CompactedError',
      actual: se === undefined ? 'returned entries' : se,
    });
    const ok = log.slice(7, 9).map((e) => e.index);
    check(ok.join() === '7,8', 'slice(7, 9) must return entries 7 and 8', { expected: [7, 8], actual: ok });
  },
);

rule('lab2a.compact.keeps-unapplied', 'never drops an entry that is not yet applied', PART, () => {
  const storage = new AheadStorage([1, 2, 3]);
  storage.append(entries(1, 10));
  storage.setHardState({ term: 1, vote: 1, commit: 10 });
  const log = new RaftLog(storage);
  log.applied = 5;
  storage.forcedFirst = 9;
  log.maybeCompact();
  const held = log.allEntries().map((e) => e.index);
  check(held[0] === 6, 'entries 6..10 are committed but not applied: the application still needs them', {
    expected: 'first held entry 6',
    actual: `first held entry ${held[0] ?? 'none'}`,
    hint: 'compact to min(storage.firstIndex(), applied + 1, stabled + 1)',
  });
});

rule('lab2a.compact.keeps-unstable', 'never drops an entry that is not yet persisted', PART, () => {
  const storage = new AheadStorage([1, 2, 3]);
  storage.append(entries(1, 4));
  storage.setHardState({ term: 1, vote: 1, commit: 4 });
  const log = new RaftLog(storage);
  log.applied = 4;
  log.append(entries(5, 8));
  storage.forcedFirst = 7;
  log.maybeCompact();
  const held = log.allEntries().map((e) => e.index);
  check(
    held.includes(5) && held.includes(8),
    'entries 5..8 are unstable (not in storage yet): they must stay',
    {
      expected: 'entries 5..8 held',
      actual: held,
    },
  );
  check(held[0] === 5, 'stable, applied entries below storage’s first index may go', {
    expected: 'first held entry 5',
    actual: `first held entry ${held[0] ?? 'none'}`,
  });
  // Applied may run ahead of stabled (committed entries handed out before they are persisted here):
  // the applied bound alone would then let unstable entries go.
  const storage2 = new AheadStorage([1, 2, 3]);
  storage2.append(entries(1, 4));
  storage2.setHardState({ term: 1, vote: 1, commit: 4 });
  const ahead = new RaftLog(storage2);
  ahead.append(entries(5, 8));
  storage2.forcedFirst = 7;
  ahead.committed = 8;
  ahead.applied = 6;
  ahead.maybeCompact();
  const kept = ahead.allEntries().map((e) => e.index);
  check(
    kept[0] === 5,
    'with applied 6 ahead of stabled 4, entries 5 and 6 are applied but not persisted: they stay',
    {
      expected: 'first held entry 5 (compact to at most stabled + 1, whatever applied says)',
      actual: `first held entry ${kept[0] ?? 'none'}`,
      hint: 'compact to min(storage.firstIndex(), applied + 1, stabled + 1)',
    },
  );
});

rule(
  'lab2a.compact.repeated-compactions',
  'successive compactions each move the first index forward',
  PART,
  () => {
    const { log, storage } = stableLog(20, 20);
    const firsts: number[] = [];
    for (const c of [3, 3, 9, 15]) {
      if (c > storage.firstIndex() - 1) storage.compact(c);
      log.maybeCompact();
      firsts.push(log.allEntries()[0]?.index ?? -1);
    }
    check(
      firsts.join() === '4,4,10,16',
      'the log’s first held entry must follow storage.firstIndex(), and a repeated call changes nothing',
      {
        expected: [4, 4, 10, 16],
        actual: firsts,
      },
    );
    check(log.term(15) === 1 && log.lastIndex() === 20, 'term(truncated) and lastIndex still answer', {
      expected: { term15: 1, last: 20 },
      actual: { last: log.lastIndex() },
    });
  },
);

rule(
  'lab2a.compact.advance-compacts',
  'RawNode.advance lets the log drop what storage compacted',
  PART,
  () => {
    const storage = new MemoryStorage([1]);
    const rn = new RawNode({ id: 1, electionTick: 10, heartbeatTick: 1, storage, random: { int: () => 0 } });
    rn.campaign();
    const drain = (): void => {
      while (rn.hasReady()) {
        const rd = rn.ready();
        if (rd.hardState) storage.setHardState(rd.hardState);
        storage.append(rd.entries);
        rn.advance(rd);
      }
    };
    drain();
    for (let i = 0; i < 8; i++) {
      rn.propose(new Uint8Array([i]));
      drain();
    }
    const applied = rn.raft.raftLog.applied;
    check(applied >= 9, 'setup: a single-node leader applies its proposals', {
      expected: '>= 9',
      actual: applied,
    });
    storage.compact(6);
    rn.propose(new Uint8Array([99]));
    drain();
    const first = rn.raft.raftLog.allEntries()[0]?.index;
    check(first === 7, 'after storage.compact(6) and the next advance(), the in-memory log must start at 7', {
      expected: 7,
      actual: first,
      hint: 'call raftLog.maybeCompact() from RawNode.advance()',
    });
  },
);

rule(
  'lab2a.compact.leader-replicates-after-compaction',
  'a leader with a compacted log still replicates to a follower within reach',
  PART,
  () => {
    // Leader 1 holds 1..10 (term 1), storage compacted to 6; follower 2 has next = 8.
    const storage: Storage & MemoryStorage = new MemoryStorage([1, 2]);
    storage.append(entries(1, 10));
    storage.setHardState({ term: 1, vote: 1, commit: 10 });
    const rn = new RawNode({
      id: 1,
      electionTick: 10,
      heartbeatTick: 1,
      storage,
      applied: 10,
      random: { int: () => 0 },
    });
    rn.raft.becomeCandidate();
    rn.raft.becomeLeader();
    rn.raft.readMessages();
    storage.compact(6);
    rn.raft.raftLog.maybeCompact();
    const pr = rn.raft.prs.get(2)!;
    pr.match = 7;
    pr.next = 8;
    rn.raft.sendAppend(2);
    const app = rn.raft.msgs.at(-1);
    check(
      app !== undefined && app.index === 7 && app.logTerm === 1,
      'MsgAppend to a follower at next = 8 carries prev (7, 1)',
      {
        expected: { index: 7, logTerm: 1 },
        actual: app === undefined ? 'no message' : { index: app.index, logTerm: app.logTerm },
      },
    );
    check(app.entries[0]?.index === 8, 'and the entries from 8 on', {
      expected: 8,
      actual: app.entries[0]?.index,
    });
  },
);

rule(
  'lab2a.compact.everything-compacted',
  'a log compacted up to its last entry still answers and appends',
  PART,
  () => {
    // An idle leader compacts up to its applied index, which may be its last one: no entry is left in memory.
    const { log, storage } = stableLog(10, 10, (i) => (i <= 8 ? 1 : 2));
    storage.compact(10);
    log.maybeCompact();
    const held = log.allEntries().map((e) => e.index);
    check(held.length === 0, 'every entry up to 10 is stable, applied and compacted: none is held', {
      expected: [],
      actual: held,
    });
    const last = caught(() => log.lastIndex()) ?? log.lastIndex();
    const lastTerm = caught(() => log.lastTerm()) ?? log.lastTerm();
    check(last === 10 && lastTerm === 2, 'lastIndex()/lastTerm() answer from the truncated state (10, 2)', {
      expected: { lastIndex: 10, lastTerm: 2 },
      actual: { lastIndex: last, lastTerm },
      hint: 'with no entry held, lastIndex() is first - 1 and term(first - 1) comes from storage',
    });
    log.append(entries(11, 12, () => 3));
    const ok = log.slice(11, 13).map((e) => e.index);
    check(ok.join() === '11,12' && log.lastIndex() === 12, 'new entries continue the log at 11', {
      expected: [11, 12],
      actual: ok,
    });
  },
);
