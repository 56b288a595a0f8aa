// Lab 3b, generating a snapshot asynchronously (PeerStorage.snapshot and PeerStorage.generateSnapshot),
// on one real store that leads a region whose log it has compacted while peer 3 lags behind the first
// index. The first snapshot() asks for one generation and answers "temporarily unavailable", as does
// every call while it runs; the finished snapshot is exactly the state at the applied index of the
// read view the task took — the persisted apply state, not what the store did meanwhile — with the right
// term, and its data carries a checksum that catches damage; the send is reported to Raft through the
// mailbox.
import { MessageType, type Message, type Snapshot } from '@target/raft/raftpb.js';
import { CorruptSnapshotError } from '@target/store/errors.js';
import { decodeSnapshotData } from '@target/store/snapshot-data.js';
import { settle } from '../../harness/manual-runtime.js';
import { caught, check, rule } from '../../harness/rule.js';
import { SnapRig, compactLogData, entry, puts } from './snap-rig.js';

const PART = { part: 'lab3b', tags: ['unit'] };

/** The user data at index 15 of the log leaderWithLaggard() builds, in bytewise key order (k10 < k6). */
const DATA_AT_15 = new Map([10, 11, 13, 14, 15, 6, 7, 8, 9].map((i): [string, string] => [`k${i}`, `v${i}`]));

/**
 * The store follows leader 2 (term 8), which sends puts 6..15 (6..14 of term 6, 15 of term 8) and a
 * CompactLog at 12 truncating to 9; all committed and applied. The store then leads term 9 (its no-op
 * 16 unacknowledged: applied stays 15), and peer 3 rejects with a hint of 5, below the first index 10:
 * the leader needs a snapshot for it.
 */
async function leaderWithLaggard(): Promise<SnapRig> {
  const rig = await SnapRig.open();
  const log = [...puts(6, 11, 6), entry(12, 6, compactLogData(9, 6)), ...puts(13, 14, 6), ...puts(15, 15, 8)];
  await rig.appendFromLeader(8, 5, 5, log, 15);
  const st = rig.status();
  check(
    st.applied === 15 && st.truncatedIndex === 9,
    'setup: entries 6..15 applied, the log truncated at 9',
    {
      expected: { applied: 15, truncatedIndex: 9 },
      actual: { applied: st.applied, truncatedIndex: st.truncatedIndex },
    },
  );
  await rig.becomeLeader();
  rig.takeSent();
  await rig.lagFollower3(5);
  return rig;
}

/** The one MsgSnapshot the store sent since the last takeSent. */
function oneSnapshot(rig: SnapRig, when: string, hint: string): Snapshot {
  const snaps = rig.sentSnapshots();
  const failed = rig.eventsOf('snapshot-failed').map((e) => e.reason);
  check(
    snaps.length === 1 && snaps[0]!.snapshot !== null,
    `${when}: the leader must send peer 3 one MsgSnapshot`,
    {
      expected: 1,
      actual: `${snaps.length} MsgSnapshot${failed.length > 0 ? `; generations failed: ${failed.join('; ')}` : ''}`,
      hint: rig.generationFailure() ?? hint,
    },
  );
  return snaps[0]!.snapshot!;
}

/** Runs the first generation; the next call must send its snapshot (hint: why it would not). */
async function generated(
  rig: SnapRig,
  hint = 'a finished snapshot is returned by the next snapshot()',
): Promise<Snapshot> {
  await rig.runGen(1);
  await rig.heartbeatFrom3();
  return oneSnapshot(rig, 'after the generation ran', hint);
}

/** The user data a snapshot carries, as key → value strings; fails the test if it does not decode. */
function dataOf(snap: Snapshot): Map<string, string> {
  let decoded: ReturnType<typeof decodeSnapshotData>;
  try {
    decoded = decodeSnapshotData(snap.data);
  } catch (err) {
    check(false, "the snapshot's data must decode and pass its checksum", {
      actual: err instanceof Error ? err.message : String(err),
      hint: 'data = storepb.SnapshotData.encode({region, kvs, crc32}) with crc32 = zlib.crc32(SnapshotData.encode({kvs}).finish())',
    });
  }
  return new Map(decoded.kvs.map((kv) => [kv.key.toString(), kv.value.toString()]));
}

function show(m: Map<string, string>): string {
  return [...m].map(([k, v]) => `${k}=${v}`).join(' ');
}

rule(
  'lab3b.snapshot.first-call-unavailable',
  'the first snapshot() requests one generation and answers temporarily unavailable',
  { ...PART, points: 2 },
  async () => {
    const rig = await leaderWithLaggard();
    const snaps = rig.sentSnapshots();
    check(snaps.length === 0, 'no snapshot exists yet: the leader must send none', {
      actual: `${snaps.length} MsgSnapshot`,
      hint: 'the first call throws SnapshotTemporarilyUnavailableError; the snapshot is generated in the background',
    });
    const requested = rig.eventsOf('snapshot-requested').length;
    const tasks = rig.genTasks().length;
    check(requested === 1 && tasks === 1, 'exactly one generation must be requested', {
      expected: { requested: 1, tasks: 1 },
      actual: { requested, tasks },
      hint: 'state idle → generating: this.snapshotRequester.requestSnapshot(this), once',
    });
  },
);

rule(
  'lab3b.snapshot.one-generation-at-a-time',
  'while a snapshot is being generated, snapshot() answers temporarily unavailable and asks for no other',
  { ...PART, points: 2 },
  async () => {
    const rig = await leaderWithLaggard();
    check(rig.genTasks().length === 1, 'setup: one generation requested', { actual: rig.genTasks().length });
    for (let i = 0; i < 3; i++) await rig.heartbeatFrom3();
    const snaps = rig.sentSnapshots();
    const tasks = rig.genTasks().length;
    check(snaps.length === 0 && tasks === 1, 'calls while generating: no snapshot, still one generation', {
      expected: { snapshots: 0, tasks: 1 },
      actual: { snapshots: snaps.length, tasks },
      hint: 'state generating: throw SnapshotTemporarilyUnavailableError without requesting again',
    });
  },
);

rule(
  'lab3b.generate.state-at-applied-index',
  "the generated snapshot is the region's data at the applied index, with that entry's term",
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard();
    const snap = await generated(rig);
    const { index, term, confState } = snap.metadata;
    check(index === 15 && term === 8, 'metadata: index = applied index 15, term = term of entry 15', {
      expected: { index: 15, term: 8 },
      actual: { index, term },
      hint: 'entry 15 has term 8 (the truncated term is 6, the leader term 9): read it from the raft engine',
    });
    const nodes = [...confState.nodes].sort();
    check(nodes.join() === '1,2,3', "confState: the region's peers", { expected: [1, 2, 3], actual: nodes });
    const data = dataOf(snap);
    check(show(data) === show(DATA_AT_15), 'data: every user key of the region at index 15, in key order', {
      expected: show(DATA_AT_15),
      actual: show(data),
      hint: 'scan the read view over dataKeyRange(region.startKey, region.endKey); keys without the data prefix',
    });
    const now = await rig.userData();
    check(show(now) === show(data), "data: equal to the kv engine's user data (nothing applied since)", {
      expected: show(now),
      actual: show(data),
    });
  },
);

rule(
  'lab3b.generate.term-at-truncated-index',
  'a snapshot at the truncated index takes the truncated term (the entry itself is gone)',
  { ...PART, points: 2 },
  async () => {
    const rig = await SnapRig.open();
    await rig.appendFromLeader(8, 5, 5, [...puts(6, 10, 6), entry(11, 8, compactLogData(11, 8))], 11);
    const gc = rig.rt.tasks.find((t) => t.name === 'raftlog-gc');
    check(gc !== undefined && rig.status().truncatedIndex === 11, 'setup: CompactLog {11, 8} applied at 11', {
      actual: rig.status(),
    });
    await gc.run();
    await rig.becomeLeader();
    await rig.lagFollower3(5);
    const snap = await generated(rig, 'the entry at the truncated index is deleted: use the truncated term');
    const { index, term } = snap.metadata;
    check(
      index === 11 && term === 8,
      'metadata: index = applied = truncated index 11, term = truncated term 8',
      {
        expected: { index: 11, term: 8 },
        actual: { index, term },
        hint: 'index == truncated index: term = truncatedState.term (the log-GC task deleted entry 11)',
      },
    );
    const data = dataOf(snap);
    check(data.size === 5 && data.get('k10') === 'v10', 'data: k6..k10', { actual: show(data) });
  },
);

rule(
  'lab3b.generate.persisted-apply-state',
  'an apply batch not yet written is not in the snapshot: it is at the persisted applied index',
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard();
    rig.kvEngine.holdWrites = true;
    rig.put('fresh', 'x');
    await rig.deliver(2, { msgType: MessageType.MsgAppendResponse, term: rig.status().term, index: 17 });
    check(rig.kvEngine.parkedWrites === 1, 'setup: 16..17 committed, the first apply batch parked', {
      actual: { parkedWrites: rig.kvEngine.parkedWrites, status: rig.status() },
    });
    await rig.runGen(1);
    const gen = rig.eventsOf('snapshot-generated');
    check(
      gen.length === 1 && gen[0]!.index === 15 && gen[0]!.term === 8,
      'the snapshot is at the persisted applied index 15',
      {
        expected: { index: 15, term: 8 },
        actual: gen.length === 1 ? { index: gen[0]!.index, term: gen[0]!.term } : `${gen.length} generated`,
        hint:
          (gen.length === 0 ? rig.generationFailure() : undefined) ??
          'index = applied index of the apply state read through the view (not the commit index: 17 is committed, 15 applied)',
      },
    );
    rig.kvEngine.releaseWrites();
    await settle();
    await rig.heartbeatFrom3();
    const data = dataOf(
      oneSnapshot(rig, 'after the generation ran', 'a snapshot at 15 is still usable: truncated is 9'),
    );
    check(show(data) === show(DATA_AT_15), 'data: the state at 15, without the put applied later', {
      expected: show(DATA_AT_15),
      actual: show(data),
    });
  },
);

rule(
  'lab3b.generate.one-read-view',
  'generation reads one read view: what lands after it was taken (applies, a CompactLog) is not in the snapshot',
  { ...PART, points: 3 },
  async () => {
    const rig = await leaderWithLaggard();
    const task = rig.genTasks()[0];
    check(task !== undefined, 'setup: a generation requested', { actual: 'no snapshot-gen task' });
    // The task's view is the engine as of now (applied 15); its body runs only after the store has
    // applied more, so this.applyState differs from the view's even before the body's first await.
    rig.kvEngine.pinView();
    // Leader 2 takes over (term 10): 16..17 replace the store's no-op, 18 compacts the log up to 17.
    const log = [...puts(16, 17, 10), entry(18, 10, compactLogData(17, 10))];
    await rig.appendFromLeader(10, 15, 8, log, 18);
    const st = rig.status();
    check(st.applied === 18 && st.truncatedIndex === 17, 'setup: 16..18 applied meanwhile, truncated at 17', {
      actual: st,
    });
    await task.run();
    await settle();
    const gen = rig.eventsOf('snapshot-generated');
    const failed = rig.eventsOf('snapshot-failed').map((e) => e.reason);
    check(gen.length === 1, 'the generation must succeed', {
      actual: failed.join('; ') || 'no snapshot-generated event',
      hint:
        rig.generationFailure() ??
        "the term of entry 15 comes from the raft engine (PeerStorage's cache has moved past 15)",
    });
    const got = { index: gen[0]!.index, term: gen[0]!.term, keys: gen[0]!.keys };
    check(
      got.index === 15 && got.term === 8 && got.keys === 9,
      "the snapshot is the view's state: index 15, term 8, 9 keys",
      {
        expected: { index: 15, term: 8, keys: 9 },
        actual: got,
        hint: 'read the apply state (and the region, and the keys) through the view, never this.applyState — not even before the first await: the store applied up to 18 after the view was taken',
      },
    );
  },
);

rule(
  'lab3b.data.checksum-detects-damage',
  "the snapshot data's CRC32 detects a flipped byte",
  { ...PART, points: 2 },
  async () => {
    const rig = await leaderWithLaggard();
    const snap = await generated(rig);
    check(dataOf(snap).size === DATA_AT_15.size, 'setup: the intact data decodes', {
      actual: dataOf(snap).size,
    });
    const at = Buffer.from(snap.data).indexOf('v13');
    check(at >= 0, "setup: value v13 is in the snapshot's data", { actual: at });
    const damaged = Uint8Array.from(snap.data);
    damaged[at + 1] ^= 0x01;
    const err = caught(() => decodeSnapshotData(damaged));
    check(
      err instanceof CorruptSnapshotError,
      'decoding data with one flipped byte in a value fails its checksum',
      {
        expected: 'CorruptSnapshotError',
        actual: err === undefined ? 'decoded without complaint' : String(err),
        hint: 'crc32 must cover the encoded kvs (keys and values): zlib.crc32(SnapshotData.encode({kvs}).finish())',
      },
    );
  },
);

rule(
  'lab3b.send.reported-through-mailbox',
  'a sent MsgSnapshot is reported finished to Raft, so the follower is probed again after it',
  { ...PART, points: 2 },
  async () => {
    const rig = await leaderWithLaggard();
    await generated(rig);
    const sent = rig.eventsOf('snapshot-sent');
    check(
      sent.length === 1 && sent[0]!.to === 3 && sent[0]!.index === 15,
      "a 'snapshot-sent' event for peer 3 at 15",
      {
        actual: sent,
      },
    );
    await rig.heartbeatFrom3();
    const appends = rig.takeSent().filter((m: Message) => m.msgType === MessageType.MsgAppend && m.to === 3);
    check(
      appends.length === 1 && appends[0]!.index === 15,
      'the next heartbeat response gets an append after the snapshot',
      {
        expected: 'one MsgAppend to 3 with prev index 15',
        actual: appends.map((m) => ({ index: m.index, entries: m.entries.length })),
        hint: "the store puts {kind: 'snapshot-status', to, ok: true} in its mailbox; RawNode.reportSnapshot moves Snapshot → Probe",
      },
    );
  },
);
