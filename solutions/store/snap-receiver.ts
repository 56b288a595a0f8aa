// SnapReceiver: the follower's side of the snapshot transport (lab 4b, after TinyKV's snap_runner
// receive and TiKV's snap.rs). A stream from a leader's SnapSender (snap-sender.ts) is a header frame
// (the MsgSnapshot, metadata only, with the file's size and CRC32) and data chunks (offset, bytes, the
// CRC32 of the bytes). The receiver writes the chunks in order to a temporary file, verifies the whole
// file, renames it into place as a `rcv` snapshot of the SnapManager, and only then steps the
// MsgSnapshot into Raft; installing it (Peer.applySnapshot) reads the file back.
//
// The framework here: transfers by (sending store, stream id); data frames of an unknown stream are
// held briefly (the network may deliver a stream's first chunks before its header: at most
// reorderChunks of them, for at most idleTimeoutMs), then answered with an ack error 'unknown stream';
// a header whose checksum (the frame's crc32, of the encoded header) fails is refused; at most
// maxReceives transfers at once (one more is refused, 'busy'); an idle timer per transfer (no frame for
// idleTimeoutMs while nothing is being written → abort); the work of one transfer serialized (a promise
// chain per transfer, so its file operations never interleave). An abort removes the temporary file,
// releases the registry, acks the error and forgets the transfer; frames of a stream that ended are
// ignored, except an exact duplicate of the header of a stream that ended well, which is acked `done`
// again (the sender may have lost the first one). A stub (LabTodo) ends its transfer without an ack
// and reaches the runtime. Trace: 'snapshot-receive-start' (the header was accepted) and
// 'snapshot-receive-end'.
// Lab 4b is the transfer itself: onHeader (validate, open the temporary file), onData (order, duplicates,
// gaps, checksums, writes, acks) and finish (verify, sync, commit, step, ack done).
import { crc32 } from 'node:zlib';
import { LabTodo } from '../labtodo.js';
import type { storepb } from '../proto/pb.js';
import { type Message, MessageType, messageFromProto } from '../raft/raftpb.js';
import type { Runtime, Timer } from '../runtime/runtime.js';
import type { StoreEvent, Transport } from './api.js';
import { SnapshotTransferError, StoreStoppedError } from './errors.js';
import type { Fence } from './fence.js';
import type { SnapFileWriter } from './snap-fs.js';
import type { SnapKey, SnapManager } from './snap-manager.js';
import {
  type AckFields,
  type StreamEnds,
  type TransferLimits,
  ackFrame,
  headerChecksum,
  reasonOf,
  snapKeyOf,
  streamKey,
} from './snap-transfer.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

/** What the receiver needs to know of this store's peer, read when a header arrives. */
export interface ReceiverPeerView {
  regionId: number;
  peerId: number;
  appliedIndex: number;
  truncatedIndex: number;
  term: number;
}

export interface SnapReceiverOptions {
  storeId: number;
  manager: SnapManager;
  transport: Transport;
  runtime: Runtime;
  fence: Fence;
  emit: (e: StoreEvent) => void;
  limits: TransferLimits;
  peer: () => ReceiverPeerView;
  /** Steps a verified snapshot's MsgSnapshot (metadata only) into Raft (the store's mailbox). */
  step: (msg: Message) => void;
}

/** Length and CRC32 of a chunk written at some offset (to recognise an exact duplicate). */
interface WrittenChunk {
  length: number;
  crc32: number;
}

/** One incoming transfer. */
export interface Incoming extends StreamEnds {
  readonly id: string;
  /** The header's raft message (not validated yet: onHeader does). */
  readonly message: storepb.RaftMessage.$Properties | null;
  /** The file's size and CRC32 as the header states them. */
  readonly totalSize: number;
  readonly crc32: number;
  /** The header frame's checksum (an exact duplicate header has the same). */
  readonly headerCrc: number;
  /** Set by onHeader: the MsgSnapshot to step, the rcv key, its temporary file, the registry's release. */
  msg: Message | null;
  key: SnapKey | null;
  tmp: { name: string; writer: SnapFileWriter } | null;
  release: (() => void) | null;
  /** Bytes written in order so far: the next expected offset. */
  next: number;
  /** The running CRC32 of those bytes. */
  crc: number;
  /** Chunks written, by offset. */
  readonly written: Map<number, WrittenChunk>;
  /** Chunks that arrived ahead of `next`, by offset (at most limits.reorderChunks). */
  readonly ahead: Map<number, storepb.SnapshotChunk>;
  /** Framework: the chain of this transfer's work, items queued on it, the idle timer. */
  chain: Promise<void>;
  queued: number;
  idle: Timer | null;
  /** Framework: no more frames are taken (ending or ended); the end was acked and traced. */
  closing: boolean;
  ended: boolean;
}

/** Streams that ended (by name) the receiver still recognises: the most recent ones. */
const ENDED_MEMORY = 64;

/** Data frames of a stream whose header has not arrived (yet), and the timer that gives up on it. */
interface EarlyFrames {
  readonly frames: storepb.SnapshotChunk[];
  readonly timer: Timer;
}

export class SnapReceiver {
  private readonly transfers = new Map<string, Incoming>();
  /** Ended streams: their header's checksum, and whether they ended well. */
  private readonly ended = new Map<string, { headerCrc: number; ok: boolean }>();
  /** Data frames that arrived before their stream's header, by stream. */
  private readonly early = new Map<string, EarlyFrames>();

  constructor(private readonly o: SnapReceiverOptions) {}

  /** Transfers in progress now. */
  active(): number {
    return this.transfers.size;
  }

  /** A frame of a snapshot stream from the transport. */
  onChunk(c: storepb.SnapshotChunk): void {
    if (this.o.fence.stopped) return;
    const s: StreamEnds = { from: c.fromStore, to: this.o.storeId, stream: c.streamId };
    const id = streamKey(s.from, s.stream);
    const t = this.transfers.get(id);
    if (t !== undefined) {
      this.onFrame(t, c);
      return;
    }
    const ended = this.ended.get(id);
    if (c.header == null) {
      if (ended === undefined) this.holdEarly(s, id, c);
      return;
    }
    const headerCrc = c.crc32;
    if (headerCrc !== headerChecksum(c.header)) {
      this.refuseHeader(s, headerCrc, 'the header fails its checksum');
    } else if (ended !== undefined && ended.headerCrc === headerCrc) {
      if (ended.ok) this.ack(s, { done: true });
    } else if (this.transfers.size >= this.o.limits.maxReceives) {
      this.refuseHeader(s, headerCrc, `busy: ${this.transfers.size} receives in progress (maxReceives)`);
    } else {
      this.open(s, id, c.header, headerCrc);
    }
  }

  /** The store stopped: every transfer ends quietly (its fenced files cannot be touched any more). */
  stop(): void {
    for (const t of this.transfers.values()) {
      t.closing = true;
      t.idle?.cancel();
    }
    this.transfers.clear();
    for (const e of this.early.values()) e.timer.cancel();
    this.early.clear();
  }

  /**
   * Holds a data frame of a stream whose header has not come (the network reordered them); the header
   * takes the held frames over. Too many such frames or streams, or no header within idleTimeoutMs:
   * the stream is refused ('unknown stream': a receiver that restarted mid-stream gets here).
   */
  private holdEarly(s: StreamEnds, id: string, c: storepb.SnapshotChunk): void {
    const { reorderChunks, maxReceives, idleTimeoutMs } = this.o.limits;
    let e = this.early.get(id);
    if (e === undefined && this.early.size < maxReceives) {
      const timer = this.o.runtime.setTimer(idleTimeoutMs, () => this.refuseEarly(s, id));
      e = { frames: [], timer };
      this.early.set(id, e);
    }
    if (e !== undefined && e.frames.length < reorderChunks) e.frames.push(c);
    else this.refuseEarly(s, id);
  }

  /** Gives up on the early frames of stream id: refused, and its later frames are ignored. */
  private refuseEarly(s: StreamEnds, id: string): void {
    this.early.get(id)?.timer.cancel();
    this.early.delete(id);
    this.remember(id, Number.NaN, false);
    this.refuseFrame(s, 'unknown stream');
  }

  /** A new transfer: its header is handled first on its chain. */
  private open(
    s: StreamEnds,
    id: string,
    header: storepb.SnapshotHeader.$Properties,
    headerCrc: number,
  ): void {
    const t: Incoming = {
      ...s,
      id,
      message: header.message ?? null,
      totalSize: Number(header.totalSize ?? 0),
      crc32: Number(header.crc32 ?? 0),
      headerCrc,
      msg: null,
      key: null,
      tmp: null,
      release: null,
      next: 0,
      crc: 0,
      written: new Map(),
      ahead: new Map(),
      chain: Promise.resolve(),
      queued: 0,
      idle: null,
      closing: false,
      ended: false,
    };
    this.transfers.set(id, t);
    this.touch(t);
    this.queue(t, async () => {
      await this.onHeader(t);
      const { index, term } = t.msg!.snapshot!.metadata;
      const e = { storeId: this.o.storeId, from: t.from, stream: t.stream, index, term, bytes: t.totalSize };
      this.o.emit({ kind: 'snapshot-receive-start', ...e });
    });
    const early = this.early.get(id);
    if (early === undefined) return;
    early.timer.cancel();
    this.early.delete(id);
    for (const f of early.frames) this.onFrame(t, f);
  }

  /** A frame of a running transfer. */
  private onFrame(t: Incoming, c: storepb.SnapshotChunk): void {
    if (t.closing) return;
    this.touch(t);
    if (c.header != null) {
      const duplicate = c.crc32 === t.headerCrc && headerChecksum(c.header) === t.headerCrc;
      if (!duplicate) this.abortSoon(t, 'a second, different header in the stream');
      return;
    }
    this.queue(t, async () => {
      if (!(await this.onData(t, c))) return;
      await this.finish(t);
      this.complete(t);
    });
  }

  /** Queues work on t's chain; a failure aborts the transfer. */
  private queue(t: Incoming, work: () => Promise<void>): void {
    t.queued++;
    t.chain = t.chain
      .then(async () => {
        try {
          if (!t.closing) await work();
        } catch (err) {
          // A stopped store ends quietly; a stub (LabTodo) is no transfer failure and reaches the runtime.
          if (err instanceof StoreStoppedError || err instanceof LabTodo) {
            this.forget(t, false);
            if (err instanceof LabTodo) throw err;
            return;
          }
          await this.abort(t, reasonOf(err));
        } finally {
          t.queued--;
        }
      })
      .catch((err: unknown) => {
        if (!(err instanceof StoreStoppedError)) this.o.runtime.onError(err, `snapshot stream ${t.id}`);
      });
  }

  /** (Re)arms t's idle timer: no frame for idleTimeoutMs while no work is queued → abort. */
  private touch(t: Incoming): void {
    t.idle?.cancel();
    const ms = this.o.limits.idleTimeoutMs;
    t.idle = this.o.runtime.setTimer(ms, () => {
      if (t.queued > 0) this.touch(t);
      else this.abortSoon(t, `no frame for ${ms} ms`);
    });
  }

  /** Aborts t from outside its chain: frames are ignored from now on, the cleanup runs on the chain. */
  private abortSoon(t: Incoming, reason: string): void {
    if (t.closing) return;
    this.forget(t, false);
    t.queued++;
    t.chain = t.chain
      .then(() => this.abort(t, reason))
      .catch((err: unknown) => {
        if (!(err instanceof StoreStoppedError)) this.o.runtime.onError(err, `snapshot stream ${t.id}`);
      })
      .finally(() => {
        t.queued--;
      });
  }

  /** Ends t as failed: its temporary file removed, the registry released, the error acked and traced. */
  private async abort(t: Incoming, reason: string): Promise<void> {
    if (t.ended) return;
    t.ended = true;
    this.forget(t, false);
    const tmp = t.tmp;
    t.tmp = null;
    if (tmp !== null) {
      // Best effort: a writer that failed may refuse to close; the file goes anyway.
      await tmp.writer.close().catch(() => {});
      await this.o.manager.removeTemp(tmp.name);
    }
    this.ack(t, { error: reason });
    const storeId = this.o.storeId;
    this.o.emit({ kind: 'snapshot-receive-end', storeId, from: t.from, stream: t.stream, ok: false, reason });
  }

  /** Ends t as verified, committed and stepped. */
  private complete(t: Incoming): void {
    if (t.ended) return;
    t.ended = true;
    this.forget(t, true);
    const storeId = this.o.storeId;
    this.o.emit({ kind: 'snapshot-receive-end', storeId, from: t.from, stream: t.stream, ok: true });
  }

  /** Takes t out of the table (remembering how it ended), stops its timer, releases its file. */
  private forget(t: Incoming, ok: boolean): void {
    t.closing = true;
    t.idle?.cancel();
    t.release?.();
    t.release = null;
    if (this.transfers.get(t.id) === t) this.transfers.delete(t.id);
    this.remember(t.id, t.headerCrc, ok);
  }

  /** Remembers how the stream `id` ended (the most recent ENDED_MEMORY streams are kept). */
  private remember(id: string, headerCrc: number, ok: boolean): void {
    this.ended.delete(id);
    this.ended.set(id, { headerCrc, ok });
    if (this.ended.size > ENDED_MEMORY) this.ended.delete(this.ended.keys().next().value!);
  }

  /** Refuses a header: no transfer is opened, and the stream's later frames are ignored. */
  private refuseHeader(s: StreamEnds, headerCrc: number, reason: string): void {
    this.remember(streamKey(s.from, s.stream), headerCrc, false);
    this.ack(s, { error: reason });
    const e = { storeId: this.o.storeId, from: s.from, stream: s.stream, ok: false, reason };
    this.o.emit({ kind: 'snapshot-receive-end', ...e });
  }

  /** Refuses a data frame of no transfer. */
  private refuseFrame(s: StreamEnds, reason: string): void {
    this.ack(s, { error: reason });
    this.o.emit({
      kind: 'drop',
      storeId: this.o.storeId,
      reason: `snapshot chunk of stream ${s.from}/${s.stream}: ${reason}`,
    });
  }

  /** Sends an ack on stream s back to its sender. */
  private ack(s: StreamEnds, f: AckFields): void {
    if (this.o.fence.stopped) return;
    this.o.transport.send({ kind: 'ack', ack: ackFrame(s, f) });
  }

  /**
   * Lab 4b: the header of a new transfer. Refuses (throws SnapshotTransferError, whose message the
   * sender gets back) a header that is not a MsgSnapshot with snapshot metadata, that is not addressed
   * to this store's peer of this region, or whose snapshot is not newer than what the peer has applied
   * (a reason starting with 'stale'). Then sets t.msg (the core Message to step later), t.key (the rcv
   * key of the snapshot), t.release (the key acquired as 'receiving') and t.tmp (a temporary file).
   */
  private async onHeader(t: Incoming): Promise<void> {
    // BEGIN lab4b: refuse what is not a MsgSnapshot for this peer of this region, or not newer than what it applied ('stale'); then keep the message and its rcv key, register the key as receiving, open a temporary file
    // brief: Accept a transfer only if it is a snapshot addressed to this peer and newer than what it
    // brief: applied; then claim it and start writing it somewhere temporary.
    const rm = t.message;
    const m = rm?.message;
    if (rm == null || m == null || m.msgType !== MessageType.MsgSnapshot || m.snapshot?.metadata == null) {
      throw new SnapshotTransferError('the header carries no MsgSnapshot with snapshot metadata');
    }
    const p = this.o.peer();
    const toPeer = rm.toPeer;
    if (
      Number(rm.regionId ?? 0) !== p.regionId ||
      Number(toPeer?.id ?? 0) !== p.peerId ||
      Number(toPeer?.storeId ?? 0) !== this.o.storeId ||
      Number(m.to ?? 0) !== p.peerId
    ) {
      throw new SnapshotTransferError(
        `not addressed to peer ${p.peerId} of region ${p.regionId} on store ${this.o.storeId}`,
      );
    }
    const msg = messageFromProto(m);
    const meta = msg.snapshot!.metadata;
    if (meta.index <= p.appliedIndex) {
      throw new SnapshotTransferError(
        `stale: snapshot index ${meta.index} <= applied index ${p.appliedIndex}`,
      );
    }
    t.msg = msg;
    t.key = snapKeyOf('rcv', p.regionId, meta);
    t.release = this.o.manager.acquire(t.key, 'receiving');
    t.tmp = await this.o.manager.createTemp(t.key, `s${t.from}x${t.stream}`);
    // END lab4b
  }

  /**
   * Lab 4b: a data chunk. Its bytes must match its crc32. A chunk at an offset below t.next is an
   * exact duplicate of one written (same offset, length and crc32: ignored) or the stream is broken; one
   * beyond t.next waits in t.ahead (an exact duplicate of one waiting is ignored) unless
   * limits.reorderChunks are waiting already; one at t.next is written, then every waiting chunk that
   * now follows. Each write extends t.next, t.crc (zlib.crc32(data, t.crc)) and t.written and may not
   * go past the header's total size. After writing, acks {received: t.next}. Throws
   * SnapshotTransferError to abort; returns true once the chunk marked `last` has been written.
   */
  private async onData(t: Incoming, c: storepb.SnapshotChunk): Promise<boolean> {
    // BEGIN lab4b: check the chunk's crc32; ignore exact duplicates, abort on overlaps, hold a bounded number of early chunks; write in order (then the held chunks that now follow), keeping next, crc and written; ack what was received
    // brief: Every chunk must pass its checksum; duplicates are harmless, overlaps and conflicts are fatal; a
    // brief: few chunks that arrive early may wait; data is written strictly in order, and progress is
    // brief: acknowledged.
    const { offset, data, crc32: sum } = c;
    if (crc32(data) !== sum) throw new SnapshotTransferError(`chunk at ${offset} fails its checksum`);
    if (offset < t.next) {
      const w = t.written.get(offset);
      if (w?.length === data.length && w.crc32 === sum) return false;
      throw new SnapshotTransferError(`chunk at ${offset} overlaps the ${t.next} bytes written`);
    }
    if (offset > t.next) {
      const held = t.ahead.get(offset);
      if (held !== undefined && held.data.length === data.length && held.crc32 === sum) return false;
      if (held !== undefined) throw new SnapshotTransferError(`two different chunks at ${offset}`);
      if (t.ahead.size >= this.o.limits.reorderChunks) {
        throw new SnapshotTransferError(`gap at ${t.next}: ${t.ahead.size} chunks wait ahead of it already`);
      }
      t.ahead.set(offset, c);
      return false;
    }
    let chunk: storepb.SnapshotChunk | undefined = c;
    let last = false;
    while (chunk !== undefined && !last) {
      const bytes = chunk.data;
      if (t.next + bytes.length > t.totalSize) {
        throw new SnapshotTransferError(`chunk at ${t.next} goes past the total size ${t.totalSize}`);
      }
      await t.tmp!.writer.write(bytes);
      t.written.set(t.next, { length: bytes.length, crc32: chunk.crc32 });
      t.crc = crc32(bytes, t.crc);
      t.next += bytes.length;
      last = chunk.last;
      chunk = t.ahead.get(t.next);
      t.ahead.delete(t.next);
    }
    this.ack(t, { received: t.next });
    return last;
    // END lab4b
  }

  /**
   * Lab 4b: the last chunk is written. The file must have the header's total size and CRC32; then it is
   * made durable (sync), closed and committed as t.key's final file (manager.commitTemp) — and only then
   * is t.msg stepped into Raft and the stream acked {done: true}.
   */
  private async finish(t: Incoming): Promise<void> {
    // BEGIN lab4b: the file must have the header's size and crc32; make it durable and commit it before Raft sees the message; then ack done
    // brief: A complete transfer must match what the header promised, and is made durable and committed
    // brief: before Raft hears of it; then the sender is told it is done.
    if (t.next !== t.totalSize) {
      throw new SnapshotTransferError(
        `size mismatch: ${t.next} bytes received, the header says ${t.totalSize}`,
      );
    }
    if (t.crc !== t.crc32) {
      throw new SnapshotTransferError(
        `checksum mismatch: the file's crc32 is ${t.crc}, the header says ${t.crc32}`,
      );
    }
    const { name, writer } = t.tmp!;
    await writer.sync();
    await writer.close();
    await this.o.manager.commitTemp(name, t.key!, { size: t.next, crc32: t.crc });
    this.o.step(t.msg!);
    this.ack(t, { done: true });
    // END lab4b
  }
}
