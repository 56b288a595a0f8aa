// Lab 2b, the GC tick (Peer.onLogGcTick): on one real store whose two peers the test plays, the leader
// proposes CompactLog exactly when applied − firstIndex reaches the limit and not one entry earlier;
// a follower never proposes one of its own accord; the compact index is min(applied, every follower's
// match) with the term of that entry, and nothing is proposed while a follower is behind the first index.
import { MessageType } from '@target/raft/raftpb.js';
import { check, rule } from '../../harness/rule.js';
import { settle } from '../../harness/manual-runtime.js';
import { TICK_MS } from '../../harness/one-store-rig.js';
import { GcRig, compactLogOf, entry, putData, puts } from './gc-rig.js';

const PART = { part: 'lab2b', tags: ['unit'] };

/** The CompactLogs among entries, as {index, term}. */
function compactLogs(entries: ReturnType<GcRig['sentEntries']>): { index: number; term: number }[] {
  return entries.flatMap((e) => compactLogOf(e) ?? []);
}

rule(
  'lab2b.tick.trigger-at-limit',
  'the leader proposes CompactLog when applied − firstIndex reaches the limit, not one entry before',
  { ...PART, points: 3 },
  async () => {
    const limit = 5;
    const rig = await GcRig.open({ gcCountLimit: limit });
    const term = await rig.becomeLeader();
    await rig.ack(2, 6);
    await rig.ack(3, 6);
    await rig.putAcked(limit - 1);
    rig.takeSent();
    const below = rig.status();
    check(
      below.applied - below.firstIndex === limit - 1,
      'setup: applied − firstIndex is one below the limit',
      {
        actual: below,
      },
    );
    await rig.tick(20);
    rig.healthy('on GC ticks below the limit');
    const early = compactLogs(rig.sentEntries());
    check(
      early.length === 0 && rig.status().lastIndex === below.lastIndex,
      `with applied − firstIndex = ${limit - 1} and gcCountLimit = ${limit}, no CompactLog may be proposed`,
      {
        expected: 'nothing proposed over 20 GC ticks',
        actual:
          early.length > 0
            ? `CompactLog ${JSON.stringify(early[0])}`
            : `last index ${rig.status().lastIndex}`,
        hint: 'the condition is applied − firstIndex >= gcCountLimit',
      },
    );
    await rig.putAcked(1);
    const at = rig.status();
    rig.takeSent();
    await rig.tick(1);
    rig.healthy('on the GC tick at the limit');
    const proposed = compactLogs(rig.sentEntries());
    check(
      proposed.length === 1,
      `with applied − firstIndex = ${limit} = gcCountLimit, the next GC tick must propose one CompactLog`,
      {
        expected: `CompactLog {index: ${at.applied}, term: ${term}} replicated to the followers`,
        actual: proposed.length === 0 ? 'no CompactLog in any MsgAppend' : proposed,
        hint: 'Peer.onLogGcTick: a leader proposes compactLogCommand(...) through the RawNode',
      },
    );
    check(
      proposed[0].index === at.applied && proposed[0].term === term,
      'every follower holds the whole log: the compact index is the applied index, with its term',
      { expected: { index: at.applied, term }, actual: proposed[0] },
    );
    // The CompactLog commits and applies like any entry; a client's put after it is answered as usual.
    const cl = rig.status().lastIndex;
    await rig.ack(2, cl);
    await rig.ack(3, cl);
    const answer = rig.put('after', 'gc');
    await settle();
    const last = rig.status().lastIndex;
    await rig.ack(2, last);
    await rig.ack(3, last);
    rig.healthy('applying the CompactLog');
    const st = rig.status();
    check(
      st.truncatedIndex === at.applied,
      'once applied on the leader, the CompactLog moves its truncated index',
      {
        expected: at.applied,
        actual: st.truncatedIndex,
      },
    );
    const err = answer.resp?.header?.error;
    check(
      answer.resp !== undefined && !err && answer.resp.responses.length === 1,
      'a client put proposed after the CompactLog is answered with its own response',
      {
        actual: answer.resp === undefined ? 'no answer' : (err?.message ?? answer.resp.responses),
        hint: 'the CompactLog has no client: it must not take a proposal slot or make others stale',
      },
    );
  },
);

rule(
  'lab2b.tick.leader-only',
  'a follower never proposes CompactLog on its own, however long its log (even a former leader)',
  { ...PART, points: 2 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    // Store 1 leads term 6 for a while (its followers' progress reaches 6), then store 2 takes over in
    // term 7 and replicates 7..26: store 1 is a follower with a long applied log.
    await rig.becomeLeader();
    await rig.ack(2, 6);
    await rig.ack(3, 6);
    const ents = [];
    for (let i = 7; i <= 26; i++) ents.push(entry(i, 7, putData(`k${i}`, `v${i}`)));
    await rig.appendFromLeader(7, 6, 6, ents, 26);
    rig.healthy('following leader 2');
    const before = rig.status();
    check(
      before.applied === 26 && before.raftState === 'Follower' && before.truncatedIndex === 5,
      'setup: a follower that applied 6..26',
      { actual: before },
    );
    rig.takeSent();
    for (let i = 0; i < 30 && rig.rt.errors.length === 0; i++) {
      await rig.rt.advance(TICK_MS);
      await rig.send(2, { msgType: MessageType.MsgHeartbeat, term: 7, commit: 26 });
    }
    check(
      rig.rt.errors.length === 0,
      'a follower must not propose CompactLog on its GC tick: the store failed on a follower’s GC tick',
      {
        expected: 'no error over 30 GC ticks as a follower',
        actual: rig.rt.errors[0],
        hint: 'Peer.onLogGcTick: only the leader proposes CompactLog (a follower’s RawNode drops a proposal); followers truncate when they apply the leader’s CompactLog',
      },
    );
    const after = rig.status();
    const appends = rig.takeSent().filter((m) => m.entries.length > 0);
    check(
      after.lastIndex === 26 &&
        appends.length === 0 &&
        after.truncatedIndex === 5 &&
        rig.rt.tasks.length === 0,
      'a follower with applied − firstIndex = 20 over a limit of 5 must still do nothing on its GC ticks',
      {
        expected:
          'no entry appended, nothing sent but heartbeat answers, truncated index still 5, no GC task',
        actual: { lastIndex: after.lastIndex, appendsSent: appends.length, truncated: after.truncatedIndex },
        hint: 'only the leader proposes CompactLog; followers truncate when they apply the leader’s CompactLog',
      },
    );
  },
);

rule(
  'lab2b.tick.compact-index',
  'compact index = min(applied, every follower’s match), with that entry’s term; none while a follower lags',
  { ...PART, points: 3 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    // Entries 6..15 of term 6 from leader 2, then store 1 leads term 7 (its no-op is entry 16).
    await rig.appendFromLeader(6, 5, 5, puts(6, 15), 15);
    const term = await rig.becomeLeader();
    await rig.ack(2, 16);
    rig.takeSent();
    const st = rig.status();
    check(st.applied === 16 && term === 7, 'setup: leader of term 7 with 6..16 applied', { actual: st });

    // Store 3 has acknowledged nothing in this term: its match is 0, below the first index.
    await rig.tick(10);
    rig.healthy('on GC ticks while store 3 lags');
    const none = compactLogs(rig.sentEntries());
    check(none.length === 0, 'no CompactLog while a follower’s match is below the first index', {
      expected:
        'nothing proposed: compacting would cut store 3 off (it could only catch up by snapshot, lab 3)',
      actual: none,
      hint: 'compactIndex = min(applied, match of every follower); propose only if compactIndex >= firstIndex',
    });

    await rig.ack(3, 12);
    rig.takeSent();
    await rig.tick(1);
    rig.healthy('on the GC tick after store 3 acknowledged 12');
    const proposed = compactLogs(rig.sentEntries());
    check(proposed.length >= 1, 'store 3 now holds up to 12: the GC tick must propose CompactLog', {
      expected: { index: 12, term: 6 },
      actual: 'no CompactLog',
    });
    check(
      proposed[0].index === 12 && proposed[0].term === 6,
      'the compact index is min(applied 16, match 16, match 12) = 12, and its term that of entry 12',
      {
        expected: { index: 12, term: 6 },
        actual: proposed[0],
        hint: 'the compact term is raftLog.term(compactIndex) — entry 12 is of term 6, the leader’s term is 7',
      },
    );
  },
);
