// Lab 2b, applying CompactLog (Peer.applyCompactLog) on one real store following a leader the test
// plays: the truncated state moves in the same kv batch as the applied index, only ever forward; the
// first index becomes truncated + 1 (term(truncated) still answers, below it is compacted), and a
// leader replicates from its new first index on.
import { CompactedError } from '@target/raft/errors.js';
import { MessageType } from '@target/raft/raftpb.js';
import type { StoreStatus } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import type { WriteBatch } from '@target/store/engine.js';
import { applyStateKey } from '@target/store/keys.js';
import { type ApplyState, decodeApplyState, readApplyState } from '@target/store/meta.js';
import { PeerStorage } from '@target/store/peer-storage.js';
import { caught, check, rule } from '../../harness/rule.js';
import { GcRig, compactLogData, entry, puts } from './gc-rig.js';

const PART = { part: 'lab2b', tags: ['unit'] };

/** The apply states written by the kv batches, in order. */
function appliedStates(batches: readonly WriteBatch[]): ApplyState[] {
  const key = applyStateKey(REGION_ID);
  return batches.flatMap((b) =>
    b.ops.flatMap((op) => (op.type === 'put' && op.key.equals(key) ? [decodeApplyState(op.value)] : [])),
  );
}

/** Checks that the store's truncated index is `truncated` and its first index truncated + 1. */
function checkTruncatedAt(st: StoreStatus, truncated: number, what: string, hint: string): void {
  check(st.truncatedIndex === truncated && st.firstIndex === truncated + 1, what, {
    expected: { truncatedIndex: truncated, firstIndex: truncated + 1 },
    actual: { truncatedIndex: st.truncatedIndex, firstIndex: st.firstIndex },
    hint,
  });
}

rule(
  'lab2b.apply.truncated-state',
  'applying CompactLog moves the truncated state in the same kv batch as the applied index',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, [...puts(6, 10), entry(11, 6, compactLogData(8, 6))], 11);
    rig.healthy('applying CompactLog {8, 6} at index 11');
    const st = rig.status();
    check(st.applied === 11, 'setup: the follower applied up to 11', { actual: st });
    checkTruncatedAt(
      st,
      8,
      'after applying CompactLog {index 8, term 6} the truncated index is 8 and the first index 9',
      'set applyState.truncatedState = {index: compactIndex, term: compactTerm} while applying it',
    );
    const persisted = await readApplyState(rig.kvEngine, REGION_ID);
    check(
      persisted?.truncatedState.index === 8 && persisted.truncatedState.term === 6,
      'the kv engine’s apply state holds truncated_state {8, 6}',
      { actual: persisted },
    );
    const states = appliedStates(rig.kvEngine.batches);
    const at11 = states.find((s) => s.appliedIndex === 11);
    const at10 = states.find((s) => s.appliedIndex === 10);
    check(
      at11?.truncatedState.index === 8 && at10?.truncatedState.index === 5,
      'the truncated state moves in the very kv batch that sets the applied index to the CompactLog’s index',
      {
        expected: 'batch with applied 10: truncated 5; batch with applied 11: truncated 8',
        actual: { applied10: at10?.truncatedState, applied11: at11?.truncatedState },
        hint: 'a crash must never leave applied 11 with truncated 5 or the reverse: one batch, one write',
      },
    );
    check(
      (await rig.countLog()) === 6 && rig.rt.tasks.length >= 1,
      'applying schedules the deletion (runtime.spawn); it deletes nothing itself',
      {
        expected: 'raft-log keys 6..11 all present, one log-GC task scheduled',
        actual: { logKeys: await rig.countLog(), tasks: rig.rt.tasks.length },
        hint: 'this.logGc.schedule(compactIndex): the worker deletes later, in the background',
      },
    );
    await rig.appendFromLeader(6, 11, 6, puts(12, 12), 12);
    rig.healthy('appending after the truncation');
    check(rig.status().applied === 12, 'the follower keeps appending and applying after the truncation', {
      actual: rig.status(),
    });
    // The next CompactLog's apply batch does not land (a slow disk): until it does, the live truncated
    // state, which PeerStorage.firstIndex() and the GC worker read, must stay the durable one.
    rig.kvEngine.holdWrites = true;
    await rig.appendFromLeader(6, 12, 6, [entry(13, 6, compactLogData(10, 6))], 13);
    rig.healthy('applying CompactLog {10, 6} on a slow disk');
    check(rig.kvEngine.heldWrites === 1, 'setup: the apply batch of CompactLog {10, 6} should be in flight', {
      expected: 1,
      actual: rig.kvEngine.heldWrites,
    });
    const inFlight = rig.status();
    rig.crash();
    rig.kvEngine.dropHeld();
    checkTruncatedAt(
      inFlight,
      8,
      'while the apply batch of CompactLog {10, 6} is in flight, the truncated index is still 8 and the first index 9',
      'replace applyState.truncatedState with a new object: the current one is the live state (PeerStorage.firstIndex() reads it), which must move only once the batch has landed',
    );
  },
);

rule(
  'lab2b.apply.only-forward',
  'an older CompactLog applied after a newer one never moves the truncated state back',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, [...puts(6, 12), entry(13, 6, compactLogData(10, 6))], 13);
    check(rig.status().truncatedIndex === 10, 'setup: CompactLog {10, 6} applied', { actual: rig.status() });
    // A later leader whose applied index was lower proposed CompactLog {8, 6}: it comes later in the log.
    await rig.appendFromLeader(6, 13, 6, [entry(14, 6, compactLogData(8, 6)), ...puts(15, 15)], 15);
    rig.healthy('applying an older CompactLog');
    const st = rig.status();
    const persisted = await readApplyState(rig.kvEngine, REGION_ID);
    const at14 = appliedStates(rig.kvEngine.batches).find((s) => s.appliedIndex === 14);
    checkTruncatedAt(
      st,
      10,
      'CompactLog {8} after CompactLog {10}: the truncated index stays 10',
      'only move the truncated state forward (compactIndex > truncatedState.index); entries 9..10 are gone',
    );
    check(
      at14?.truncatedState.index === 10 && persisted?.truncatedState.index === 10,
      'nor in the kv engine: the apply state written at 14, and the last one, keep truncated 10',
      { actual: { applied14: at14?.truncatedState, last: persisted?.truncatedState } },
    );
  },
);

rule(
  'lab2b.apply.first-index-and-term',
  'after truncation: firstIndex = truncated + 1, term(truncated) answers, below is compacted; the leader replicates from first',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    await rig.appendFromLeader(6, 5, 5, puts(6, 15), 15);
    const term = await rig.becomeLeader();
    await rig.ack(2, 16);
    await rig.ack(3, 12);
    await rig.tick(1);
    const last = rig.status().lastIndex;
    await rig.ack(2, last);
    rig.healthy('proposing and applying CompactLog as the leader');
    const st = rig.status();
    check(
      term === 7 && last === 17,
      'setup: node 1 should lead term 7 and have proposed one CompactLog (entry 17) on its GC tick — see lab2b.tick.trigger-at-limit',
      { expected: { term: 7, lastIndex: 17 }, actual: { term, lastIndex: last } },
    );
    check(
      st.truncatedIndex === 12 && st.firstIndex === 13,
      'setup: with matches 16 (store 2) and 12 (store 3), applying the leader’s CompactLog should move the truncated index to 12 — is the compact index min(applied, every follower’s match)? (lab2b.tick.compact-index)',
      {
        expected: { truncatedIndex: 12, firstIndex: 13 },
        actual: { truncatedIndex: st.truncatedIndex, firstIndex: st.firstIndex },
      },
    );

    // What a restart reads: PeerStorage over the engines as they are now.
    const ps = await PeerStorage.load(rig.raftEngine, rig.kvEngine, REGION_ID);
    const t12 = caught(() => ps.term(12)) ?? ps.term(12);
    const e11 = caught(() => ps.term(11));
    const e12 = caught(() => ps.entries(12, 14));
    const live = ps.entries(13, 18).map((e) => e.index);
    check(ps.firstIndex() === 13, 'PeerStorage.firstIndex() = truncated index + 1', {
      expected: 13,
      actual: ps.firstIndex(),
    });
    check(t12 === 6, 'term(12), the truncated index, answers from the truncated state', {
      expected: 6,
      actual: t12,
      hint: 'the truncated term is the CompactLog’s compactTerm: the leader proposes the term of entry 12 (raftLog.term(compactIndex), here 6), not its own term 7 (lab2b.tick.compact-index)',
    });
    check(
      e11 instanceof CompactedError && e12 instanceof CompactedError,
      'below the first index is compacted',
      {
        expected: 'term(11) and entries(12, 14) throw CompactedError',
        actual: { term11: e11 ?? ps.term(11), entries12: e12 ?? 'returned entries' },
      },
    );
    check(
      live.join() === '13,14,15,16,17' && ps.term(17) === 7 && ps.lastIndex() === 17,
      'first..last all there',
      {
        expected: [13, 14, 15, 16, 17],
        actual: live,
      },
    );

    // Store 3 (match 12) rejects the append after 15, hinting 12: the leader must go back to its
    // truncated index 12 — just within reach — and send from its first index on.
    rig.takeSent();
    await rig.deliver(3, {
      msgType: MessageType.MsgAppendResponse,
      term,
      reject: true,
      index: 15,
      rejectHint: 12,
    });
    rig.healthy('sending to a follower at the first index');
    const app = rig.takeSent().find((m) => m.msgType === MessageType.MsgAppend && m.to === 3);
    check(
      app !== undefined && app.index === 12 && app.logTerm === 6 && app.entries[0]?.index === 13,
      'MsgAppend to store 3 (match 12) carries prev (12, 6) — the truncated index and term — and entries from 13',
      {
        expected: { index: 12, logTerm: 6, firstEntry: 13 },
        actual:
          app === undefined
            ? 'no MsgAppend'
            : { index: app.index, logTerm: app.logTerm, firstEntry: app.entries[0]?.index },
        hint: 'RaftLog.term(first − 1) comes from storage’s truncated state (lab2a); PeerStorage.term(truncated) answers',
      },
    );
  },
);
