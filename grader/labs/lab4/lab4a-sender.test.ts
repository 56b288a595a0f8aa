// Lab 4a, the sender (SnapSender.transfer): a MsgSnapshot's file goes to the follower's store as one
// stream — a header frame (the message with its metadata only, the file's size and whole-file CRC32),
// then data chunks of at most chunkBytes with their offset and their own CRC32, `last` on the final one
// — never more than windowBytes beyond what the receiver acknowledged, and ends only when the receiver
// says `done`. Every way it can end (done, an ack with an error, no ack in time, no file, a read error,
// too many sends) is reported to Raft exactly once, with the file's reader closed and its 'sending'
// registration released. The test plays the receiver by hand (transfer-rig.ts).
import { MessageType } from '@target/raft/raftpb.js';
import { type SnapKey, snapFileName } from '@target/store/snap-manager.js';
import { check, rule } from '../../harness/rule.js';
import { LIMITS, RECEIVER, TransferRig, crcOf, fileBytes, keyOf } from './transfer-rig.js';

const PART = { part: 'lab4a', tags: ['unit'] };
const INDEX = 20;
const TERM = 5;
/** Five chunks of the rig's 64: four full ones and 44 bytes. */
const SIZE = 300;

/** A rig with a gen file of `size` bytes at (INDEX, TERM), handed to the sender; time runs `ms`. */
async function sending(size = SIZE, ms = 20): Promise<{ rig: TransferRig; key: SnapKey; bytes: Uint8Array }> {
  const rig = await TransferRig.open();
  const bytes = fileBytes(size);
  const key = await rig.genFile(INDEX, TERM, bytes);
  rig.send(INDEX, TERM);
  await rig.run(ms);
  return { rig, key, bytes };
}

/** The one stream the sender opened (a setup failure names what it sent instead). */
function theStream(rig: TransferRig): number {
  const ids = rig.streams();
  check(ids.length === 1, 'the sender opens one stream for one MsgSnapshot', {
    expected: '1 stream id among the frames sent',
    actual: { streams: ids, reports: rig.reports, errors: rig.rt.errors },
    hint: 'transfer(t) sends every frame of the transfer through this.sendFrame(t, …)',
  });
  return ids[0]!;
}

/** Exactly one report, to peer 2, with outcome `ok`. */
function reportedOnce(rig: TransferRig, ok: boolean, when: string): void {
  rig.healthy(when);
  const reports = rig.reports.map((r) => `report(${r.to}, ${r.ok})`);
  check(
    reports.length === 1 && reports[0] === `report(${RECEIVER}, ${ok})`,
    `${when}: the transfer is reported to Raft exactly once, ${ok ? 'ok' : 'failed'}`,
    {
      expected: [`report(${RECEIVER}, ${ok})`],
      actual: reports,
      hint: ok
        ? 'transfer(t) resolves only once the receiver acked done; the framework then reports ok'
        : 'transfer(t) must throw (SnapshotTransferError) on this path: the framework then reports the failure, and Raft probes the follower again',
    },
  );
}

/** After the end: no reader of the file left open, the file no longer registered as being sent. */
function cleanedUp(rig: TransferRig, key: SnapKey, when: string): void {
  check(rig.a.handles.readers.length === 0, `${when}: the file's reader is closed`, {
    expected: 'no open reader',
    actual: rig.a.handles.readers,
    hint: 'close the reader in a finally around the whole transfer: every path, failures too',
  });
  const uses = rig.a.manager.uses(key);
  check(uses.length === 0, `${when}: the file is no longer registered as in use`, {
    expected: [],
    actual: uses,
    hint: 'the framework releases "sending" when transfer(t) settles: it must settle on every path',
  });
}

/** Plays the receiver: acks every chunk as it arrives, then `done` after the last one. */
async function ackUntilLast(rig: TransferRig, stream: number, maxRounds = 50): Promise<void> {
  for (let i = 0; i < maxRounds && !rig.dataOf(stream).some((f) => f.last); i++) {
    rig.ackAll(stream);
    await rig.run(10);
  }
}

rule(
  'lab4a.header.fields',
  'the first frame is the header: the MsgSnapshot with metadata only, the file’s total size and whole-file CRC32',
  { ...PART, points: 3 },
  async () => {
    const { rig, bytes } = await sending();
    rig.healthy('sending a snapshot');
    const stream = theStream(rig);
    const [first] = rig.framesOf(stream);
    const h = first?.header;
    check(h != null, 'the stream starts with a header frame', {
      actual: first,
      hint: 'this.sendFrame(t, headerFrame(t, t.msg, info)) before any data chunk',
    });
    const m = h.message?.message;
    const meta = m?.snapshot?.metadata;
    check(
      m?.msgType === MessageType.MsgSnapshot && Number(meta?.index) === INDEX && Number(meta?.term) === TERM,
      'the header carries the MsgSnapshot with its snapshot’s metadata',
      { expected: { index: INDEX, term: TERM }, actual: meta },
    );
    check((m?.snapshot?.data?.length ?? 0) === 0, 'the header’s MsgSnapshot carries no snapshot data', {
      actual: `${m?.snapshot?.data?.length} bytes of data`,
      hint: 'the data goes in the chunks; headerFrame leaves it out of the message',
    });
    const header = { totalSize: Number(h.totalSize), crc32: (h.crc32 ?? 0) >>> 0 };
    check(
      header.totalSize === bytes.length && header.crc32 === crcOf(bytes),
      'the header states the file’s size and the CRC32 of the whole file',
      {
        expected: { totalSize: bytes.length, crc32: crcOf(bytes) },
        actual: header,
        hint: 'the file’s meta record has both: info = await this.o.manager.info(t.key)',
      },
    );
    check((first!.data?.length ?? 0) === 0, 'the header frame carries no data', {
      actual: `${first!.data?.length} bytes`,
    });
  },
);

rule(
  'lab4a.chunks.split',
  'the data goes in order in chunks of at most chunkBytes, each with its offset and CRC32, the last one marked',
  { ...PART, points: 3 },
  async () => {
    const { rig, bytes } = await sending();
    const stream = theStream(rig);
    await ackUntilLast(rig, stream);
    const data = rig.dataOf(stream);
    const shown = data.map((f) => ({ offset: Number(f.offset), bytes: f.data?.length ?? 0, last: f.last }));
    let offset = 0;
    for (const [k, f] of data.entries()) {
      const len = f.data?.length ?? 0;
      check(Number(f.offset) === offset, `chunk ${k} starts where the previous one ended`, {
        expected: offset,
        actual: shown,
        hint: 'send the file in order: offset 0, then offset + the previous chunk’s length',
      });
      check(
        len > 0 && len <= LIMITS.chunkBytes,
        `chunk ${k} carries 1..chunkBytes (${LIMITS.chunkBytes}) bytes`,
        {
          actual: shown,
          hint: 'n = Math.min(chunkBytes, size − offset)',
        },
      );
      check(f.crc32 >>> 0 === crcOf(f.data!), `chunk ${k} carries the CRC32 of its own data`, {
        expected: crcOf(f.data!),
        actual: f.crc32 >>> 0,
        hint: 'dataFrame(t, offset, data, last) computes it: pass exactly the bytes read',
      });
      check(f.last === (offset + len === bytes.length), `only the final chunk is marked last (chunk ${k})`, {
        actual: shown,
      });
      check(
        Buffer.from(f.data!).equals(Buffer.from(bytes.subarray(offset, offset + len))),
        `chunk ${k} carries the file’s bytes at its offset`,
        { hint: 'reader.read(offset, n) returns the bytes at offset' },
      );
      offset += len;
    }
    check(offset === bytes.length, 'the chunks cover the whole file', {
      expected: `${bytes.length} bytes`,
      actual: shown,
    });
  },
);

rule(
  'lab4a.chunks.empty-file',
  'an empty file is a header of size 0 and one empty chunk marked last',
  { ...PART, points: 2 },
  async () => {
    const { rig, key } = await sending(0);
    const stream = theStream(rig);
    const h = rig.framesOf(stream)[0]?.header;
    check(
      h != null && Number(h.totalSize) === 0 && (h.crc32 ?? 0) >>> 0 === 0,
      'the header states size 0, CRC32 0',
      {
        actual: h,
      },
    );
    const data = rig
      .dataOf(stream)
      .map((f) => ({ offset: Number(f.offset), bytes: f.data?.length, last: f.last }));
    check(data.length === 1 && data[0]!.bytes === 0 && data[0]!.last, 'one empty chunk, marked last', {
      expected: [{ offset: 0, bytes: 0, last: true }],
      actual: data,
      hint: 'an empty file still ends its stream: the receiver finishes on the chunk marked last',
    });
    rig.ackToSender(stream, { received: 0, done: true });
    await rig.run(20);
    reportedOnce(rig, true, 'an empty file acked done');
    cleanedUp(rig, key, 'an empty file acked done');
  },
);

/** Bytes of data sent on a stream: the end of the furthest chunk. */
function sentEnd(rig: TransferRig, stream: number): number {
  return rig.dataOf(stream).reduce((m, f) => Math.max(m, Number(f.offset) + (f.data?.length ?? 0)), 0);
}

rule(
  'lab4a.window.bounded',
  'never more than windowBytes sent beyond the highest `received` acknowledged; more goes out as acks come',
  { ...PART, points: 3 },
  async () => {
    const { rig } = await sending(1000, 100);
    const stream = theStream(rig);
    const w = LIMITS.windowBytes;
    const first = sentEnd(rig, stream);
    check(first > 0 && first <= w, `without acks the sender stops at the window (${w} bytes)`, {
      expected: `1..${w} bytes sent`,
      actual: `${first} bytes sent after 100 ms without an ack`,
      hint: 'before sending a chunk ending at offset + n, wait (nextAck) while offset + n − acked > windowBytes',
    });
    rig.ackToSender(stream, { received: 128 });
    await rig.run(50);
    const second = sentEnd(rig, stream);
    check(second > first, 'an ack opens the window: more chunks go out', {
      expected: `more than ${first} bytes sent`,
      actual: second,
      hint: 'acked = the highest `received` of the acks so far',
    });
    check(second - 128 <= w, 'still within the window beyond the acknowledged 128 bytes', {
      expected: `<= ${128 + w} bytes sent`,
      actual: second,
    });
    // An older ack arriving late must not move the window back (nor forward).
    rig.ackToSender(stream, { received: 64 });
    await rig.run(50);
    const third = sentEnd(rig, stream);
    check(third - 128 <= w, 'a late ack of fewer bytes does not open the window further', {
      expected: `<= ${128 + w} bytes sent`,
      actual: third,
      hint: 'the window is counted from the highest received so far: Math.max(acked, ack.received)',
    });
    rig.healthy('while the window holds the sender back');
  },
);

rule(
  'lab4a.done.awaited',
  'after the last chunk the sender waits for `done`: only then is the send reported ok, once',
  { ...PART, points: 3 },
  async () => {
    const { rig, key } = await sending();
    const stream = theStream(rig);
    await ackUntilLast(rig, stream);
    rig.ackToSender(stream, { received: SIZE });
    await rig.run(100);
    check(rig.reports.length === 0, 'every byte acknowledged but no `done` yet: nothing is reported', {
      actual: rig.reports,
      hint: 'the file is not installed until the receiver verified, renamed and stepped it: wait for an ack with done',
    });
    check(
      rig.a.manager.uses(key).includes('sending'),
      'the file stays registered as being sent until the end',
      {
        actual: rig.a.manager.uses(key),
      },
    );
    rig.ackToSender(stream, { received: SIZE, done: true });
    await rig.run(20);
    reportedOnce(rig, true, 'acked done');
    const sent = rig.a.eventsOf('snapshot-sent');
    check(sent.length === 1 && sent[0]!.index === INDEX, 'one snapshot-sent event', { actual: sent });
    cleanedUp(rig, key, 'acked done');
    // A duplicated done, and a late ack, change nothing.
    rig.ackToSender(stream, { received: SIZE, done: true });
    rig.ackToSender(stream, { received: 64 });
    await rig.run(20);
    reportedOnce(rig, true, 'after a duplicated done');
    check(sentEnd(rig, stream) === SIZE, 'nothing more is sent after the end', {
      actual: rig.dataOf(stream).length,
    });
    rig.healthy('after the stream ended');
  },
);

rule(
  'lab4a.fail.ack-error',
  'an ack with an error ends the transfer at once: reported failed once, nothing more sent, reader closed',
  { ...PART, points: 3 },
  async () => {
    const { rig, key } = await sending(1000, 50);
    const stream = theStream(rig);
    rig.ackToSender(stream, { received: 64 });
    await rig.run(20);
    const before = rig.frames.length;
    rig.ackToSender(stream, { received: 64, error: 'chunk at 64 fails its checksum' });
    await rig.run(50);
    reportedOnce(rig, false, 'an ack with an error');
    check(
      rig.reports[0]!.at < 50 + LIMITS.ackTimeoutMs / 2,
      'the failure is reported at once, not after a timeout',
      {
        actual: `reported at t=${rig.reports[0]!.at} ms`,
        hint: 'if (ack.error) throw new SnapshotTransferError(…) as soon as nextAck() returns it',
      },
    );
    // Acks already queued, and later ones, must not make it send again.
    rig.ackToSender(stream, { received: 512 });
    await rig.run(50);
    check(rig.frames.length === before, 'no frame is sent after the receiver aborted', {
      expected: `${before} frames`,
      actual: `${rig.frames.length} frames`,
    });
    const end = rig.a.eventsOf('snapshot-stream-end');
    check(
      end.length === 1 && end[0]!.ok === false && (end[0]!.reason ?? '').includes('fails its checksum'),
      'the stream ends failed, naming the receiver’s error',
      { actual: end, hint: 'throw new SnapshotTransferError(…) with the ack’s error in its message' },
    );
    cleanedUp(rig, key, 'after an ack with an error');
    rig.healthy('after an ack with an error');
  },
);

rule(
  'lab4a.fail.ack-timeout',
  'no ack within ackTimeoutMs ends the transfer failed; acks that keep coming keep a slow transfer alive',
  { ...PART, points: 3 },
  async () => {
    const { rig, key } = await sending(1000, 50);
    theStream(rig);
    const timeout = LIMITS.ackTimeoutMs;
    await rig.run(timeout - 100);
    check(rig.reports.length === 0, 'nothing is reported before ackTimeoutMs passed', {
      actual: rig.reports,
    });
    await rig.run(200);
    reportedOnce(rig, false, `no ack for ${timeout} ms`);
    cleanedUp(rig, key, 'after the ack timeout');
    // A slow receiver: an ack every 0.8 × ackTimeoutMs; the whole transfer takes far longer than that.
    const slow = await TransferRig.open();
    const slowKey = await slow.genFile(INDEX, TERM, fileBytes(1000));
    slow.send(INDEX, TERM);
    await slow.run(20);
    const s = theStream(slow);
    for (let i = 0; i < 40 && slow.reports.length === 0; i++) {
      await slow.run(timeout * 0.8);
      slow.ackAll(s);
    }
    await slow.run(20);
    reportedOnce(slow, true, 'a slow receiver whose acks keep coming');
    cleanedUp(slow, slowKey, 'a slow transfer');
    slow.healthy('during a slow transfer');
  },
);

rule(
  'lab4a.fail.no-file',
  'a missing or incomplete snapshot file fails the transfer at once: no frame sent, reported failed once',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const key = keyOf('gen', INDEX, TERM);
    rig.send(INDEX, TERM);
    await rig.run(50);
    check(rig.frames.length === 0, 'no frame is sent for a file that does not exist', {
      actual: rig.frames.map((f) => (f.header != null ? 'header' : `chunk@${f.offset}`)),
      hint: 'info(t.key) is null: throw before sending the header (the receiver would wait for nothing)',
    });
    reportedOnce(rig, false, 'no snapshot file');
    cleanedUp(rig, key, 'no snapshot file');
    // Data without its meta record (a crash between the two renames): not a complete snapshot.
    const half = await TransferRig.open();
    const w = await half.drive(half.a.vfs.create(snapFileName(key)), 'creating a data file');
    await half.drive(w.write(fileBytes(100)), 'writing it');
    await half.drive(w.close(), 'closing it');
    half.send(INDEX, TERM);
    await half.run(50);
    check(half.frames.length === 0, 'no frame is sent for a data file without its meta record', {
      actual: half.frames.length,
      hint: 'manager.info(key) is null when the meta is missing: the file may be incomplete',
    });
    reportedOnce(half, false, 'a data file without its meta');
    cleanedUp(half, key, 'a data file without its meta');
  },
);

rule(
  'lab4a.fail.read-error',
  'a failing read of the file ends the transfer failed, reported once, the reader closed',
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const key = await rig.genFile(INDEX, TERM, fileBytes(SIZE));
    rig.a.vfs.failNext('read', new Error('injected read failure'));
    rig.send(INDEX, TERM);
    await rig.run(50);
    reportedOnce(rig, false, 'a failing read');
    check(rig.a.handles.opened === 1, 'setup: the sender opened the file', { actual: rig.a.handles });
    cleanedUp(rig, key, 'a failing read');
  },
);

rule(
  'lab4a.limit.sends',
  'at most maxSends transfers at once: one more is reported failed at once, the running ones go on',
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const keys = [
      await rig.genFile(INDEX, TERM, fileBytes(SIZE, 1)),
      await rig.genFile(INDEX + 1, TERM, fileBytes(SIZE, 2)),
      await rig.genFile(INDEX + 2, TERM, fileBytes(SIZE, 3)),
    ];
    rig.send(INDEX, TERM, 2);
    rig.send(INDEX + 1, TERM, 3);
    rig.send(INDEX + 2, TERM, 2);
    await rig.run(20);
    const refused = rig.reports.map((r) => `report(${r.to}, ${r.ok})`);
    check(
      refused.length === 1 && refused[0] === 'report(2, false)',
      `the send beyond maxSends (${LIMITS.maxSends}) is refused at once`,
      {
        expected: ['report(2, false)'],
        actual: refused,
      },
    );
    const ids = rig.streams();
    check(ids.length === 2, 'the two sends within the limit stream', {
      expected: '2 streams',
      actual: { streams: ids, errors: rig.rt.errors },
    });
    for (let i = 0; i < 50 && rig.reports.length < 3; i++) {
      for (const s of ids) rig.ackAll(s);
      await rig.run(10);
    }
    const all = rig.reports.map((r) => `report(${r.to}, ${r.ok})`).sort();
    check(
      all.join() === ['report(2, false)', 'report(2, true)', 'report(3, true)'].join(),
      'both running sends finish ok',
      {
        actual: all,
      },
    );
    check(rig.sender.active() === 0, 'no transfer is left running', { actual: rig.sender.active() });
    for (const k of keys) cleanedUp(rig, k, `snapshot ${k.index}`);
  },
);
