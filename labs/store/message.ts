// Raft messages between stores: wrapping the core's Message in the storepb.RaftMessage envelope (region,
// from/to peer) and turning a received envelope's protobuf message back into a core Message — a fresh
// object, so nothing the sender still holds is shared with the receiver's Raft state.
import { type raftpb, storepb } from '../proto/pb.js';
import {
  type Entry,
  EntryType,
  type Message,
  MessageType,
  type Snapshot,
  newMessage,
} from '../raft/raftpb.js';
import type { Peer } from './meta.js';

const EMPTY = new Uint8Array(0);

export function wrapMessage(regionId: number, from: Peer, to: Peer, message: Message): storepb.RaftMessage {
  return storepb.RaftMessage.create({ regionId, fromPeer: from, toPeer: to, message });
}

function toEntry(e: raftpb.Entry.$Properties): Entry {
  return {
    entryType: e.entryType ?? EntryType.EntryNormal,
    term: Number(e.term ?? 0),
    index: Number(e.index ?? 0),
    data: e.data ?? EMPTY,
  };
}

function toSnapshot(s: raftpb.Snapshot.$Properties): Snapshot {
  const m = s.metadata;
  return {
    data: s.data ?? EMPTY,
    metadata: {
      confState: { nodes: (m?.confState?.nodes ?? []).map(Number) },
      index: Number(m?.index ?? 0),
      term: Number(m?.term ?? 0),
    },
  };
}

/** The core Message of a received envelope's protobuf message. */
export function toCoreMessage(m: raftpb.Message.$Properties): Message {
  return newMessage({
    msgType: m.msgType ?? MessageType.MsgHup,
    to: Number(m.to ?? 0),
    from: Number(m.from ?? 0),
    term: Number(m.term ?? 0),
    logTerm: Number(m.logTerm ?? 0),
    index: Number(m.index ?? 0),
    entries: (m.entries ?? []).map(toEntry),
    commit: Number(m.commit ?? 0),
    snapshot: m.snapshot ? toSnapshot(m.snapshot) : null,
    reject: m.reject ?? false,
    rejectHint: Number(m.rejectHint ?? 0),
  });
}
