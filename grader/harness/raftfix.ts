// Fixtures for the Raft core tests (lab 1): Raft / RawNode instances over MemoryStorage with a seeded
// random source, storage pre-filled with given terms, message builders, and short text renderings of
// messages and logs for failure messages. Everything of the target is reached through @target.
import { type Config, NONE, Raft, type RandomSource, StateType } from '@target/raft/raft.js';
import {
  type Entry,
  type HardState,
  type Message,
  MessageType,
  emptyHardState,
  newEntry,
  newMessage,
} from '@target/raft/raftpb.js';
import { RawNode } from '@target/raft/rawnode.js';
import { MemoryStorage } from '@target/raft/storage.js';
import { Rng } from './rng.js';

/** Default election timeout (ticks) of the fixtures; the randomized timeout is in [ET, 2·ET). */
export const ET = 10;
/** Default heartbeat interval (ticks). */
export const HT = 1;

export interface FixtureOptions {
  /** All voting peers (including the node itself). Default: [id]. */
  peers?: readonly number[];
  electionTick?: number;
  heartbeatTick?: number;
  /** Terms of the entries 1..n pre-filled into storage (ignored when `storage` is given). */
  terms?: readonly number[];
  /** Hard state pre-filled into storage (ignored when `storage` is given). */
  hardState?: Partial<HardState>;
  /** Use this storage instead of building one. */
  storage?: MemoryStorage;
  /** Config.applied. */
  applied?: number;
  /** Leave Config.peers empty: membership then comes from storage's ConfState. */
  peersFromStorage?: boolean;
  /** Seed of the random source (default: 1000 + id). Ignored when `random` is given. */
  seed?: number;
  random?: RandomSource;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a string (entry data in tests). */
export function bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** The string an entry's data holds (for failure messages). */
export function text(data: Uint8Array): string {
  return decoder.decode(data);
}

/** Entries with the given terms at consecutive indexes starting at `from` (data empty). */
export function entriesWithTerms(terms: readonly number[], from = 1): Entry[] {
  return terms.map((term, k) => newEntry({ term, index: from + k }));
}

/** An entry with data (a proposal-like entry). */
export function dataEntry(index: number, term: number, data: string): Entry {
  return newEntry({ index, term, data: bytes(data) });
}

/** MemoryStorage whose ConfState is `peers`, holding entries 1..n of the given terms and a hard state. */
export function memStorage(
  peers: readonly number[],
  terms: readonly number[] = [],
  hardState: Partial<HardState> = {},
): MemoryStorage {
  const s = new MemoryStorage([...peers]);
  s.append(entriesWithTerms(terms));
  const hs = { ...emptyHardState(), ...hardState };
  if (hs.term !== 0 || hs.vote !== 0 || hs.commit !== 0) s.setHardState(hs);
  return s;
}

/** A random source drawing from a seeded Rng. */
export function seededRandom(seed: number): RandomSource {
  const rng = new Rng(seed);
  return { int: (n: number) => rng.int(n) };
}

/** The Config the fixtures build for node `id`. */
export function raftConfig(id: number, opts: FixtureOptions = {}): Config {
  const peers = opts.peers ?? [id];
  const storage = opts.storage ?? memStorage(peers, opts.terms ?? [], opts.hardState ?? {});
  const config: Config = {
    id,
    peers: opts.peersFromStorage === true ? [] : [...peers],
    electionTick: opts.electionTick ?? ET,
    heartbeatTick: opts.heartbeatTick ?? HT,
    storage,
    random: opts.random ?? seededRandom(opts.seed ?? 1000 + id),
  };
  if (opts.applied !== undefined) config.applied = opts.applied;
  return config;
}

export function newRaft(id: number, opts: FixtureOptions = {}): Raft {
  return new Raft(raftConfig(id, opts));
}

export function newRawNode(id: number, opts: FixtureOptions = {}): RawNode {
  return new RawNode(raftConfig(id, opts));
}

// ---- driving a bare Raft ------------------------------------------------------------------------

/** Makes `r` a candidate then leader directly (no votes exchanged) and drains its outbox. */
export function forceLeader(r: Raft): void {
  r.becomeCandidate();
  r.becomeLeader();
  r.readMessages();
}

/** Runs an election on `r` by MsgHup and granted votes from every other peer; drains the outbox. */
export function electByVotes(r: Raft): void {
  r.step(hup(r.id));
  for (const p of r.prs.keys()) {
    if (p !== r.id && r.state !== StateType.Leader) r.step(voteResp(p, r.id, r.term, false));
  }
  r.readMessages();
}

/** Ticks `r` n times. */
export function tickN(r: { tick(): void }, n: number): void {
  for (let i = 0; i < n; i++) r.tick();
}

/** Drains the outbox and keeps the messages of one type. */
export function takeOfType(r: Raft, t: MessageType): Message[] {
  return r.readMessages().filter((m) => m.msgType === t);
}

/** Terms of the entries `r` holds in memory, from its first index. */
export function logTerms(r: Raft): number[] {
  return r.raftLog.allEntries().map((e) => e.term);
}

// ---- message builders ---------------------------------------------------------------------------

export function hup(id: number): Message {
  return newMessage({ msgType: MessageType.MsgHup, from: id, to: id });
}

export function beat(id: number): Message {
  return newMessage({ msgType: MessageType.MsgBeat, from: id, to: id });
}

export function proposal(id: number, ...data: string[]): Message {
  return newMessage({
    msgType: MessageType.MsgPropose,
    from: id,
    to: id,
    entries: data.map((d) => newEntry({ data: bytes(d) })),
  });
}

export function voteReq(
  from: number,
  to: number,
  term: number,
  lastIndex: number,
  lastTerm: number,
): Message {
  return newMessage({
    msgType: MessageType.MsgRequestVote,
    from,
    to,
    term,
    index: lastIndex,
    logTerm: lastTerm,
  });
}

export function voteResp(from: number, to: number, term: number, reject: boolean): Message {
  return newMessage({ msgType: MessageType.MsgRequestVoteResponse, from, to, term, reject });
}

export function appendMsg(
  from: number,
  to: number,
  term: number,
  prevIndex: number,
  prevTerm: number,
  entries: Entry[],
  commit: number,
): Message {
  return newMessage({
    msgType: MessageType.MsgAppend,
    from,
    to,
    term,
    index: prevIndex,
    logTerm: prevTerm,
    entries,
    commit,
  });
}

export function appendResp(from: number, to: number, term: number, index: number): Message {
  return newMessage({ msgType: MessageType.MsgAppendResponse, from, to, term, index });
}

export function appendReject(from: number, to: number, term: number, index: number, hint: number): Message {
  return newMessage({
    msgType: MessageType.MsgAppendResponse,
    from,
    to,
    term,
    index,
    reject: true,
    rejectHint: hint,
  });
}

export function heartbeat(from: number, to: number, term: number, commit: number): Message {
  return newMessage({ msgType: MessageType.MsgHeartbeat, from, to, term, commit });
}

export function heartbeatResp(from: number, to: number, term: number): Message {
  return newMessage({ msgType: MessageType.MsgHeartbeatResponse, from, to, term });
}

// ---- renderings for failure messages ------------------------------------------------------------

const TYPE_NAMES: Record<number, string> = {
  [MessageType.MsgHup]: 'MsgHup',
  [MessageType.MsgBeat]: 'MsgBeat',
  [MessageType.MsgPropose]: 'MsgPropose',
  [MessageType.MsgAppend]: 'MsgAppend',
  [MessageType.MsgAppendResponse]: 'MsgAppendResponse',
  [MessageType.MsgRequestVote]: 'MsgRequestVote',
  [MessageType.MsgRequestVoteResponse]: 'MsgRequestVoteResponse',
  [MessageType.MsgSnapshot]: 'MsgSnapshot',
  [MessageType.MsgHeartbeat]: 'MsgHeartbeat',
  [MessageType.MsgHeartbeatResponse]: 'MsgHeartbeatResponse',
};

export function typeName(t: MessageType): string {
  return TYPE_NAMES[t] ?? `MsgType(${t})`;
}

/** `index@term` list of entries, e.g. `[4@2 5@3]`. */
export function showEntries(es: readonly Entry[]): string {
  return `[${es.map((e) => `${e.index}@${e.term}`).join(' ')}]`;
}

/** One-line summary of a message, e.g. `MsgAppend 1→2 t3 prev=4@2 ents=[5@3] commit=4`. */
export function showMsg(m: Message): string {
  const head = `${typeName(m.msgType)} ${m.from}→${m.to} t${m.term}`;
  switch (m.msgType) {
    case MessageType.MsgAppend:
      return `${head} prev=${m.index}@${m.logTerm} ents=${showEntries(m.entries)} commit=${m.commit}`;
    case MessageType.MsgAppendResponse:
      return m.reject ? `${head} reject index=${m.index} hint=${m.rejectHint}` : `${head} index=${m.index}`;
    case MessageType.MsgRequestVote:
      return `${head} last=${m.index}@${m.logTerm}`;
    case MessageType.MsgRequestVoteResponse:
      return `${head} ${m.reject ? 'reject' : 'grant'}`;
    case MessageType.MsgHeartbeat:
      return `${head} commit=${m.commit}`;
    default:
      return head;
  }
}

export function showMsgs(ms: readonly Message[]): string[] {
  return ms.map(showMsg);
}

/** The state of a bare Raft in one line (for `actual:` in failures). */
export function showRaft(r: Raft): string {
  const lead = r.lead === NONE ? 'none' : String(r.lead);
  return (
    `node ${r.id}: ${r.state} term=${r.term} vote=${r.vote} lead=${lead} ` +
    `log=${showEntries(r.raftLog.allEntries())} commit=${r.raftLog.committed}`
  );
}

// ---- fresh reads --------------------------------------------------------------------------------
// check() narrows what it tested (`r.term === 2`), and TypeScript keeps that narrowing across later
// step() calls. These reads go through a call, so a later check sees the plain type again.

export function roleOf(r: Raft): StateType {
  return r.state;
}

export function termOf(r: Raft): number {
  return r.term;
}

export function voteOf(r: Raft): number {
  return r.vote;
}

export function leadOf(r: Raft): number {
  return r.lead;
}

export function commitOf(r: Raft): number {
  return r.raftLog.committed;
}
