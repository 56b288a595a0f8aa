// SnapSender: the leader's side of the snapshot transport (lab 4a, after TinyKV's snap_runner send and
// TiKV's snap.rs). With lab 4 on, a MsgSnapshot from the Ready carries the snapshot's metadata only; the
// Peer hands it here instead of to the transport, and the generated file (a `gen` snapshot of the
// SnapManager) goes to the follower's store as one stream: a header frame, then data chunks, each
// acknowledged by the receiver with how much it has written in order (snap-receiver.ts), and finally an
// ack `done` once the follower has verified the file, renamed it into place and stepped the message.
//
// The framework here: a stream id per transfer (a counter of this store), at most maxSends transfers at
// once (one more is reported failed at once), the file registered as 'sending' for the whole transfer
// (GC leaves it alone), the acks of each stream queued for nextAck(), which gives up after ackTimeoutMs
// without one, and, whatever happens, exactly one report(to, ok) per MsgSnapshot — ok iff transfer()
// resolved — that the store turns into RawNode.reportSnapshot (a failure returns the follower to
// probing; the leader sends a snapshot again later). The transfer itself, transfer(t), is lab 4a.
// Trace: 'snapshot-stream-start' (the header went out), 'snapshot-stream-end', and 'snapshot-sent' on
// success. A stopped store's transfers end quietly (no report, no event), and so does a stub (LabTodo),
// which reaches the runtime instead.
import { LabTodo } from '../labtodo.js';
import type { storepb } from '../proto/pb.js';
import { MessageType } from '../raft/raftpb.js';
import type { Runtime, Timer } from '../runtime/runtime.js';
import type { Envelope, StoreEvent, Transport } from './api.js';
import { SnapshotTransferError, StoreStoppedError } from './errors.js';
import type { Fence } from './fence.js';
import { type SnapKey, type SnapManager, snapFileName } from './snap-manager.js';
import {
  type StreamEnds,
  type TransferLimits,
  dataFrame,
  headerFrame,
  reasonOf,
  snapKeyOf,
} from './snap-transfer.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

export interface SnapSenderOptions {
  storeId: number;
  manager: SnapManager;
  transport: Transport;
  runtime: Runtime;
  fence: Fence;
  emit: (e: StoreEvent) => void;
  limits: TransferLimits;
  /** How the transfer of a MsgSnapshot to peer `to` ended; called exactly once per send(). */
  report: (to: number, ok: boolean) => void;
}

/** One outgoing transfer. */
export interface Outgoing extends StreamEnds {
  /** The raft peer the MsgSnapshot is for (what report() names). */
  readonly toPeer: number;
  /** The snapshot file being sent (kind 'gen'). */
  readonly key: SnapKey;
  /** The raft message (MsgSnapshot, metadata only) that the header carries. */
  readonly msg: storepb.RaftMessage;
  /** Acks that arrived and nextAck() has not handed out yet. */
  readonly acks: storepb.SnapshotAck[];
  /** The nextAck() waiting for an ack, if any. */
  waiter: AckWaiter | null;
  /** The file's size, once the header went out. */
  bytes: number;
}

interface AckWaiter {
  resolve(ack: storepb.SnapshotAck): void;
  reject(err: unknown): void;
}

export class SnapSender {
  private nextStream = 1;
  /** The transfers running, by stream id. */
  private readonly streams = new Map<number, Outgoing>();

  constructor(private readonly o: SnapSenderOptions) {}

  /** Transfers running now. */
  active(): number {
    return this.streams.size;
  }

  /** Starts sending the snapshot of a raft MsgSnapshot envelope; its outcome is report()ed later. */
  send(env: Envelope): void {
    if (this.o.fence.stopped) return;
    const m = env.kind === 'raft' ? env.msg.message : null;
    const meta = m?.snapshot?.metadata;
    if (env.kind !== 'raft' || m == null || m.msgType !== MessageType.MsgSnapshot || meta == null) {
      throw new SnapshotTransferError('SnapSender.send: not a raft MsgSnapshot with snapshot metadata');
    }
    const toPeer = Number(m.to ?? 0);
    const to = Number(env.msg.toPeer?.storeId ?? 0);
    const stream = this.nextStream++;
    if (this.streams.size >= this.o.limits.maxSends) {
      this.end(to, stream, `busy: ${this.streams.size} sends in progress (maxSends)`);
      this.o.report(toPeer, false);
      return;
    }
    const key = snapKeyOf('gen', Number(env.msg.regionId ?? 0), {
      index: Number(meta.index ?? 0),
      term: Number(meta.term ?? 0),
    });
    const t: Outgoing = {
      from: this.o.storeId,
      to,
      stream,
      toPeer,
      key,
      msg: env.msg,
      acks: [],
      waiter: null,
      bytes: 0,
    };
    this.streams.set(stream, t);
    this.run(t).catch((err: unknown) =>
      this.o.runtime.onError(err, `snapshot stream ${stream} to store ${to}`),
    );
  }

  /** An ack from a receiver; one of no running stream (late, duplicated, foreign) is dropped. */
  onAck(ack: storepb.SnapshotAck): void {
    if (this.o.fence.stopped) return;
    const t = this.streams.get(Number(ack.streamId ?? 0));
    if (t === undefined || Number(ack.fromStore ?? 0) !== t.to) {
      const reason = `snapshot ack of no running stream (${ack.fromStore}/${ack.streamId})`;
      this.o.emit({ kind: 'drop', storeId: this.o.storeId, reason });
      return;
    }
    if (t.waiter !== null) t.waiter.resolve(ack);
    else t.acks.push(ack);
  }

  /** The store stopped: every transfer ends (quietly: no report, no event). */
  stop(): void {
    for (const t of this.streams.values()) t.waiter?.reject(new StoreStoppedError(this.o.storeId));
  }

  /**
   * One transfer, start to end: the file registered as 'sending' throughout, transfer(t), then exactly
   * one report. A stub (LabTodo) is no transfer failure: it is not reported and reaches the runtime.
   */
  private async run(t: Outgoing): Promise<void> {
    const release = this.o.manager.acquire(t.key, 'sending');
    let reason: string | null = null;
    try {
      await this.transfer(t);
    } catch (err) {
      if (err instanceof LabTodo) throw err;
      reason = reasonOf(err);
    } finally {
      release();
      this.streams.delete(t.stream);
    }
    if (!this.o.fence.stopped) this.finish(t, reason);
  }

  /** The events and the one report of a transfer that ended (reason null: it succeeded). */
  private finish(t: Outgoing, reason: string | null): void {
    this.end(t.to, t.stream, reason);
    if (reason === null) {
      const { index, term } = t.key;
      this.o.emit({
        kind: 'snapshot-sent',
        storeId: this.o.storeId,
        to: t.toPeer,
        index,
        term,
        bytes: t.bytes,
      });
    }
    this.o.report(t.toPeer, reason === null);
  }

  private end(to: number, stream: number, reason: string | null): void {
    const storeId = this.o.storeId;
    if (reason === null) this.o.emit({ kind: 'snapshot-stream-end', storeId, to, stream, ok: true });
    else this.o.emit({ kind: 'snapshot-stream-end', storeId, to, stream, ok: false, reason });
  }

  /** Sends one frame of t's stream; the header frame is the stream's start in the trace. */
  private sendFrame(t: Outgoing, chunk: storepb.SnapshotChunk): void {
    this.o.fence.check();
    if (chunk.header != null) {
      t.bytes = Number(chunk.header.totalSize ?? 0);
      const { index, term } = t.key;
      const e = { storeId: this.o.storeId, to: t.to, stream: t.stream, index, term, bytes: t.bytes };
      this.o.emit({ kind: 'snapshot-stream-start', ...e });
    }
    this.o.transport.send({ kind: 'chunk', chunk });
  }

  /**
   * The next ack of t's stream, in arrival order; SnapshotTransferError when none comes within
   * ackTimeoutMs (the receiver is gone, or the stream is stalled).
   */
  private nextAck(t: Outgoing): Promise<storepb.SnapshotAck> {
    this.o.fence.check();
    const queued = t.acks.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    const ms = this.o.limits.ackTimeoutMs;
    return new Promise((resolve, reject) => {
      let timer: Timer | null = null;
      const settle = (): void => {
        timer?.cancel();
        t.waiter = null;
      };
      t.waiter = {
        resolve: (ack) => {
          settle();
          resolve(ack);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      };
      timer = this.o.runtime.setTimer(ms, () => {
        t.waiter?.reject(new SnapshotTransferError(`no ack from store ${t.to} for ${ms} ms`));
      });
    });
  }

  /**
   * Lab 4a: sends the snapshot file of t.key to store t.to as one stream and resolves once the
   * receiver has acknowledged it `done`; throws (SnapshotTransferError) when the transfer fails. The
   * file must exist (a missing or incomplete one fails the transfer). Frames go out through
   * this.sendFrame: the header first (headerFrame: the message, the file's size and CRC32), then the
   * data in chunks of at most limits.chunkBytes (dataFrame: offset, bytes, `last` on the final chunk;
   * an empty file is one empty last chunk). Flow control: never more than limits.windowBytes sent
   * beyond the highest `received` acknowledged so far (this.nextAck(t) waits for the next ack). An ack
   * with an `error` ends the transfer with that error. The file's reader is closed whatever happens.
   */
  private async transfer(t: Outgoing): Promise<void> {
    const { chunkBytes, windowBytes } = this.o.limits;
    // BEGIN lab4a: stream the gen file: the header, then chunks of at most chunkBytes, never more than windowBytes beyond what the receiver acked; a missing file or an error ack fails, `done` succeeds; always close the reader
    // brief: Stream the snapshot file: a header, then bounded chunks, never too far ahead of what the
    // brief: receiver acknowledged; any problem fails the transfer, the receiver's final acknowledgement
    // brief: completes it, and the file is always closed.
    const info = await this.o.manager.info(t.key);
    if (info === null) throw new SnapshotTransferError(`no complete snapshot file ${snapFileName(t.key)}`);
    const reader = await this.o.manager.openReader(t.key);
    try {
      let acked = 0;
      const awaitAck = async (): Promise<storepb.SnapshotAck> => {
        const ack = await this.nextAck(t);
        if (ack.error) throw new SnapshotTransferError(`store ${t.to} aborted the transfer: ${ack.error}`);
        acked = Math.max(acked, Number(ack.received ?? 0));
        return ack;
      };
      this.sendFrame(t, headerFrame(t, t.msg, info));
      let offset = 0;
      do {
        const n = Math.min(chunkBytes, info.size - offset);
        while (offset + n - acked > windowBytes) await awaitAck();
        const data = await reader.read(offset, n);
        if (data.length !== n)
          throw new SnapshotTransferError(`${snapFileName(t.key)}: short read at ${offset}`);
        this.sendFrame(t, dataFrame(t, offset, data, offset + n === info.size));
        offset += n;
      } while (offset < info.size);
      let done = false;
      while (!done) done = (await awaitAck()).done;
    } finally {
      await reader.close();
    }
    // END lab4a
  }
}
