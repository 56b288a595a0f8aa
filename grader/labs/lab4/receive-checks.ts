// What the lab-4b tests check after a stream ends at the receiver (store 2 of transfer-rig.ts): an
// aborted stream leaves nothing behind (no temporary file, no final file, no registration, nothing
// stepped, the error acked); a completed one is a final file with its meta, exactly the sent bytes,
// stepped once as a MsgSnapshot with metadata only, after its rename, and acked done after the step.
import { Buffer } from 'node:buffer';
import { MessageType } from '@target/raft/raftpb.js';
import { check } from '../../harness/rule.js';
import type { StreamPlay, TransferRig } from './transfer-rig.js';

const DISPLAY_ACKS = 6;

/** The acks of the stream, short: `r<received>`, `done`, `error: …`. */
export function showAcks(rig: TransferRig, s: StreamPlay): string[] {
  const acks = rig
    .acksOf(s.stream)
    .map((a) => (a.error ? `error: ${a.error}` : a.done ? 'done' : `r${Number(a.received ?? 0)}`));
  return acks.length > DISPLAY_ACKS ? ['…', ...acks.slice(-DISPLAY_ACKS)] : acks;
}

/** Feeds the header of s, then its chunks k in `order` (default: all in order). */
export async function play(rig: TransferRig, s: StreamPlay, order?: number[]): Promise<void> {
  await rig.feed(s.header());
  for (const k of order ?? [...Array(s.count).keys()]) await rig.feed(s.chunk(k));
}

/** The receiver aborted stream s: an error ack (matching `reason`, if given) and nothing left behind. */
export function aborted(rig: TransferRig, s: StreamPlay, when: string, reason?: RegExp, hint?: string): void {
  rig.healthy(when);
  const errors = rig.errorsOf(s.stream);
  check(errors.length > 0, `${when}: the receiver aborts the transfer and acks the error`, {
    expected: reason === undefined ? 'an ack with an error' : `an ack with an error like ${reason}`,
    actual: showAcks(rig, s),
    hint:
      hint ??
      'throw new SnapshotTransferError(why): the framework aborts, removes the temp and acks the error',
  });
  if (reason !== undefined) {
    check(
      errors.some((e) => reason.test(e)),
      `${when}: the error names the cause`,
      {
        expected: reason.source,
        actual: errors,
        hint: hint ?? 'the SnapshotTransferError’s message is the ack’s error',
      },
    );
  }
  nothingLeft(rig, s, when);
  check(!rig.acksOf(s.stream).some((a) => a.done), `${when}: the stream is never acked done`, {
    actual: showAcks(rig, s),
  });
}

/** No temporary or final file of s, no registration, nothing stepped. */
export function nothingLeft(rig: TransferRig, s: StreamPlay, when: string): void {
  const names = rig.b.names();
  check(rig.b.temps().length === 0, `${when}: no temporary file is left`, {
    expected: 'no *.tmp',
    actual: names,
    hint: 'an abort removes the temporary file (the framework does, from t.tmp: set it as soon as it is created)',
  });
  check(!names.includes(s.finalName), `${when}: no final snapshot file exists`, {
    actual: names,
    hint: 'only a verified file is committed (manager.commitTemp)',
  });
  check(rig.stepped.length === 0, `${when}: nothing is stepped into Raft`, {
    actual: rig.stepped.map((x) => x.msg),
    hint: 'step the MsgSnapshot only after the file passed every check and was committed',
  });
  const uses = rig.b.manager.uses(s.rcvKey);
  check(uses.length === 0, `${when}: the snapshot is no longer registered as in use`, {
    expected: [],
    actual: uses,
    hint: 'acquire "receiving" into t.release: the framework releases it when the transfer ends',
  });
}

/** Stream s completed: verified, committed, stepped once after the rename, acked done after the step. */
export function completed(rig: TransferRig, s: StreamPlay, when: string): void {
  rig.healthy(when);
  const acks = showAcks(rig, s);
  check(rig.errorsOf(s.stream).length === 0, `${when}: the stream is accepted without an error`, {
    actual: acks,
  });
  check(rig.lastAck(s.stream)?.done === true, `${when}: the last ack says done`, {
    actual: acks,
    hint: 'after commitTemp and step, ack {done: true}',
  });
  const file = rig.b.vfs.contents(s.finalName);
  check(file !== null, `${when}: the final file ${s.finalName} exists`, { actual: rig.b.names() });
  check(
    Buffer.from(file).equals(Buffer.from(s.bytes)),
    `${when}: the final file holds exactly the bytes sent`,
    {
      expected: `${s.bytes.length} bytes`,
      actual: `${file.length} bytes${file.length === s.bytes.length ? ', different' : ''}`,
      hint: 'write the chunks in offset order, each exactly once',
    },
  );
  check(rig.b.names().includes(`${s.finalName}.meta`), `${when}: the meta record sits beside it`, {
    actual: rig.b.names(),
    hint: 'manager.commitTemp(tmp, key, {size, crc32}) writes the meta, then renames the data',
  });
  check(rig.b.temps().length === 0, `${when}: no temporary file is left`, { actual: rig.b.names() });
  check(rig.b.handles.writers.length === 0, `${when}: the temporary file's writer is closed`, {
    actual: rig.b.handles.writers,
    hint: 'writer.sync() then writer.close() before manager.commitTemp',
  });
  check(rig.stepped.length === 1, `${when}: the MsgSnapshot is stepped exactly once`, {
    actual: rig.stepped.length,
  });
  const { msg, opsBefore, acksBefore } = rig.stepped[0]!;
  const meta = msg.snapshot?.metadata;
  check(
    msg.msgType === MessageType.MsgSnapshot && meta?.index === s.index && meta.term === s.term,
    `${when}: the stepped message is the header’s MsgSnapshot`,
    { expected: { index: s.index, term: s.term }, actual: meta },
  );
  check(
    opsBefore.some((o) => o.op === 'rename' && o.to === s.finalName),
    `${when}: the message is stepped only after the file was renamed into place`,
    {
      actual: opsBefore.slice(-4),
      hint: 'await manager.commitTemp(…) before step(t.msg): the install reads the final file',
    },
  );
  const doneAt = rig.acksOf(s.stream).findIndex((a) => a.done);
  check(
    rig.acks.indexOf(rig.acksOf(s.stream)[doneAt]!) >= acksBefore,
    `${when}: done is acked only after the step`,
    { hint: 'the sender reports the snapshot sent on done: step first' },
  );
  check(rig.b.manager.uses(s.rcvKey).length === 0, `${when}: the registration is released`, {
    actual: rig.b.manager.uses(s.rcvKey),
  });
}
