// What stores send each other, and its one wire format. An Envelope (api.ts) is a raft message — the
// core's Message in the storepb.RaftMessage wrapper (region, from/to peer) — or a lab-4 snapshot chunk;
// on the wire it is one storepb.StoreMessage, which the simulated network and TcpTransport both encode
// and decode here. A decoded envelope is made of fresh objects, so nothing the sender still holds is
// shared with the receiver (its raft message becomes a core Message again through
// raftpb.messageFromProto).
import { storepb } from '../proto/pb.js';
import type { Message } from '../raft/raftpb.js';
import type { Envelope } from './api.js';
import { FrameError } from './errors.js';
import type { Peer } from './meta.js';

/** The envelope of a core message from one peer to another. */
export function wrapMessage(regionId: number, from: Peer, to: Peer, message: Message): Envelope {
  return { kind: 'raft', msg: storepb.RaftMessage.create({ regionId, fromPeer: from, toPeer: to, message }) };
}

/** The store an envelope is addressed to (0 when it names none). */
export function destination(env: Envelope): number {
  switch (env.kind) {
    case 'raft':
      return Number(env.msg.toPeer?.storeId ?? 0);
    case 'chunk':
      return Number(env.chunk.toStore ?? 0);
    case 'ack':
      return Number(env.ack.toStore ?? 0);
  }
}

/** The wire encoding of an envelope: a storepb.StoreMessage. */
export function encodeEnvelope(env: Envelope): Uint8Array {
  const sm =
    env.kind === 'raft' ? { raft: env.msg } : env.kind === 'chunk' ? { chunk: env.chunk } : { ack: env.ack };
  return storepb.StoreMessage.encode(sm).finish();
}

/** Decodes a storepb.StoreMessage; FrameError when the bytes are not one or carry no payload. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  let sm: storepb.StoreMessage;
  try {
    sm = storepb.StoreMessage.decode(bytes);
  } catch (err) {
    throw new FrameError(`undecodable store message: ${err instanceof Error ? err.message : String(err)}`);
  }
  // decode() builds message instances; the generated field types only promise their properties.
  if (sm.raft != null) return { kind: 'raft', msg: sm.raft as storepb.RaftMessage };
  if (sm.chunk != null) return { kind: 'chunk', chunk: sm.chunk as storepb.SnapshotChunk };
  if (sm.ack != null) return { kind: 'ack', ack: sm.ack as storepb.SnapshotAck };
  throw new FrameError('store message without a payload');
}
