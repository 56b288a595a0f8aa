// What the snapshot sender (snap-sender.ts, lab 4a) and receiver (snap-receiver.ts, lab 4b) share
// (framework): the transfer limits (the type is StoreConfig's, in api.ts) and their defaults, the name
// of a stream, the snapshot key of a MsgSnapshot, and the builders of the three frames of a stream —
// the header (frame 0: the raft MsgSnapshot with its snapshot's metadata only, the file's size and
// CRC32, and a CRC32 of the header itself in the frame's crc32 field, so that a damaged header is
// refused like a damaged chunk), a data chunk (bytes at an offset with the CRC32 of those bytes), and
// the receiver's ack.
import { crc32 } from 'node:zlib';
import { storepb } from '../proto/pb.js';
import type { SnapshotMetadata } from '../raft/raftpb.js';
import type { TransferLimits } from './api.js';
import { StoreConfigError } from './errors.js';
import type { SnapFileInfo, SnapKey, SnapKind } from './snap-manager.js';

export type { TransferLimits };

export const DEFAULT_TRANSFER_LIMITS: Readonly<TransferLimits> = Object.freeze({
  // A real store's defaults (the simulator's tests set their own, tiny ones): 256 KiB chunks keep the
  // per-frame costs (protobuf, CRC call, syscalls) small next to the copy; 4 MiB in flight per stream
  // bounds the memory a transfer holds, whatever the snapshot's size (docs/performance.md).
  chunkBytes: 256 * 1024,
  windowBytes: 4 * 1024 * 1024,
  maxSends: 2,
  maxReceives: 2,
  ackTimeoutMs: 2000,
  idleTimeoutMs: 2000,
  reorderChunks: 8,
});

/** The defaults with `partial` applied; StoreConfigError when a limit is not usable. */
export function transferLimits(partial: Partial<TransferLimits> = {}): TransferLimits {
  const l: TransferLimits = { ...DEFAULT_TRANSFER_LIMITS, ...partial };
  const bad = (why: string): never => {
    throw new StoreConfigError(`snapshotTransfer: ${why}`);
  };
  for (const [name, v] of Object.entries(l)) {
    if (!Number.isSafeInteger(v)) bad(`${name} must be an integer, got ${v}`);
  }
  if (l.chunkBytes < 1) bad('chunkBytes must be >= 1');
  if (l.windowBytes < l.chunkBytes) bad('windowBytes must be >= chunkBytes (else no chunk ever fits)');
  if (l.maxSends < 1 || l.maxReceives < 1) bad('maxSends and maxReceives must be >= 1');
  if (l.ackTimeoutMs < 1 || l.idleTimeoutMs < 1) bad('ackTimeoutMs and idleTimeoutMs must be >= 1');
  if (l.reorderChunks < 0) bad('reorderChunks must be >= 0');
  return l;
}

/** The two ends and the id of one stream: (from, stream) names it on both sides. */
export interface StreamEnds {
  /** The sending store. */
  readonly from: number;
  /** The receiving store. */
  readonly to: number;
  readonly stream: number;
}

/** The receiver's name of a stream. */
export function streamKey(fromStore: number, streamId: number): string {
  return `${fromStore}/${streamId}`;
}

/** The key of the snapshot file of `kind` for a snapshot of region `regionId` at (index, term). */
export function snapKeyOf(
  kind: SnapKind,
  regionId: number,
  meta: Pick<SnapshotMetadata, 'index' | 'term'>,
): SnapKey {
  return { kind, regionId, term: meta.term, index: meta.index };
}

/** The CRC32 that a header frame carries: of the encoded header. */
export function headerChecksum(header: storepb.SnapshotHeader.$Properties): number {
  return crc32(storepb.SnapshotHeader.encode(header).finish());
}

/** `msg` (a MsgSnapshot) with its snapshot's data left out: the metadata only. */
function metadataOnly(msg: storepb.RaftMessage): storepb.RaftMessage {
  const copy = storepb.RaftMessage.decode(storepb.RaftMessage.encode(msg).finish());
  if (copy.message?.snapshot) copy.message.snapshot.data = new Uint8Array(0);
  return copy;
}

/** Frame 0 of a stream: the MsgSnapshot (metadata only), the file's size and CRC32. */
export function headerFrame(
  s: StreamEnds,
  msg: storepb.RaftMessage,
  file: SnapFileInfo,
): storepb.SnapshotChunk {
  const header = storepb.SnapshotHeader.create({
    message: metadataOnly(msg),
    totalSize: file.size,
    crc32: file.crc32,
  });
  return storepb.SnapshotChunk.create({
    header,
    fromStore: s.from,
    toStore: s.to,
    streamId: s.stream,
    crc32: headerChecksum(header),
  });
}

/** A data frame: `data` at byte `offset` of the file, with its CRC32; `last` ends the stream. */
export function dataFrame(
  s: StreamEnds,
  offset: number,
  data: Uint8Array,
  last: boolean,
): storepb.SnapshotChunk {
  return storepb.SnapshotChunk.create({
    offset,
    data,
    last,
    fromStore: s.from,
    toStore: s.to,
    streamId: s.stream,
    crc32: crc32(data),
  });
}

/** What an ack says: bytes written in order, the file verified and stepped, or why the receiver aborted. */
export interface AckFields {
  received?: number;
  done?: boolean;
  error?: string;
}

/** The receiver's ack on stream `s` (it goes from s.to back to s.from). */
export function ackFrame(s: StreamEnds, f: AckFields): storepb.SnapshotAck {
  return storepb.SnapshotAck.create({
    fromStore: s.to,
    toStore: s.from,
    streamId: s.stream,
    received: f.received ?? 0,
    done: f.done ?? false,
    error: f.error ?? '',
  });
}

/** Why a transfer failed, for an ack's error and the trace. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
