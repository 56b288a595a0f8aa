// Lab 4b, the receiver (SnapReceiver.onHeader, onData, finish), with the test playing the sender frame
// by frame (transfer-rig.ts): the header is validated (a MsgSnapshot with metadata, addressed to this
// peer of this region, newer than what the peer applied); the chunks are written in order to a
// temporary file — exact duplicates ignored, a few chunks ahead held back, a gap, an overlap or a chunk
// failing its CRC32 aborting the transfer; after the last chunk the whole file's size and CRC32 must
// match the header, and only a synced file is renamed into place, before the MsgSnapshot is stepped
// and `done` acked. Every abort leaves no temporary file, no final file and nothing stepped.
import { MessageType } from '@target/raft/raftpb.js';
import { check, rule } from '../../harness/rule.js';
import { aborted, completed, nothingLeft, play, showAcks } from './receive-checks.js';
import {
  LIMITS,
  RECEIVER,
  type SnapMessageFields,
  StreamPlay,
  TransferRig,
  fileBytes,
} from './transfer-rig.js';

const PART = { part: 'lab4b', tags: ['unit'] };
const INDEX = 20;
const TERM = 5;
/** Five chunks of the rig's 64 bytes: four full ones and 44 bytes. */
const SIZE = 300;

function stream(id = 1, bytes = fileBytes(SIZE), index = INDEX): StreamPlay {
  return new StreamPlay(id, index, TERM, bytes);
}

rule(
  'lab4b.header.accepted',
  'a valid header opens a temporary file, registered as receiving; nothing is stepped yet',
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await rig.feed(s.header());
    rig.healthy('receiving a header');
    check(rig.errorsOf(s.stream).length === 0, 'a valid header is accepted', {
      actual: showAcks(rig, s),
      hint: `index ${INDEX} > applied ${rig.peerState.appliedIndex}, addressed to peer ${RECEIVER} of region 1`,
    });
    check(rig.b.temps().length === 1, 'one temporary file is created for the stream', {
      actual: rig.b.names(),
      hint: 't.tmp = await this.o.manager.createTemp(t.key, tag)',
    });
    check(rig.b.manager.uses(s.rcvKey).includes('receiving'), 'the rcv snapshot is registered as receiving', {
      actual: rig.b.manager.uses(s.rcvKey),
      hint: "t.release = this.o.manager.acquire(t.key, 'receiving') with t.key the rcv key of the snapshot",
    });
    check(rig.stepped.length === 0, 'nothing is stepped before the data arrived', {
      actual: rig.stepped.length,
    });
  },
);

rule(
  'lab4b.header.misaddressed',
  'a header for another region, another peer, or without a MsgSnapshot and metadata is refused',
  { ...PART, points: 3 },
  async () => {
    const cases: { what: string; msg: Partial<SnapMessageFields> }[] = [
      { what: 'another region', msg: { regionId: 7 } },
      { what: 'another peer on this store', msg: { toPeer: 3, toStore: RECEIVER } },
      { what: 'a MsgAppend', msg: { msgType: MessageType.MsgAppend } },
      { what: 'a MsgSnapshot without a snapshot', msg: { noSnapshot: true } },
    ];
    // The control: the same header, well addressed, is accepted. A refusal for any reason (a LabTodo
    // aborts a transfer too) cannot pass for a refusal of the misaddressed ones.
    const control = await TransferRig.open();
    const ok = stream(9);
    await control.feed(ok.header());
    await control.feed(ok.chunk(0));
    control.healthy('the control header');
    check(control.errorsOf(ok.stream).length === 0, 'the control: a well-addressed header is accepted', {
      actual: showAcks(control, ok),
      hint: `index ${INDEX} > applied ${control.peerState.appliedIndex}, addressed to peer ${RECEIVER} of region 1: accept it`,
    });
    for (const [k, c] of cases.entries()) {
      const rig = await TransferRig.open();
      const s = stream(k + 1);
      await rig.feed(s.header({}, c.msg));
      await rig.feed(s.chunk(0));
      aborted(
        rig,
        s,
        `a header of ${c.what}`,
        undefined,
        'onHeader throws SnapshotTransferError for a header it cannot accept',
      );
    }
  },
);

rule(
  'lab4b.header.stale',
  'a snapshot at or below the applied index is refused as stale; one above it is accepted',
  { ...PART, points: 3 },
  async () => {
    for (const index of [5, 10]) {
      const rig = await TransferRig.open();
      const s = stream(1, fileBytes(SIZE), index);
      await play(rig, s);
      aborted(
        rig,
        s,
        `a snapshot at ${index}, applied 10`,
        /stale/,
        'meta.index <= appliedIndex: throw new SnapshotTransferError(`stale: …`)',
      );
    }
    const rig = await TransferRig.open();
    const s = stream(1, fileBytes(SIZE), 11);
    await play(rig, s);
    completed(rig, s, 'a snapshot at 11, applied 10');
  },
);

rule(
  'lab4b.data.in-order',
  'chunks in order: written, acked with the bytes received; at the end the file is renamed into place, stepped, acked done',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s);
    const received = rig
      .acksOf(s.stream)
      .filter((a) => !a.done && !a.error)
      .map((a) => Number(a.received));
    const expected = [...Array(s.count).keys()].map((k) => Math.min((k + 1) * LIMITS.chunkBytes, SIZE));
    check(received.join() === expected.join(), 'each chunk is acked with the bytes written in order so far', {
      expected,
      actual: received,
      hint: 'after writing, this.ack(t, { received: t.next }): the sender’s window moves with it',
    });
    completed(rig, s, 'a stream in order');
    // The sender lost the done: it sends the header again; the receiver acks done again, steps nothing.
    await rig.feed(s.header());
    check(
      rig.lastAck(s.stream)?.done === true && rig.stepped.length === 1,
      'the header again: acked done again, not stepped again',
      {
        actual: { acks: showAcks(rig, s), stepped: rig.stepped.length },
      },
    );
  },
);

rule(
  'lab4b.data.duplicates',
  'exact duplicates of chunks (written or waiting) are ignored: the file is exactly the data sent',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s, [0, 0, 1, 0, 3, 3, 2, 1, 4]);
    completed(rig, s, 'a stream with duplicated chunks');
  },
);

rule(
  'lab4b.data.reordered',
  `chunks up to reorderChunks (${LIMITS.reorderChunks}) ahead wait, and are written in order once the gap fills`,
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream(1, fileBytes(6 * LIMITS.chunkBytes - 10));
    const order = [1, 3, 2, 4, 0, 5];
    await play(rig, s, order);
    check(rig.errorsOf(s.stream).length === 0, 'chunks within the reorder buffer do not abort', {
      actual: showAcks(rig, s),
      hint: `offset > t.next: keep it in t.ahead while fewer than reorderChunks (${LIMITS.reorderChunks}) wait`,
    });
    completed(rig, s, `chunks in the order ${order.join(',')}`);
  },
);

rule(
  'lab4b.data.gap',
  'a gap: more than reorderChunks chunks ahead of the missing one abort the transfer',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream(1, fileBytes(8 * LIMITS.chunkBytes));
    const held = [...Array(LIMITS.reorderChunks).keys()].map((k) => k + 2);
    await play(rig, s, [0, ...held]);
    check(rig.errorsOf(s.stream).length === 0, `${LIMITS.reorderChunks} chunks ahead of the gap still wait`, {
      actual: showAcks(rig, s),
    });
    await rig.feed(s.chunk(held.length + 2));
    aborted(rig, s, `chunk 1 missing, ${held.length + 1} chunks ahead`, /gap/);
  },
);

rule(
  'lab4b.data.overlap',
  'a chunk overlapping the bytes written that is not an exact duplicate aborts the transfer',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s, [0, 1]);
    const other = fileBytes(LIMITS.chunkBytes, 99);
    await rig.feed(s.forged(32, other, false));
    aborted(rig, s, 'a chunk at offset 32 after 128 bytes were written', /overlap/);
    const rig2 = await TransferRig.open();
    await play(rig2, s, [0, 1]);
    await rig2.feed(s.forged(64, other, false));
    aborted(
      rig2,
      s,
      'different bytes at offset 64 (already written)',
      undefined,
      'offset < next and not an exact duplicate (same offset, length and crc32): abort',
    );
  },
);

rule(
  'lab4b.crc.chunk',
  'a chunk whose data fails its CRC32 aborts the whole transfer',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s, [0]);
    const good = s.chunk(1);
    const flipped = Uint8Array.from(good.data);
    flipped[7]! ^= 0x10;
    await rig.feed(s.forged(Number(good.offset), flipped, false, good.crc32));
    aborted(
      rig,
      s,
      'chunk 1 with a flipped bit',
      /checksum/,
      'compare zlib.crc32(c.data) with c.crc32 before anything else',
    );
    // The same corruption on a chunk that would wait ahead.
    const rig2 = await TransferRig.open();
    await play(rig2, s, [0]);
    const ahead = s.chunk(3);
    const bad = Uint8Array.from(ahead.data);
    bad[0]! ^= 1;
    await rig2.feed(s.forged(Number(ahead.offset), bad, false, ahead.crc32));
    aborted(
      rig2,
      s,
      'a corrupted chunk ahead of the next offset',
      /checksum/,
      'check the CRC32 of every chunk as it arrives, also one that would wait',
    );
  },
);

rule(
  'lab4b.crc.file',
  'chunks each intact but a file whose CRC32 differs from the header’s: aborted, nothing renamed or stepped',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await rig.feed(s.header({ crc32: 12345 }));
    for (let k = 0; k < s.count; k++) await rig.feed(s.chunk(k));
    aborted(
      rig,
      s,
      'a file whose CRC32 is not the header’s',
      /checksum/,
      'keep a running t.crc = zlib.crc32(data, t.crc) and compare it with the header’s crc32 in finish',
    );
  },
);

rule(
  'lab4b.size.mismatch',
  'a stream that ends short of the header’s total size, or runs past it, is aborted',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await rig.feed(s.header({ size: SIZE + 50 }));
    for (let k = 0; k < s.count; k++) await rig.feed(s.chunk(k));
    aborted(rig, s, `a stream of ${SIZE} bytes whose header says ${SIZE + 50}`, /size/);
    const rig2 = await TransferRig.open();
    const s2 = stream(2);
    await rig2.feed(s2.header({ size: 100 }));
    for (let k = 0; k < s2.count; k++) await rig2.feed(s2.chunk(k));
    aborted(
      rig2,
      s2,
      `a stream of ${SIZE} bytes whose header says 100`,
      undefined,
      'never write past the header’s total size',
    );
  },
);

rule(
  'lab4b.finish.sync-rename-step',
  'the data is synced before it is renamed into place, and the message stepped only after the rename',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s);
    completed(rig, s, 'a stream in order');
    const ops = rig.b.ops();
    const rename = ops.findIndex((o) => o.op === 'rename' && o.to === s.finalName);
    const tmp = ops[rename]?.name ?? '';
    const lastWrite = ops.findLastIndex((o) => o.op === 'write' && o.name === tmp);
    const sync = ops.findIndex((o, i) => i > lastWrite && o.op === 'sync' && o.name === tmp);
    check(
      sync >= 0 && sync < rename,
      'the temporary file is synced after its last write and before the rename',
      {
        expected: `write ${tmp} … sync ${tmp} … rename ${tmp} → ${s.finalName}`,
        actual: ops.filter((o) => o.name === tmp).map((o) => `${o.op}${o.to ? ` → ${o.to}` : ''}`),
        hint: 'await writer.sync() before manager.commitTemp: a rename of unsynced data may survive a crash that loses the data',
      },
    );
  },
);

rule(
  'lab4b.abort.idle',
  'a stream that goes silent is aborted after idleTimeoutMs, its temporary file removed',
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s, [0, 1]);
    check(rig.b.temps().length === 1, 'setup: the stream’s temporary file exists', { actual: rig.b.names() });
    await rig.run(LIMITS.idleTimeoutMs + 100);
    aborted(rig, s, `no frame for ${LIMITS.idleTimeoutMs} ms`, /no frame/);
    await rig.feed(s.chunk(2));
    nothingLeft(rig, s, 'a chunk after the abort');
  },
);

rule(
  'lab4b.abort.crash',
  'a receiver that crashes mid-stream leaves no temporary file once it restarts; a new stream then succeeds',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await play(rig, s, [0, 1, 2]);
    check(rig.b.temps().length === 1, 'setup: the stream’s temporary file exists before the crash', {
      actual: rig.b.names(),
    });
    const removed = await rig.crashReceiver();
    nothingLeft(rig, s, 'after a crash and a restart');
    check(
      removed.some((n) => n.endsWith('.tmp')),
      'setup: open() removed the temporary file',
      { actual: removed },
    );
    await rig.feed(s.chunk(3), LIMITS.idleTimeoutMs + 100);
    check(
      rig.errorsOf(s.stream).some((e) => /unknown/.test(e)),
      'the restarted store refuses the rest of the old stream',
      {
        actual: showAcks(rig, s),
      },
    );
    const again = stream(2);
    await play(rig, again);
    completed(rig, again, 'a new stream after the restart');
  },
);

rule(
  'lab4b.limit.receives',
  `at most maxReceives (${LIMITS.maxReceives}) transfers at once: one more is refused, the others complete`,
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const [s1, s2, s3] = [1, 2, 3].map((id) => new StreamPlay(id, INDEX + id, TERM, fileBytes(SIZE, id)));
    await rig.feed(s1!.header());
    await rig.feed(s2!.header());
    await rig.feed(s3!.header());
    check(
      rig.errorsOf(3).some((e) => /busy/.test(e)),
      'the third concurrent header is refused',
      {
        actual: showAcks(rig, s3!),
      },
    );
    for (let k = 0; k < s1!.count; k++) {
      await rig.feed(s1!.chunk(k));
      await rig.feed(s2!.chunk(k));
    }
    check(
      rig.lastAck(1)?.done === true && rig.lastAck(2)?.done === true,
      'both streams within the limit complete',
      {
        actual: { s1: showAcks(rig, s1!), s2: showAcks(rig, s2!) },
      },
    );
    check(
      rig.stepped.length === 2 && rig.receiver.active() === 0,
      'both are stepped and no transfer is left',
      {
        actual: { stepped: rig.stepped.length, active: rig.receiver.active() },
      },
    );
  },
);
