// Lab 4b over a link: the graded sender and receiver wired together (transfer-rig.ts), the link
// duplicating, reordering, corrupting or cutting the stream frame by frame. A clean or merely shuffled
// stream ends with the file in place and the send reported ok; a corrupted or cut one is detected —
// aborted by the receiver, reported failed by the sender — and leaves no file on either side; a new
// stream afterwards succeeds.
import { Buffer } from 'node:buffer';
import { storepb } from '@target/proto/pb.js';
import { check, rule } from '../../harness/rule.js';
import { type LinkHook, LIMITS, RECEIVER, TransferRig, crcOf, fileBytes, keyOf } from './transfer-rig.js';

const PART = { part: 'lab4b', tags: ['unit'] };
const INDEX = 40;
const TERM = 7;
/** 32 chunks of the rig's 64 bytes. */
const SIZE = 32 * LIMITS.chunkBytes;

/** Sends a file of SIZE bytes over the wired link (through `hook`) and runs until reported (or 3 s). */
async function transfer(hook?: LinkHook, rig?: TransferRig): Promise<TransferRig> {
  const r = rig ?? (await TransferRig.open());
  if (rig === undefined) await r.genFile(INDEX, TERM, fileBytes(SIZE));
  r.wire(hook);
  const reports = r.reports.length;
  r.send(INDEX, TERM);
  for (let t = 0; t < 3000 && r.reports.length === reports; t += 10) await r.run(10);
  await r.run(50);
  return r;
}

/** The send was reported once more, with outcome ok. */
function reported(rig: TransferRig, ok: boolean, n: number, when: string): void {
  const all = rig.reports.map((r) => `report(${r.to}, ${r.ok})`);
  check(
    all.length === n && all[n - 1] === `report(${RECEIVER}, ${ok})`,
    `${when}: the send is reported ${ok ? 'ok' : 'failed'}`,
    {
      expected: `report #${n}: report(${RECEIVER}, ${ok})`,
      actual: all,
    },
  );
}

/** The receiver holds exactly the file sent, and stepped it. */
function received(rig: TransferRig, when: string): void {
  const name = 'rcv_1_7_40.snap';
  const file = rig.b.vfs.contents(name);
  check(
    file !== null && crcOf(file) === crcOf(fileBytes(SIZE)) && file.length === SIZE,
    `${when}: the receiver holds exactly the file sent`,
    {
      expected: `${name}: ${SIZE} bytes`,
      actual: file === null ? rig.b.names() : `${file.length} bytes`,
    },
  );
  check(rig.stepped.length === 1, `${when}: it stepped the MsgSnapshot once`, { actual: rig.stepped.length });
}

/** No temporary file on either store, no received file, nothing stepped, nothing registered. */
function nothingLeft(rig: TransferRig, when: string): void {
  const left = [...rig.a.temps(), ...rig.b.temps()];
  check(left.length === 0, `${when}: no temporary file on either store`, { actual: left });
  check(!rig.b.names().some((n) => n.startsWith('rcv_')), `${when}: no received snapshot file`, {
    actual: rig.b.names(),
    hint: 'a stream that failed a check must never be committed',
  });
  check(rig.stepped.length === 0, `${when}: nothing stepped`, { actual: rig.stepped.length });
  check(rig.a.manager.uses(keyOf('gen', INDEX, TERM)).length === 0, `${when}: the sent file is released`);
  check(rig.a.handles.readers.length === 0, `${when}: the sender closed its reader`, {
    actual: rig.a.handles,
  });
}

rule(
  'lab4b.link.clean',
  'a clean link: the file arrives whole, is stepped once, and the send is reported ok',
  { ...PART, points: 2 },
  async () => {
    const rig = await transfer();
    rig.healthy('a transfer over a clean link');
    reported(rig, true, 1, 'a clean link');
    received(rig, 'a clean link');
    const data = rig.framesOf(rig.streams()[0]!).filter((f) => f.header == null).length;
    check(data === SIZE / LIMITS.chunkBytes, 'each chunk is sent once', {
      expected: SIZE / LIMITS.chunkBytes,
      actual: data,
    });
  },
);

rule(
  'lab4b.link.shuffled',
  'a link that swaps neighbouring frames and repeats some, at once and late: the same file arrives, reported ok',
  { ...PART, points: 3 },
  async () => {
    let held: storepb.SnapshotChunk | undefined;
    const seen: storepb.SnapshotChunk[] = [];
    const rig = await transfer((f, n) => {
      // A late copy of the frame three back (written by now), and a copy of every third frame at once.
      const out = n % 4 === 3 ? [seen[n - 3]!] : [];
      seen.push(f);
      const copies = n % 3 === 2 ? [f, f] : [f];
      if (f.header != null || f.last) {
        out.push(...copies, ...(held === undefined ? [] : [held]));
        held = undefined;
        return out;
      }
      if (held === undefined) {
        held = f;
        return out;
      }
      out.push(...copies, held);
      held = undefined;
      return out;
    });
    rig.healthy('a transfer over a shuffling link');
    reported(rig, true, 1, 'duplicated and swapped frames');
    received(rig, 'duplicated and swapped frames');
  },
);

rule(
  'lab4b.link.corrupted',
  'a chunk corrupted on the link: the receiver aborts, the sender reports failure at once; a new stream succeeds',
  { ...PART, points: 3 },
  async () => {
    const rig = await transfer((f) => {
      if (Number(f.offset) !== 5 * LIMITS.chunkBytes || f.header != null) return undefined;
      const data = Buffer.from(f.data);
      data[3]! ^= 0x40;
      return [storepb.SnapshotChunk.create({ ...f, data })];
    });
    rig.healthy('a transfer with a corrupted chunk');
    reported(rig, false, 1, 'a corrupted chunk');
    check(
      rig.reports[0]!.at < LIMITS.ackTimeoutMs,
      'the failure comes from the receiver’s error ack, not a timeout',
      {
        actual: `reported at t=${rig.reports[0]!.at} ms (ackTimeoutMs ${LIMITS.ackTimeoutMs})`,
        hint: 'the receiver acks the error; the sender throws on an ack with an error',
      },
    );
    nothingLeft(rig, 'a corrupted chunk');
    const again = await transfer(undefined, rig);
    reported(again, true, 2, 'a new stream after the corrupted one');
    received(again, 'a new stream after the corrupted one');
  },
);

rule(
  'lab4b.link.cut',
  'a stream cut after ten chunks: both sides give up (idle and ack timeouts), nothing is left behind',
  { ...PART, points: 3 },
  async () => {
    const rig = await transfer((f) =>
      Number(f.offset) >= 10 * LIMITS.chunkBytes && f.header == null ? 'drop' : undefined,
    );
    rig.healthy('a cut stream');
    reported(rig, false, 1, 'a cut stream');
    await rig.run(LIMITS.idleTimeoutMs + 100);
    const end = rig.b.eventsOf('snapshot-receive-end');
    check(end.length === 1 && end[0]!.ok === false, 'the receiver ends the stream failed', { actual: end });
    nothingLeft(rig, 'a cut stream');
  },
);
