// Raft messages between stores: wrapping the core's Message in the storepb.RaftMessage envelope (region,
// from/to peer). A received envelope's message becomes a core Message again through
// raftpb.messageFromProto — a fresh object, so nothing the sender still holds is shared with the
// receiver's Raft state.
import { storepb } from '../proto/pb.js';
import type { Message } from '../raft/raftpb.js';
import type { Peer } from './meta.js';

/** The envelope of a core message from one peer to another. */
export function wrapMessage(regionId: number, from: Peer, to: Peer, message: Message): storepb.RaftMessage {
  return storepb.RaftMessage.create({ regionId, fromPeer: from, toPeer: to, message });
}
