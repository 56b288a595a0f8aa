// OneStoreRig: the base of the unit-test rigs that run one real store (store 1 of a three-store region)
// whose two peers the test plays by hand, over a ManualRuntime that ticks it only when the test says so.
// It builds the store's config, captures the core messages the store sends, and plays the peers: their
// raft messages, a leader's appends, a vote, acknowledgements. The rigs add their engines and crashes.
import { storepb } from '@target/proto/pb.js';
import {
  type Entry,
  EntryType,
  type Message,
  MessageType,
  messageFromProto,
  newMessage,
} from '@target/raft/raftpb.js';
import type { StoreConfig, StoreEvent, StoreStatus } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { kvCommand, putRequest } from '@target/store/cmd.js';
import type { Engine } from '@target/store/engine.js';
import { Store } from '@target/store/store.js';
import { ManualRuntime, settle } from './manual-runtime.js';
import { check } from './rule.js';

export const TICK_MS = 10;
export const ELECTION_TICK = 10;
/** The store the rig runs (its peers are 2 and 3). */
export const ME = 1;

/** The fields of a raft message a test gives; from and to are the rig's. */
export type MessageFields = Partial<Message> & Pick<Message, 'msgType' | 'term'>;

/** A client command's answer, once it arrives. */
export interface Answer {
  resp: storepb.RaftCmdResponse | undefined;
}

/** Encoded command data of a log entry: a Put of key = value. */
export function putData(key: string, value: string, requestId = 0): Uint8Array {
  const cmd = kvCommand(requestId, [putRequest(Buffer.from(key), Buffer.from(value))]);
  return storepb.RaftCmdRequest.encode(cmd).finish();
}

export function entry(index: number, term: number, data: Uint8Array): Entry {
  return { entryType: EntryType.EntryNormal, index, term, data };
}

/** Entries from..to of the given term, each a Put of k<i> = v<i>. */
export function puts(from: number, to: number, term = 6): Entry[] {
  const out: Entry[] = [];
  for (let i = from; i <= to; i++) out.push(entry(i, term, putData(`k${i}`, `v${i}`)));
  return out;
}

/** What a rig's incarnation of the store is configured with beyond the common settings. */
export interface StoreSetup {
  raftEngine: Engine;
  kvEngine: Engine;
  gcCountLimit: number;
  gcTickInterval: number;
  snapshots?: boolean;
  /** While false, what the store sends and reports is dropped (default: always true). */
  alive?: () => boolean;
}

export abstract class OneStoreRig {
  rt = new ManualRuntime();
  /** Core messages the store sent, oldest first (takeSent() empties it). */
  sent: Message[] = [];
  events: StoreEvent[] = [];
  protected requestId = 0;

  /** The running store. */
  protected abstract running(): Store;

  /** A config for a new incarnation over a new ManualRuntime (this.rt). */
  protected storeConfig(s: StoreSetup): StoreConfig {
    this.rt = new ManualRuntime();
    const alive = s.alive ?? (() => true);
    const cfg: StoreConfig = {
      storeId: ME,
      storeIds: [1, 2, 3],
      runtime: this.rt,
      transport: {
        send: (env) => {
          if (env.kind === 'raft' && alive()) this.capture(messageFromProto(env.msg.message!));
        },
      },
      raftEngine: s.raftEngine,
      kvEngine: s.kvEngine,
      tickMs: TICK_MS,
      electionTick: ELECTION_TICK,
      heartbeatTick: 2,
      gcCountLimit: s.gcCountLimit,
      gcTickInterval: s.gcTickInterval,
      onEvent: (e) => {
        if (alive()) this.events.push(e);
      },
    };
    if (s.snapshots !== undefined) cfg.snapshots = s.snapshots;
    return cfg;
  }

  /** Opens an incarnation of the store with this setup, lets it settle and checks it is healthy. */
  protected async openStore(s: StoreSetup): Promise<Store> {
    const store = await Store.open(this.storeConfig(s));
    await settle();
    this.healthy('opening the store');
    return store;
  }

  /** Keeps a core message the store sent. */
  protected capture(m: Message): void {
    this.sent.push(m);
  }

  status(): StoreStatus {
    return this.running().status();
  }

  /** Fails the test if the store reported an error (a LabTodo stub, a raft or store error…). */
  healthy(when: string): void {
    check(this.rt.errors.length === 0, `the store failed ${when}`, {
      actual: this.rt.errors.join('\n'),
    });
  }

  takeSent(): Message[] {
    const out = this.sent;
    this.sent = [];
    return out;
  }

  /** Delivers a raft message from peer `from` (2 or 3) and lets the store settle; no health check. */
  async send(from: number, fields: MessageFields): Promise<void> {
    const msg = storepb.RaftMessage.create({
      regionId: REGION_ID,
      fromPeer: { id: from, storeId: from },
      toPeer: { id: ME, storeId: ME },
      message: newMessage({ ...fields, from, to: ME }),
    });
    this.running().onMessage({ kind: 'raft', msg });
    await settle();
  }

  /** Delivers a raft message from peer `from` and checks that the store is still healthy. */
  async deliver(from: number, fields: MessageFields): Promise<void> {
    await this.send(from, fields);
    this.healthy(`handling ${MessageType[fields.msgType]} from store ${from}`);
  }

  /** Advances n ticks. */
  async tick(n: number): Promise<void> {
    await this.rt.advance(n * TICK_MS);
    this.healthy(`on tick ${this.rt.now() / TICK_MS}`);
  }

  /** Peer 2 leads `term` and appends entries after (prevIndex, prevTerm), committing up to `commit`. */
  async appendFromLeader(
    term: number,
    prevIndex: number,
    prevTerm: number,
    entries: Entry[],
    commit: number,
  ): Promise<void> {
    await this.deliver(2, {
      msgType: MessageType.MsgAppend,
      term,
      index: prevIndex,
      logTerm: prevTerm,
      entries,
      commit,
    });
  }

  /** Ticks until the store campaigns, then peer 2 grants its vote: the store leads the new term. */
  async becomeLeader(): Promise<number> {
    for (let i = 0; i < 3 * ELECTION_TICK; i++) {
      await this.tick(1);
      const vote = this.takeSent().find((m) => m.msgType === MessageType.MsgRequestVote);
      if (vote === undefined) continue;
      await this.deliver(2, { msgType: MessageType.MsgRequestVoteResponse, term: vote.term });
      const st = this.status();
      check(st.raftState === 'Leader', 'setup: store 1 must win the election with the vote of store 2', {
        actual: st,
      });
      return st.term;
    }
    this.healthy('while campaigning');
    check(false, 'setup: store 1 must campaign (send MsgRequestVote) within three election timeouts', {
      expected: `a MsgRequestVote within ${3 * ELECTION_TICK} ticks`,
      actual: 'no MsgRequestVote sent',
      hint: 'does tick() count the election timeout on a follower, and does the timeout start an election (lab1a)?',
    });
  }

  /** Peer `from` acknowledges the leader's log up to index. */
  async ack(from: number, index: number): Promise<void> {
    await this.deliver(from, { msgType: MessageType.MsgAppendResponse, term: this.status().term, index });
  }

  /** Proposes a command to the store; the answer fills in once it arrives. */
  propose(requests: storepb.Request[]): Answer {
    const answer: Answer = { resp: undefined };
    void this.running()
      .propose(kvCommand(++this.requestId, requests))
      .then((resp) => {
        answer.resp = resp;
      });
    return answer;
  }

  /** A client put to the store; the answer fills in once it arrives. */
  put(key: string, value: string): Answer {
    return this.propose([putRequest(Buffer.from(key), Buffer.from(value))]);
  }
}
