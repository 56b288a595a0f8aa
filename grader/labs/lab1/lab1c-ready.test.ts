// Lab 1c — Ready and advance (RawNode): a Ready reports soft and hard state only when they changed (null
// otherwise), the unstable entries to persist, the committed entries to apply and the messages to send;
// advance() moves stabled and applied so that nothing is handed out twice; with nothing to do there is
// no Ready. The application's loop is played by the test over a MemoryStorage.
import { NONE, StateType } from '@target/raft/raft.js';
import { type Entry, MessageType } from '@target/raft/raftpb.js';
import type { Ready } from '@target/raft/rawnode.js';
import type { MemoryStorage } from '@target/raft/storage.js';
import {
  appendMsg,
  appendResp,
  bytes,
  dataEntry,
  memStorage,
  newRawNode,
  showEntries,
  showMsgs,
  text,
  voteResp,
} from '../../harness/raftfix.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1c', tags: ['unit'] };

/** Persists what a Ready asks to persist (hard state, entries), as the application must. */
function persist(s: MemoryStorage, rd: Ready): void {
  if (rd.hardState !== null) s.setHardState(rd.hardState);
  s.append(rd.entries);
}

function same(es: readonly Entry[], want: readonly Entry[]): boolean {
  return (
    es.length === want.length &&
    es.every(
      (e, k) =>
        e.index === want[k]!.index && e.term === want[k]!.term && text(e.data) === text(want[k]!.data),
    )
  );
}

function showReady(rd: Ready): Record<string, unknown> {
  return {
    softState: rd.softState,
    hardState: rd.hardState,
    entries: showEntries(rd.entries),
    committedEntries: showEntries(rd.committedEntries),
    messages: showMsgs(rd.messages),
  };
}

rule(
  'lab1c.ready.single-node-start',
  'a single node campaigns, proposes and gets its entries back to persist and apply',
  { ...UNIT, points: 3 },
  () => {
    const s = memStorage([1]);
    const n = newRawNode(1, { peers: [1], storage: s });
    check(!n.hasReady(), 'a fresh node over empty storage has nothing to do: hasReady() is false', {});
    n.campaign();
    check(n.hasReady(), 'after campaign() there is work (new term, vote, role, no-op entry)', {});
    const rd1 = n.ready();
    check(
      rd1.softState !== null && rd1.softState.lead === 1 && rd1.softState.raftState === StateType.Leader,
      'the first Ready reports the new soft state: leader 1',
      {
        actual: showReady(rd1),
      },
    );
    check(
      rd1.hardState !== null && rd1.hardState.term === 1 && rd1.hardState.vote === 1,
      'the new term and vote must be persisted: hardState {term 1, vote 1}',
      {
        actual: showReady(rd1),
      },
    );
    check(
      rd1.entries.length === 1 && rd1.entries[0]!.index === 1 && rd1.entries[0]!.term === 1,
      "the leader's no-op 1@1 is unstable: it is in Ready.entries",
      {
        actual: showReady(rd1),
      },
    );
    check(rd1.messages.length === 0, 'alone, there is nobody to send to', { actual: showReady(rd1) });
    check(
      same(rd1.committedEntries, [dataEntry(1, 1, '')]) && rd1.hardState?.commit === 1,
      'alone, the leader is its own majority: its no-op is committed at once (committedEntries = [1@1], commit 1)',
      { actual: showReady(rd1) },
    );
    persist(s, rd1);
    n.advance(rd1);
    check(!n.hasReady(), 'after advance() everything of that Ready is done: hasReady() is false', {});
    n.propose(bytes('foo'));
    const rd2 = n.ready();
    const foo = dataEntry(2, 1, 'foo');
    check(same(rd2.entries, [foo]), 'Ready.entries holds exactly the new unstable entry 2@1 "foo"', {
      expected: '[2@1]',
      actual: showReady(rd2),
    });
    const wantCommitted = [foo];
    check(
      same(rd2.committedEntries, wantCommitted),
      'alone, the proposal is committed at once: committedEntries = every committed entry not applied yet',
      {
        expected: showEntries(wantCommitted),
        actual: showReady(rd2),
      },
    );
    check(
      rd2.hardState !== null && rd2.hardState.commit === 2,
      'the commit index moved: hardState reports commit 2',
      { actual: showReady(rd2) },
    );
    check(rd2.softState === null, 'the soft state did not change: softState is null', {
      actual: showReady(rd2),
    });
    persist(s, rd2);
    n.advance(rd2);
    check(!n.hasReady(), 'after advance() there is no Ready left', {});
  },
);

rule(
  'lab1c.ready.states-only-when-changed',
  'softState and hardState are reported only when they change',
  { ...UNIT, points: 2 },
  () => {
    const s = memStorage([1, 2, 3]);
    const n = newRawNode(1, { peers: [1, 2, 3], storage: s });
    n.campaign();
    const rd1 = n.ready();
    check(
      rd1.softState?.raftState === StateType.Candidate && rd1.softState.lead === NONE,
      'campaign: softState {Candidate, no leader}',
      { actual: showReady(rd1) },
    );
    check(
      rd1.hardState?.term === 1 && rd1.hardState.vote === 1 && rd1.hardState.commit === 0,
      'campaign: hardState {term 1, vote 1, commit 0} must be persisted before the vote requests go out',
      {
        actual: showReady(rd1),
      },
    );
    check(
      rd1.messages.filter((m) => m.msgType === MessageType.MsgRequestVote).length === 2,
      'campaign: two vote requests to send',
      { actual: showReady(rd1) },
    );
    persist(s, rd1);
    n.advance(rd1);
    n.step(voteResp(2, 1, 1, false));
    const rd2 = n.ready();
    check(
      rd2.softState?.raftState === StateType.Leader && rd2.softState.lead === 1,
      'elected: softState {Leader, lead 1}',
      { actual: showReady(rd2) },
    );
    check(rd2.hardState === null, 'elected: term, vote and commit are unchanged, so hardState is null', {
      actual: showReady(rd2),
    });
    check(
      rd2.entries.length === 1 && rd2.messages.length === 2,
      'elected: the no-op to persist and two appends to send',
      { actual: showReady(rd2) },
    );
    persist(s, rd2);
    n.advance(rd2);
    n.step(appendResp(2, 1, 1, 1));
    const rd3 = n.ready();
    check(rd3.softState === null, 'commit: the role is unchanged, softState is null', {
      actual: showReady(rd3),
    });
    check(rd3.hardState?.commit === 1, 'commit: hardState reports commit 1', { actual: showReady(rd3) });
    check(
      rd3.entries.length === 0 && rd3.committedEntries.length === 1 && rd3.committedEntries[0]!.index === 1,
      'commit: nothing new to persist, the no-op to apply',
      {
        actual: showReady(rd3),
      },
    );
    persist(s, rd3);
    n.advance(rd3);
    n.tick();
    check(n.hasReady(), 'a heartbeat tick leaves messages to send: hasReady() must be true', {});
    const rd4 = n.ready();
    check(
      rd4.softState === null &&
        rd4.hardState === null &&
        rd4.entries.length === 0 &&
        rd4.committedEntries.length === 0,
      'heartbeat tick: only messages in the Ready',
      {
        actual: showReady(rd4),
      },
    );
    check(
      rd4.messages.length === 2 && rd4.messages.every((m) => m.msgType === MessageType.MsgHeartbeat),
      'heartbeat tick: two heartbeats to send',
      { actual: showReady(rd4) },
    );
    n.advance(rd4);
    check(!n.hasReady(), 'messages handed out in a Ready are not handed out again', {});
  },
);

rule(
  'lab1c.ready.entries-are-unstable',
  'Ready.entries are exactly the entries not yet persisted, including a replaced tail',
  { ...UNIT, points: 2 },
  () => {
    const s = memStorage([1, 2, 3]);
    const n = newRawNode(1, { peers: [1, 2, 3], storage: s });
    const a = dataEntry(1, 1, 'a');
    const b = dataEntry(2, 1, 'b');
    n.step(appendMsg(2, 1, 1, 0, 0, [a, b], 0));
    const rd1 = n.ready();
    check(
      same(rd1.entries, [a, b]),
      'a follower must persist the entries it accepted: Ready.entries = [1@1 2@1]',
      { actual: showReady(rd1) },
    );
    check(
      rd1.softState?.lead === 2 && rd1.hardState?.term === 1,
      'it learned term 1 (hard state) and its leader 2 (soft state)',
      { actual: showReady(rd1) },
    );
    check(
      rd1.messages.length === 1 && rd1.messages[0]!.msgType === MessageType.MsgAppendResponse,
      'the acknowledgement goes out with this Ready (after persisting)',
      {
        actual: showReady(rd1),
      },
    );
    persist(s, rd1);
    n.advance(rd1);
    check(n.raft.raftLog.stabled === 2, 'advance() marks the persisted entries stable: stabled = 2', {
      actual: `stabled=${n.raft.raftLog.stabled}`,
    });
    const c = dataEntry(2, 2, 'c');
    const d = dataEntry(3, 2, 'd');
    n.step(appendMsg(2, 1, 2, 1, 1, [c, d], 0));
    const rd2 = n.ready();
    check(
      same(rd2.entries, [c, d]),
      'entry 2@1 was replaced by 2@2: Ready.entries starts at the replaced index, [2@2 3@2], and does not repeat 1@1',
      {
        actual: showReady(rd2),
      },
    );
    persist(s, rd2);
    n.advance(rd2);
    check(
      s.lastIndex() === 3 && s.term(2) === 2 && !n.hasReady(),
      'after persisting and advancing, storage holds [1@1 2@2 3@2] and nothing is left to do',
      {
        actual: `storage last=${s.lastIndex()}`,
      },
    );
  },
);

rule(
  'lab1c.ready.committed-entries',
  'committedEntries are the entries in (applied, commit], each handed out once',
  { ...UNIT, points: 2 },
  () => {
    const s = memStorage([1, 2, 3]);
    const n = newRawNode(1, { peers: [1, 2, 3], storage: s });
    const es = [dataEntry(1, 1, 'x'), dataEntry(2, 1, 'y'), dataEntry(3, 1, 'z')];
    n.step(appendMsg(2, 1, 1, 0, 0, es, 0));
    let rd = n.ready();
    check(rd.committedEntries.length === 0, 'nothing is committed yet', { actual: showReady(rd) });
    persist(s, rd);
    n.advance(rd);
    n.step(appendMsg(2, 1, 1, 3, 1, [], 2));
    rd = n.ready();
    check(same(rd.committedEntries, es.slice(0, 2)), 'the leader committed 2: committedEntries = [1@1 2@1]', {
      actual: showReady(rd),
    });
    check(rd.hardState?.commit === 2, 'and the new commit index is in the hard state', {
      actual: showReady(rd),
    });
    persist(s, rd);
    // The leader's commit 3 arrives while this Ready (which handed out 1 and 2) is being handled.
    n.step(appendMsg(2, 1, 1, 3, 1, [], 3));
    check(n.raft.raftLog.committed === 3, 'setup: a MsgAppend with commit 3 moves the commit index to 3', {
      actual: `committed=${n.raft.raftLog.committed}`,
    });
    n.advance(rd);
    check(
      n.raft.raftLog.applied === 2,
      'advance(rd) records what rd handed out for applying (entries 1 and 2): applied = 2, even though commit moved to 3 meanwhile (entry 3 has not been applied)',
      { expected: 'applied=2', actual: `applied=${n.raft.raftLog.applied}` },
    );
    rd = n.ready();
    check(
      same(rd.committedEntries, es.slice(2)),
      'commit 3: only the newly committed entry 3@1 is handed out',
      { actual: showReady(rd) },
    );
    persist(s, rd);
    n.advance(rd);
    check(!n.hasReady(), 'after advance() no Ready is left', {});
  },
);

rule(
  'lab1c.ready.replaced-before-advance',
  'advance() does not mark stable an entry that was replaced after its Ready was taken',
  { ...UNIT, points: 1 },
  () => {
    const s = memStorage([1, 2, 3]);
    const n = newRawNode(1, { peers: [1, 2, 3], storage: s });
    n.step(appendMsg(2, 1, 1, 0, 0, [dataEntry(1, 1, 'a'), dataEntry(2, 1, 'b')], 0));
    const rd1 = n.ready();
    const c = dataEntry(2, 2, 'c');
    n.step(appendMsg(3, 1, 2, 1, 1, [c], 0));
    persist(s, rd1);
    n.advance(rd1);
    const rd2 = n.ready();
    check(
      rd2.entries.some((e) => e.index === 2 && e.term === 2),
      'rd1 persisted 2@1, but 2@1 was replaced by 2@2 before advance(rd1): 2@2 is not stable and must be in the next Ready.entries',
      {
        actual: showReady(rd2),
        hint: 'stableTo(i, t) only moves stabled if the entry at i still has term t',
      },
    );
    persist(s, rd2);
    n.advance(rd2);
    check(s.term(2) === 2 && text(s.entries(2, 3)[0]!.data) === 'c', 'in the end storage holds 2@2', {
      actual: `storage 2@${s.term(2)}`,
    });
  },
);
