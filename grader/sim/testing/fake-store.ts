// A tiny fake store for the simulator's own unit tests (no Raft): store 1 is the leader forever. It
// applies a proposal to its kv engine (data and apply state in one batch), replicates it to the other
// stores in a MsgAppend carrying the command, and answers; followers apply what they receive and
// acknowledge with MsgHeartbeatResponse. Every store sends a MsgHeartbeat to every other on each tick. Others
// answer proposals with not-leader (hint 1). It writes the real key layout, so the invariant monitor
// sees its applies, and sends term-0 messages, so the persistence checks leave it alone.
import { raftpb, storepb } from '@target/proto/pb.js';
import type { Envelope, StoreConfig } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { WriteBatch } from '@target/store/engine.js';
import { applyStateKey, dataKey } from '@target/store/keys.js';
import { decodeApplyState, encodeApplyState } from '@target/store/meta.js';
import type { Timer } from '@target/runtime/runtime.js';
import type { SimStore, StoreDriver, StoreStatusView } from '../types.js';

export interface FakeStoreOptions {
  /** Send a heartbeat to every other store on each tick (default true). */
  heartbeats?: boolean;
}

export class FakeStore implements SimStore {
  private applied = 0;
  private stopped = false;
  private readonly ticker: Timer | undefined;
  /** Envelopes this incarnation received, in order (for tests). */
  readonly received: Envelope[] = [];

  private constructor(
    private readonly cfg: StoreConfig,
    opts: FakeStoreOptions,
  ) {
    if (opts.heartbeats !== false) {
      this.ticker = cfg.runtime.setInterval(cfg.tickMs, () =>
        this.broadcast(raftpb.MessageType.MsgHeartbeat, []),
      );
    }
  }

  static async open(cfg: StoreConfig, opts: FakeStoreOptions = {}): Promise<FakeStore> {
    const s = new FakeStore(cfg, opts);
    const raw = await cfg.kvEngine.get(applyStateKey(REGION_ID));
    s.applied = raw === undefined ? 0 : decodeApplyState(raw).appliedIndex;
    return s;
  }

  /** Keeps every envelope; acts on a MsgAppend only (chunks and anything else are just kept). */
  onMessage(env: Envelope): void {
    if (this.stopped) return;
    this.received.push(env);
    const m = env.kind === 'raft' ? env.msg.message : undefined;
    if (m?.msgType !== raftpb.MessageType.MsgAppend) return;
    const index = Number(m.index);
    const data = m.entries?.[0]?.data;
    if (index !== this.applied + 1 || data == null) return; // gaps and duplicates are ignored
    void this.apply(index, storepb.RaftCmdRequest.decode(data)).then(() =>
      this.send(1, raftpb.MessageType.MsgHeartbeatResponse, index, []),
    );
  }

  async propose(req: storepb.RaftCmdRequest): Promise<storepb.RaftCmdResponse> {
    const requestId = Number(req.header?.requestId ?? 0);
    if (this.cfg.storeId !== 1) {
      return storepb.RaftCmdResponse.create({
        header: {
          requestId,
          error: { message: 'not leader', notLeader: { regionId: REGION_ID, leaderStoreId: 1 } },
        },
      });
    }
    const index = this.applied + 1;
    const value = await this.apply(index, req);
    const entry = { term: 0, index, data: storepb.RaftCmdRequest.encode(req).finish() };
    this.broadcast(raftpb.MessageType.MsgAppend, [entry], index);
    const r = req.requests[0]!;
    return storepb.RaftCmdResponse.create({
      header: { requestId },
      responses: [{ cmdType: r.cmdType, found: value !== undefined, value: value ?? new Uint8Array(0) }],
    });
  }

  stop(): void {
    this.stopped = true;
    this.ticker?.cancel();
  }

  status(): StoreStatusView {
    const leader = this.cfg.storeId === 1;
    return {
      storeId: this.cfg.storeId,
      raftState: leader ? 'Leader' : 'Follower',
      term: 1,
      lead: 1,
      committed: this.applied,
      applied: this.applied,
      lastIndex: this.applied,
      firstIndex: 1,
      truncatedIndex: 0,
    };
  }

  /** Applies one command at `index`; returns the value a Get read. */
  private async apply(index: number, req: storepb.RaftCmdRequest): Promise<Uint8Array | undefined> {
    const r = req.requests[0];
    const key = r?.key ?? new Uint8Array(0);
    const wb = new WriteBatch();
    let value: Uint8Array | undefined;
    if (r?.cmdType === storepb.CmdType.Put) wb.put(dataKey(key), r.value ?? new Uint8Array(0));
    else if (r?.cmdType === storepb.CmdType.Delete) wb.delete(dataKey(key));
    else if (r?.cmdType === storepb.CmdType.Get) value = await this.cfg.kvEngine.get(dataKey(key));
    wb.put(
      applyStateKey(REGION_ID),
      encodeApplyState({ appliedIndex: index, truncatedState: { index: 0, term: 0 } }),
    );
    this.applied = index;
    await this.cfg.kvEngine.write(wb);
    return value;
  }

  private broadcast(type: raftpb.MessageType, entries: raftpb.IEntry[], index = 0): void {
    for (const to of this.cfg.storeIds) if (to !== this.cfg.storeId) this.send(to, type, index, entries);
  }

  private send(to: number, msgType: raftpb.MessageType, index: number, entries: raftpb.IEntry[]): void {
    if (this.stopped) return;
    const msg = storepb.RaftMessage.create({
      regionId: REGION_ID,
      fromPeer: { id: this.cfg.storeId, storeId: this.cfg.storeId },
      toPeer: { id: to, storeId: to },
      message: { msgType, from: this.cfg.storeId, to, term: 0, index, entries },
    });
    this.cfg.transport.send({ kind: 'raft', msg });
  }
}

/** A driver opening FakeStores. */
export function fakeDriver(opts: FakeStoreOptions = {}): StoreDriver {
  return { name: 'fake', open: (cfg) => FakeStore.open(cfg, opts) };
}
