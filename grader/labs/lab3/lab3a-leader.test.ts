// Lab 3a, the leader's side of snapshots. When the entries a follower needs are compacted (the term of
// next − 1 or an entry from next on is below the first index), sendAppend falls back to sendSnapshot:
// storage's snapshot goes out in a MsgSnapshot and the follower's progress waits in Snapshot state —
// no appends, no second snapshot — until the follower acknowledges the snapshot index or the send is
// reported. Storage may answer "temporarily unavailable": then nothing is sent and nothing changes,
// and a later heartbeat response tries again.
import { MessageType } from '@target/raft/raftpb.js';
import { MemoryStorage } from '@target/raft/storage.js';
import {
  appendReject,
  appendResp,
  beat,
  heartbeatResp,
  proposal,
  showEntries,
} from '../../harness/raftfix.js';
import { caught, check, rule, verify } from '../../harness/rule.js';
import {
  GatedStorage,
  LATER_TERM,
  ProgressState,
  SNAP_INDEX,
  SNAP_TERM,
  compactedLeader,
  fillCompacted,
  ofType,
  showProgress,
  showSnapMsgs,
  stateOf,
  to,
} from './raft-snap-fix.js';

const PART = { part: 'lab3a', points: 2, tags: ['unit'] };
const FIRST = SNAP_INDEX + 1;
const PEERS5 = [1, 2, 3, 4, 5];

/**
 * The boundary leader: follower 2 at next = first − 1, 3 at next = first, 4 at next = first + 1,
 * 5 up to date; then a proposal makes the leader send to each of them.
 */
function proposeAtBoundaries() {
  const r = compactedLeader(PEERS5, {
    2: { next: FIRST - 1, match: 0 },
    3: { next: FIRST, match: FIRST - 1 },
    4: { next: FIRST + 1, match: FIRST },
    5: { next: 22, match: 21 },
  });
  r.step(proposal(1, 'x'));
  const msgs = r.readMessages();
  return { r, msgs };
}

rule(
  'lab3a.fallback.next-below-first',
  'next = first − 1: prev is compacted, the leader sends its snapshot instead',
  PART,
  () => {
    const { r, msgs } = proposeAtBoundaries();
    const sent = to(msgs, 2);
    const snaps = ofType(sent, MessageType.MsgSnapshot);
    check(
      sent.length === 1 && snaps.length === 1,
      `follower 2 has next = ${FIRST - 1}: prev ${FIRST - 2} is below the compaction point ${SNAP_INDEX}, so exactly one MsgSnapshot (and no MsgAppend) must go to it`,
      {
        expected: [`MsgSnapshot 1→2 snapshot=${SNAP_INDEX}@${SNAP_TERM}`],
        actual: showSnapMsgs(sent),
        hint: 'sendAppend falls back to sendSnapshot on CompactedError; sendSnapshot sends storage.snapshot() in a MsgSnapshot',
      },
    );
    const md = snaps[0]!.snapshot?.metadata;
    check(md?.index === SNAP_INDEX && md.term === SNAP_TERM, 'the MsgSnapshot carries storage’s snapshot', {
      expected: { index: SNAP_INDEX, term: SNAP_TERM },
      actual: md === undefined ? 'no snapshot in the message' : { index: md.index, term: md.term },
    });
    const pr = r.prs.get(2)!;
    check(
      pr.state === ProgressState.Snapshot && pr.pendingSnapshot === SNAP_INDEX,
      'after sending the snapshot, the follower waits in Snapshot state with pendingSnapshot = the snapshot index',
      {
        expected: `state=Snapshot pendingSnapshot=${SNAP_INDEX}`,
        actual: showProgress(r, 2),
        hint: 'call pr.becomeSnapshot(snapshot.metadata.index) once the MsgSnapshot is queued',
      },
    );
  },
);

rule(
  'lab3a.fallback.next-at-first',
  'next = first: a normal append whose prev is the compaction point, its term from storage',
  PART,
  () => {
    const { r, msgs } = proposeAtBoundaries();
    const sent = to(msgs, 3);
    const app = sent[0];
    check(
      sent.length === 1 && app?.msgType === MessageType.MsgAppend,
      `follower 3 has next = ${FIRST} = the first index: every entry it needs is held, so it gets a MsgAppend, not a snapshot`,
      {
        expected: [`MsgAppend 1→3 prev=${SNAP_INDEX}@${SNAP_TERM} ents=[${FIRST}..22]`],
        actual: showSnapMsgs(sent),
        hint: 'only fall back to a snapshot when term(next − 1) or the entries from next throw CompactedError; term(first − 1) still answers',
      },
    );
    check(
      app.index === SNAP_INDEX && app.logTerm === SNAP_TERM,
      `prev = ${SNAP_INDEX}, the compaction point: its term ${SNAP_TERM} comes from storage’s truncated state, not from the first held entry (term ${LATER_TERM})`,
      {
        expected: { index: SNAP_INDEX, logTerm: SNAP_TERM },
        actual: { index: app.index, logTerm: app.logTerm },
      },
    );
    check(app.entries[0]?.index === FIRST && app.entries.at(-1)?.index === 22, 'entries from next on', {
      expected: `[${FIRST}..22]`,
      actual: showEntries(app.entries),
    });
    check(stateOf(r, 3) !== ProgressState.Snapshot, 'no snapshot went out, so no Snapshot state', {
      actual: showProgress(r, 3),
    });
  },
);

rule('lab3a.fallback.next-above-first', 'next = first + 1: a normal append with prev = first', PART, () => {
  const { r, msgs } = proposeAtBoundaries();
  const sent = to(msgs, 4);
  const app = sent[0];
  check(
    sent.length === 1 && app?.msgType === MessageType.MsgAppend,
    `follower 4 has next = ${FIRST + 1}: a MsgAppend`,
    {
      expected: [`MsgAppend 1→4 prev=${FIRST}@${LATER_TERM} ents=[${FIRST + 1}..22]`],
      actual: showSnapMsgs(sent),
    },
  );
  check(app.index === FIRST && app.logTerm === LATER_TERM, 'prev is the first held entry', {
    expected: { index: FIRST, logTerm: LATER_TERM },
    actual: { index: app.index, logTerm: app.logTerm },
  });
  check(stateOf(r, 4) !== ProgressState.Snapshot, 'no Snapshot state', { actual: showProgress(r, 4) });
  check(ofType(to(msgs, 5), MessageType.MsgAppend).length === 1, 'the up-to-date follower 5 gets the entry', {
    actual: showSnapMsgs(to(msgs, 5)),
  });
});

rule(
  'lab3a.fallback.temporarily-unavailable',
  'snapshot temporarily unavailable: nothing sent, nothing changed; a later heartbeat response sends it',
  PART,
  () => {
    const storage = fillCompacted(new GatedStorage(PEERS5), PEERS5);
    const r = compactedLeader(PEERS5, { 2: { next: FIRST - 1, match: 0 } }, storage);
    const thrown = caught(() => r.step(proposal(1, 'x')));
    check(
      thrown === undefined,
      'storage answered "snapshot temporarily unavailable": the leader must carry on, not fail the step',
      {
        expected: 'the proposal stepped without an error',
        actual: String(thrown),
        hint: 'sendSnapshot catches SnapshotTemporarilyUnavailableError and returns false: a later heartbeat response retries',
      },
    );
    const first = to(r.readMessages(), 2);
    check(
      storage.calls > 0,
      'the leader must ask storage for a snapshot when follower 2 needs compacted entries',
      {
        expected: 'storage.snapshot() called',
        actual: 'never called',
      },
    );
    check(
      first.length === 0,
      'storage answered SnapshotTemporarilyUnavailableError: no message goes to follower 2 for now',
      {
        expected: [],
        actual: showSnapMsgs(first),
        hint: 'catch SnapshotTemporarilyUnavailableError in sendSnapshot and return false without sending',
      },
    );
    verify(
      stateOf(r, 2) === ProgressState.Probe && r.prs.get(2)!.pendingSnapshot === 0,
      'nothing was sent, so follower 2’s progress must not change (no Snapshot state, no pending snapshot)',
      {
        expected: 'state=Probe pendingSnapshot=0',
        actual: showProgress(r, 2),
        hint: 'call pr.becomeSnapshot only after a snapshot was actually sent',
      },
    );
    storage.available = true;
    r.step(heartbeatResp(2, 1, r.term));
    const later = to(r.readMessages(), 2);
    const snaps = ofType(later, MessageType.MsgSnapshot);
    check(
      snaps.length === 1 && snaps[0]!.snapshot?.metadata.index === SNAP_INDEX,
      'once storage has the snapshot, the next heartbeat response from the lagging follower must send it',
      {
        expected: [`MsgSnapshot 1→2 snapshot=${SNAP_INDEX}@${SNAP_TERM}`],
        actual: showSnapMsgs(later),
        hint: 'a heartbeat response from a follower behind the leader calls sendAppend, which retries the snapshot',
      },
    );
    verify(stateOf(r, 2) === ProgressState.Snapshot, 'now follower 2 waits in Snapshot state', {
      actual: showProgress(r, 2),
    });
  },
);

rule(
  'lab3a.pause.no-appends-in-snapshot-state',
  'in Snapshot state: no MsgAppend on proposals or heartbeat responses, and no second MsgSnapshot',
  PART,
  () => {
    const r = compactedLeader(PEERS5, { 2: { next: FIRST - 1, match: 0 } });
    r.step(proposal(1, 'x'));
    const firstRound = ofType(to(r.readMessages(), 2), MessageType.MsgSnapshot);
    check(
      firstRound.length === 1 && stateOf(r, 2) === ProgressState.Snapshot,
      'a MsgSnapshot to follower 2 must put it in Snapshot state',
      {
        expected: 'one MsgSnapshot, state=Snapshot',
        actual: showProgress(r, 2),
        hint: 'sendSnapshot must call pr.becomeSnapshot(snapshot index) after queueing the MsgSnapshot (see lab3a.fallback.next-below-first)',
      },
    );
    r.step(proposal(1, 'y'));
    r.step(heartbeatResp(2, 1, r.term));
    r.step(beat(1));
    r.step(heartbeatResp(2, 1, r.term));
    r.step(proposal(1, 'z'));
    const sent = to(r.readMessages(), 2);
    const wrong = sent.filter(
      (m) => m.msgType === MessageType.MsgAppend || m.msgType === MessageType.MsgSnapshot,
    );
    check(
      wrong.length === 0,
      'while the snapshot is in flight the follower gets neither appends nor another snapshot',
      {
        expected: 'only MsgHeartbeat to 2',
        actual: showSnapMsgs(sent),
        hint: 'pr.becomeSnapshot(index) pauses the follower: sendAppend returns early while it is in Snapshot state',
      },
    );
    check(ofType(sent, MessageType.MsgHeartbeat).length === 1, 'heartbeats still go to it', {
      expected: 'one MsgHeartbeat (after MsgBeat)',
      actual: showSnapMsgs(sent),
    });
    verify(stateOf(r, 2) === ProgressState.Snapshot, 'it stays in Snapshot state', {
      actual: showProgress(r, 2),
    });
  },
);

rule(
  'lab3a.report.failure-probes-and-retries',
  'reportSnapshot: failure → Probe at match + 1 and a new snapshot; success → Probe after the snapshot',
  PART,
  () => {
    const r = compactedLeader(PEERS5, { 2: { next: FIRST - 1, match: 5 }, 3: { next: FIRST - 1, match: 0 } });
    r.step(proposal(1, 'x'));
    r.readMessages();
    check(
      stateOf(r, 2) === ProgressState.Snapshot && stateOf(r, 3) === ProgressState.Snapshot,
      'snapshots to followers 2 and 3 must put them in Snapshot state',
      {
        expected: 'state=Snapshot for both',
        actual: [showProgress(r, 2), showProgress(r, 3)],
        hint: 'sendSnapshot must call pr.becomeSnapshot(snapshot index) after queueing the MsgSnapshot (see lab3a.fallback.next-below-first)',
      },
    );
    r.reportSnapshot(2, false);
    r.reportSnapshot(3, true);
    verify(
      stateOf(r, 2) === ProgressState.Probe && r.prs.get(2)!.next === 6,
      'a failed send returns follower 2 to Probe from match + 1',
      { expected: 'state=Probe next=6', actual: showProgress(r, 2) },
    );
    verify(
      stateOf(r, 3) === ProgressState.Probe && r.prs.get(3)!.next === FIRST,
      'a finished send returns follower 3 to Probe from the snapshot on',
      { expected: `state=Probe next=${FIRST}`, actual: showProgress(r, 3) },
    );
    r.step(heartbeatResp(2, 1, r.term));
    r.step(heartbeatResp(3, 1, r.term));
    const msgs = r.readMessages();
    const retry = to(msgs, 2);
    check(
      retry.length === 1 && retry[0]!.msgType === MessageType.MsgSnapshot,
      'entries from 6 on are compacted: the next heartbeat response retries with a new MsgSnapshot',
      {
        expected: [`MsgSnapshot 1→2 snapshot=${SNAP_INDEX}@${SNAP_TERM}`],
        actual: showSnapMsgs(retry),
        hint: 'after a failure the follower is probed again: sendAppend → CompactedError → sendSnapshot',
      },
    );
    const resume = to(msgs, 3);
    check(
      resume.length === 1 && resume[0]!.msgType === MessageType.MsgAppend && resume[0]!.index === SNAP_INDEX,
      `follower 3 is probed from ${FIRST} on: a MsgAppend with prev = ${SNAP_INDEX}`,
      { expected: [`MsgAppend 1→3 prev=${SNAP_INDEX}@${SNAP_TERM} …`], actual: showSnapMsgs(resume) },
    );
  },
);

rule(
  'lab3a.ack.exact-snapshot-index',
  'an ack of exactly the snapshot index ends Snapshot state and replication resumes',
  PART,
  () => {
    const r = compactedLeader(PEERS5, { 2: { next: FIRST - 1, match: 0 } });
    r.step(proposal(1, 'x'));
    r.readMessages();
    check(
      stateOf(r, 2) === ProgressState.Snapshot,
      'a MsgSnapshot to follower 2 must put it in Snapshot state',
      {
        expected: 'state=Snapshot',
        actual: showProgress(r, 2),
        hint: 'sendSnapshot must call pr.becomeSnapshot(snapshot index) after queueing the MsgSnapshot (see lab3a.fallback.next-below-first)',
      },
    );
    r.step(appendResp(2, 1, r.term, SNAP_INDEX - 1));
    const below = to(r.readMessages(), 2);
    verify(
      stateOf(r, 2) === ProgressState.Snapshot && below.length === 0,
      `an ack of ${SNAP_INDEX - 1}, below the snapshot, does not end the wait`,
      {
        expected: 'state=Snapshot, nothing sent',
        actual: { progress: showProgress(r, 2), sent: showSnapMsgs(below) },
      },
    );
    r.step(appendResp(2, 1, r.term, SNAP_INDEX));
    const pr = r.prs.get(2)!;
    const sent = to(r.readMessages(), 2);
    verify(
      pr.state === ProgressState.Replicate && pr.match === SNAP_INDEX && pr.next === FIRST,
      `the follower acknowledged the snapshot index ${SNAP_INDEX}: it replicates from ${FIRST} on`,
      { expected: `state=Replicate match=${SNAP_INDEX} next=${FIRST}`, actual: showProgress(r, 2) },
    );
    const app = sent[0];
    check(
      sent.length === 1 && app?.msgType === MessageType.MsgAppend && app.index === SNAP_INDEX,
      'and the entries after the snapshot go out at once',
      {
        expected: [`MsgAppend 1→2 prev=${SNAP_INDEX}@${SNAP_TERM} ents=[${FIRST}..22]`],
        actual: showSnapMsgs(sent),
      },
    );
    check(
      app.logTerm === SNAP_TERM && app.entries[0]?.index === FIRST,
      'prev is the snapshot’s (index, term)',
      {
        expected: { logTerm: SNAP_TERM, firstEntry: FIRST },
        actual: { logTerm: app.logTerm, firstEntry: app.entries[0]?.index },
      },
    );
  },
);

rule(
  'lab3a.fallback.reject-hint-below-first',
  'a rejection whose hint falls below the first index leads to a snapshot; a hint at it, to an append',
  PART,
  () => {
    const r = compactedLeader(PEERS5, { 2: { next: 16, match: 0 }, 3: { next: 16, match: 0 } });
    r.step(appendReject(3, 1, r.term, 15, SNAP_INDEX));
    const at = to(r.readMessages(), 3);
    check(
      at.length === 1 && at[0]!.msgType === MessageType.MsgAppend && at[0]!.index === SNAP_INDEX,
      `follower 3 holds up to ${SNAP_INDEX}: next = ${FIRST}, a MsgAppend with prev = ${SNAP_INDEX}`,
      { expected: [`MsgAppend 1→3 prev=${SNAP_INDEX}@${SNAP_TERM} …`], actual: showSnapMsgs(at) },
    );
    r.step(appendReject(2, 1, r.term, 15, SNAP_INDEX - 1));
    const below = to(r.readMessages(), 2);
    check(
      below.length === 1 && below[0]!.msgType === MessageType.MsgSnapshot,
      `follower 2 holds only up to ${SNAP_INDEX - 1}: next = ${SNAP_INDEX}, whose prev is compacted: a MsgSnapshot`,
      {
        expected: [`MsgSnapshot 1→2 snapshot=${SNAP_INDEX}@${SNAP_TERM}`],
        actual: showSnapMsgs(below),
        hint: 'the back-off lowers next; the resent append then needs a compacted term and falls back to sendSnapshot',
      },
    );
    verify(stateOf(r, 2) === ProgressState.Snapshot, 'follower 2 waits in Snapshot state', {
      actual: showProgress(r, 2),
    });
  },
);

rule(
  'lab3a.fallback.only-storage-snapshot',
  'the snapshot sent is storage’s latest, whatever the follower’s next',
  PART,
  () => {
    const storage = fillCompacted(new MemoryStorage(PEERS5), PEERS5);
    const r = compactedLeader(PEERS5, {}, storage);
    storage.createSnapshot(15, null, new Uint8Array([15]));
    storage.compact(15);
    const pr = r.prs.get(2)!;
    pr.next = 3;
    pr.match = 2;
    r.sendAppend(2);
    const sent = to(r.readMessages(), 2);
    const md = sent[0]?.snapshot?.metadata;
    check(
      sent.length === 1 && md?.index === 15 && md.term === LATER_TERM,
      'storage has compacted up to 15 since the leader started: the MsgSnapshot carries storage’s latest snapshot (15)',
      {
        expected: [`MsgSnapshot 1→2 snapshot=15@${LATER_TERM}`],
        actual: showSnapMsgs(sent),
        hint: 'send what storage.snapshot() returns now; do not build a snapshot from the log',
      },
    );
    verify(r.prs.get(2)!.pendingSnapshot === 15, 'pendingSnapshot is the index of the snapshot sent', {
      expected: 15,
      actual: showProgress(r, 2),
    });
  },
);
