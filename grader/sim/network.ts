// The simulated network: every envelope a store sends (a raft message or a snapshot chunk) is encoded
// to protobuf bytes (the real wire format, the target's message.ts), run through the active filters
// (drop, delay, duplicate, corrupt, partition…), given a seeded latency and delivered later as a
// freshly decoded envelope. Envelopes to a store that is down, or that crashes while they are in
// flight, are lost, and so are those corrupted beyond decoding.
import { raftpb, type storepb } from '@target/proto/pb.js';
import type { Envelope } from '@target/store/api.js';
import { decodeEnvelope, destination, encodeEnvelope } from '@target/store/message.js';
import type { Rng } from '../harness/rng.js';
import {
  type NetFilter,
  type Packet,
  type StreamFrame,
  flipBytes,
  isolateFilter,
  judge,
  partitionFilter,
} from '../harness/faults.js';
import type { Sim } from './sim.js';

/** What the network needs to know about the stores. */
export interface NetDirectory {
  /** Is this store id part of the cluster? */
  isMember(storeId: number): boolean;
  /** The incarnation of a store that can receive now, or undefined when it is down (or still opening). */
  receiver(storeId: number): number | undefined;
  /** Hands a decoded envelope to the running incarnation of a store. */
  deliver(storeId: number, env: Envelope): void;
  /** A store misbehaved on the wire (the cluster fails the test). */
  fault(storeId: number, err: Error, where: string): void;
}

export interface NetworkOptions {
  /** Base one-way latency, uniform in [min, max] virtual ms. */
  latencyMs: readonly [number, number];
}

export interface NetStats {
  sent: number;
  delivered: number;
  /** Dropped by a filter (drop, partition, isolate, custom). */
  dropped: number;
  /** Sent to a store that was down. */
  toDownStore: number;
  /** In flight when the receiver crashed. */
  lostInFlight: number;
  /** Extra copies added by filters. */
  duplicated: number;
  /** Corrupted by a filter (delivered altered, or lost when undecodable). */
  corrupted: number;
  /** Corrupted beyond decoding, so lost. */
  undecodable: number;
  bytes: number;
}

/** Returned by add(); pass it to remove(). */
export interface FilterHandle {
  readonly label: string;
  readonly tag: string;
}

/** A filter in the chain, under its handle. */
interface ActiveFilter extends FilterHandle, NetFilter {}

/** A trace field: the number, or undefined (left out) when it is 0. */
function nz(x: number | Long | null | undefined): number | undefined {
  return x ? Number(x) : undefined;
}

/** The packet types of snapshot-stream frames (a raft message's is its message type's name). */
const CHUNK_TYPE = 'SnapshotChunk';
const ACK_TYPE = 'SnapshotAck';

/** What filters and the trace call an envelope: the raft message type name, CHUNK_TYPE or ACK_TYPE. */
function typeOf(env: Envelope): string {
  if (env.kind === 'chunk') return CHUNK_TYPE;
  if (env.kind === 'ack') return ACK_TYPE;
  const m = env.msg.message;
  return m == null ? 'none' : (raftpb.MessageType[m.msgType ?? 0] ?? `type${m.msgType}`);
}

/** The type a drop record names: only a stream frame's (a raft message's drop record has none). */
function dropType(type: string): string | undefined {
  return type === CHUNK_TYPE || type === ACK_TYPE ? type : undefined;
}

/** The send record of packet `id`; zero and false fields are left out (cheaper to record; absent means 0). */
function sendRecord(env: Envelope, to: number, id: number, type: string): Record<string, unknown> {
  if (env.kind === 'chunk') {
    const c: storepb.SnapshotChunk = env.chunk;
    const bytes = c.data?.length || undefined;
    return { to, id, type, offset: nz(c.offset), bytes, last: c.last === true || undefined };
  }
  if (env.kind === 'ack') {
    const a: storepb.SnapshotAck = env.ack;
    return { to, id, type, received: nz(a.received), done: a.done === true || undefined };
  }
  const m = env.msg.message;
  return {
    to,
    id,
    type,
    term: nz(m?.term),
    logTerm: nz(m?.logTerm),
    index: nz(m?.index),
    commit: nz(m?.commit),
    n: m?.entries?.length || undefined,
    reject: m?.reject === true ? true : undefined,
  };
}

/** Where a snapshot-stream frame sits in its stream (what stream-aware filters see); undefined for raft. */
function frameOf(env: Envelope): StreamFrame | undefined {
  if (env.kind === 'raft') return undefined;
  if (env.kind === 'ack') {
    const a = env.ack;
    return {
      origin: Number(a.toStore ?? 0),
      stream: Number(a.streamId ?? 0),
      part: 'ack',
      offset: 0,
      bytes: 0,
      last: false,
    };
  }
  const c = env.chunk;
  const origin = Number(c.fromStore ?? 0);
  const stream = Number(c.streamId ?? 0);
  if (c.header != null) return { origin, stream, part: 'header', offset: 0, bytes: 0, last: false };
  return {
    origin,
    stream,
    part: 'data',
    offset: Number(c.offset ?? 0),
    bytes: c.data?.length ?? 0,
    last: c.last === true,
  };
}

/** Do (corrupted) bytes still decode to an envelope? */
function decodes(bytes: Uint8Array): boolean {
  try {
    decodeEnvelope(bytes);
    return true;
  } catch {
    return false;
  }
}

export class SimNetwork {
  readonly stats: NetStats = {
    sent: 0,
    delivered: 0,
    dropped: 0,
    toDownStore: 0,
    lostInFlight: 0,
    duplicated: 0,
    corrupted: 0,
    undecodable: 0,
    bytes: 0,
  };
  private filters: ActiveFilter[] = [];
  private packetSeq = 0;
  private readonly latencyRng: Rng;
  private readonly filterRng: Rng;

  constructor(
    private readonly sim: Sim,
    rng: Rng,
    private readonly dir: NetDirectory,
    private readonly opts: NetworkOptions,
  ) {
    const [lo, hi] = opts.latencyMs;
    if (!(lo >= 0 && hi >= lo))
      throw new RangeError(`network latency: need 0 <= min <= max, got ${lo}, ${hi}`);
    this.latencyRng = rng.fork('latency');
    this.filterRng = rng.fork('filters');
  }

  /** Adds a filter; `tag` groups filters so that clear(tag) removes them together. */
  add(filter: NetFilter, tag = 'test'): FilterHandle {
    const h: ActiveFilter = { label: filter.label, tag, decide: filter.decide.bind(filter) };
    this.filters.push(h);
    this.sim.record('sim', 'filter', { action: 'add', filter: h.label, tag });
    return h;
  }

  remove(handle: FilterHandle): void {
    const before = this.filters.length;
    this.filters = this.filters.filter((f) => f !== handle);
    if (this.filters.length !== before)
      this.sim.record('sim', 'filter', { action: 'remove', filter: handle.label });
  }

  /** Removes every filter (or every filter with this tag). */
  clear(tag?: string): void {
    const removed = this.filters.filter((f) => tag === undefined || f.tag === tag);
    if (removed.length === 0) return;
    this.filters = this.filters.filter((f) => !removed.includes(f));
    this.sim.record('sim', 'filter', {
      action: 'clear',
      tag: tag ?? '*',
      removed: removed.map((f) => f.label),
    });
  }

  /** Cuts the network into groups (tag 'partition'); replaces any previous partition. */
  partition(...groups: number[][]): FilterHandle {
    this.clear('partition');
    return this.add(partitionFilter(groups), 'partition');
  }

  /** Cuts one store off (tag 'partition'). */
  isolate(storeId: number): FilterHandle {
    return this.add(isolateFilter(storeId), 'partition');
  }

  /** Removes every partition and isolation. */
  heal(): void {
    this.clear('partition');
  }

  /** Labels of the active filters, in order. */
  get active(): string[] {
    return this.filters.map((f) => f.label);
  }

  /** Sends an envelope from a running store (the cluster's transport checks that the sender is alive). */
  send(from: number, env: Envelope): void {
    const to = destination(env);
    const type = typeOf(env);
    if (!this.dir.isMember(to) && env.kind === 'ack') {
      // An ack goes to the store its chunk named: a chunk corrupted on the wire may name no store.
      this.stats.sent++;
      this.stats.dropped++;
      this.sim.record(from, 'drop', { to, type, why: 'no such store' });
      return;
    }
    if (!this.dir.isMember(to)) {
      this.dir.fault(
        from,
        new Error(`sent a ${type} to store ${to}, which is not in the cluster`),
        'transport.send',
      );
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeEnvelope(env);
    } catch (err) {
      this.dir.fault(from, err instanceof Error ? err : new Error(String(err)), 'transport.send (encoding)');
      return;
    }
    const id = ++this.packetSeq;
    this.stats.sent++;
    this.stats.bytes += bytes.length;
    this.sim.record(from, 'send', sendRecord(env, to, id, type));
    const frame = frameOf(env);
    const pkt: Packet = frame === undefined ? { id, from, to, type } : { id, from, to, type, frame };
    const { droppedBy, delay, copies, corrupt } = judge(this.filters, pkt, this.filterRng);
    if (droppedBy !== undefined) {
      this.stats.dropped++;
      this.sim.record(from, 'drop', { to, id, type: dropType(type), why: droppedBy });
      return;
    }
    if (corrupt) {
      bytes = flipBytes(bytes, this.filterRng);
      this.stats.corrupted++;
      this.sim.record(from, 'corrupt', { to, id });
      if (!decodes(bytes)) {
        this.stats.undecodable++;
        this.sim.record(from, 'drop', { to, id, type: dropType(type), why: 'corrupted, does not decode' });
        return;
      }
    }
    const toIncarnation = this.dir.receiver(to);
    if (toIncarnation === undefined) {
      this.stats.toDownStore++;
      this.sim.record(from, 'drop', { to, id, type: dropType(type), why: 'receiver down' });
      return;
    }
    if (copies > 1) {
      this.stats.duplicated += copies - 1;
      this.sim.record(from, 'duplicate', { to, id, copies });
    }
    const [lo, hi] = this.opts.latencyMs;
    for (let c = 0; c < copies; c++) {
      const latency = lo + this.latencyRng.int(hi - lo + 1) + delay;
      this.sim.schedule(latency, to, () => this.deliver(from, to, toIncarnation, id, type, bytes));
    }
  }

  private deliver(
    from: number,
    to: number,
    incarnation: number,
    id: number,
    type: string,
    bytes: Uint8Array,
  ): void {
    if (this.dir.receiver(to) !== incarnation) {
      this.stats.lostInFlight++;
      this.sim.record(to, 'drop', {
        from,
        id,
        type: dropType(type),
        why: 'receiver crashed while in flight',
      });
      return;
    }
    const env = decodeEnvelope(bytes);
    this.stats.delivered++;
    this.sim.record(to, 'deliver', { from, id, type });
    this.dir.deliver(to, env);
  }
}
