// The Raft core's data types (entries, messages, hard state, snapshots) as plain objects with every
// field present, plus their protobuf encoding. The schema is ../proto/raftpb.proto; on the wire and on
// disk these are protobuf bytes, in memory these interfaces. Terms and indexes are JS numbers.
import { raftpb } from '../proto/pb.js';

export const MessageType = raftpb.MessageType;
export type MessageType = raftpb.MessageType;
export const EntryType = raftpb.EntryType;
export type EntryType = raftpb.EntryType;

/** One log entry. `index` starts at 1; index 0 / term 0 is the empty log's sentinel. */
export interface Entry {
  entryType: EntryType;
  term: number;
  index: number;
  data: Uint8Array;
}

/** Membership: the ids of the voting peers. */
export interface ConfState {
  nodes: number[];
}

export interface SnapshotMetadata {
  confState: ConfState;
  /** Index of the last entry the snapshot covers. */
  index: number;
  /** Term of that entry. */
  term: number;
}

/** A snapshot: metadata for Raft, `data` opaque to Raft (the store's business). */
export interface Snapshot {
  data: Uint8Array;
  metadata: SnapshotMetadata;
}

/** Figure 2's persistent state (currentTerm, votedFor) plus the commit index. */
export interface HardState {
  term: number;
  vote: number;
  commit: number;
}

/**
 * A Raft message. Which fields mean what depends on `msgType` (see raftpb.proto); unused fields are 0,
 * empty or null. Local messages (MsgHup, MsgBeat, MsgPropose) carry term 0.
 */
export interface Message {
  msgType: MessageType;
  to: number;
  from: number;
  term: number;
  logTerm: number;
  index: number;
  entries: Entry[];
  commit: number;
  snapshot: Snapshot | null;
  reject: boolean;
  /** On a rejected MsgAppendResponse: the index the follower suggests the leader retry from. */
  rejectHint: number;
}

const EMPTY = new Uint8Array(0);

const LOCAL_TYPES: ReadonlySet<MessageType> = new Set([
  MessageType.MsgHup,
  MessageType.MsgBeat,
  MessageType.MsgPropose,
]);

/** Local messages (MsgHup, MsgBeat, MsgPropose) are made on the node itself and never travel the network. */
export function isLocalMsg(t: MessageType): boolean {
  return LOCAL_TYPES.has(t);
}

/** A message with every field defaulted, then `fields` applied. */
export function newMessage(fields: Partial<Message> & Pick<Message, 'msgType'>): Message {
  return {
    to: 0,
    from: 0,
    term: 0,
    logTerm: 0,
    index: 0,
    entries: [],
    commit: 0,
    snapshot: null,
    reject: false,
    rejectHint: 0,
    ...fields,
  };
}

/** A normal entry with every field defaulted, then `fields` applied. */
export function newEntry(fields: Partial<Entry> = {}): Entry {
  return { entryType: EntryType.EntryNormal, term: 0, index: 0, data: EMPTY, ...fields };
}

export function emptyHardState(): HardState {
  return { term: 0, vote: 0, commit: 0 };
}

export function isEmptyHardState(hs: HardState): boolean {
  return hs.term === 0 && hs.vote === 0 && hs.commit === 0;
}

export function hardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

export function emptySnapshot(): Snapshot {
  return { data: EMPTY, metadata: { confState: { nodes: [] }, index: 0, term: 0 } };
}

// ---- protobuf encoding -------------------------------------------------------------------------

type Props<T> = { [K in keyof T]?: T[K] | null };

function toEntry(e: Props<Entry>): Entry {
  return {
    entryType: e.entryType ?? EntryType.EntryNormal,
    term: Number(e.term ?? 0),
    index: Number(e.index ?? 0),
    data: e.data ?? EMPTY,
  };
}

function toSnapshot(s: raftpb.Snapshot.$Properties): Snapshot {
  const m = s.metadata ?? {};
  return {
    data: s.data ?? EMPTY,
    metadata: {
      confState: { nodes: (m.confState?.nodes ?? []).map(Number) },
      index: Number(m.index ?? 0),
      term: Number(m.term ?? 0),
    },
  };
}

/** A core Message from a protobuf one (decoded, or a `$Properties` object): absent fields defaulted. */
export function messageFromProto(m: raftpb.Message.$Properties): Message {
  return {
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
  };
}

export function encodeMessage(m: Message): Uint8Array {
  return raftpb.Message.encode(m).finish();
}

export function decodeMessage(bytes: Uint8Array): Message {
  return messageFromProto(raftpb.Message.decode(bytes));
}

export function encodeEntry(e: Entry): Uint8Array {
  return raftpb.Entry.encode(e).finish();
}

export function decodeEntry(bytes: Uint8Array): Entry {
  return toEntry(raftpb.Entry.decode(bytes));
}
