// The lab-4 transfer rig: the graded target's SnapSender (store 1) and SnapReceiver (store 2) driven
// directly, without stores or Raft, over one ManualRuntime (the clock, the ack and idle timers) and a
// VirtualFs per store whose operations each take FS_MS of virtual time (so time must advance for any
// file work to happen: run() and drive()). Each store's SnapManager sees its VirtualFs through a
// FencedSnapFs (as a store does) and a counting layer that knows which readers and writers are open.
// By default both transports capture what they send — the test plays the other end by hand (feed a
// frame to the receiver, an ack to the sender) — and wire() connects them through a link that may
// drop, copy or alter each frame. The receiver's Raft side is a plain state (peer()) and a list of the
// messages it stepped, each with the receiver's file operations up to that moment.
import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import { storepb } from '@target/proto/pb.js';
import { type Message, MessageType, newMessage } from '@target/raft/raftpb.js';
import type { Envelope, StoreEvent } from '@target/store/api.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { Fence } from '@target/store/fence.js';
import { FencedSnapFs } from '@target/store/fenced-snap-fs.js';
import { decodeEnvelope, encodeEnvelope } from '@target/store/message.js';
import type { SnapFileReader, SnapFileWriter, SnapFs } from '@target/store/snap-fs.js';
import { type SnapKey, SnapManager, snapFileName } from '@target/store/snap-manager.js';
import { SnapReceiver } from '@target/store/snap-receiver.js';
import { SnapSender } from '@target/store/snap-sender.js';
import {
  type AckFields,
  type StreamEnds,
  type TransferLimits,
  ackFrame,
  dataFrame,
  headerFrame,
  transferLimits,
} from '@target/store/snap-transfer.js';
import { ManualRuntime, settle } from '../../harness/manual-runtime.js';
import { Rng } from '../../harness/rng.js';
import { check } from '../../harness/rule.js';
import { type VfsOp, VirtualFs } from '../../sim/vfs.js';

/** Virtual ms each file operation takes. */
/**
 * The rig's runtime: a ManualRuntime that also keeps the first stub (LabTodo) reaching it, so that a
 * test of an unwritten part fails with that LabTodo — naming the part to write — rather than with a
 * check about what the stub never did.
 */
class StubRuntime extends ManualRuntime {
  private stub: Error | null = null;

  override onError(err: unknown, where: string): void {
    if (this.stub === null && err instanceof Error && err.name === 'LabTodo') this.stub = err;
    super.onError(err, where);
  }

  /** Throws the first LabTodo reported, if any. */
  rethrowStub(): void {
    if (this.stub !== null) throw this.stub;
  }
}

export const FS_MS = 1;
/** The sending and the receiving store (their peers have the same ids). */
export const SENDER = 1;
export const RECEIVER = 2;
/** The rig's limits: small chunks, a window of four of them, short timeouts. */
export const LIMITS: Readonly<TransferLimits> = Object.freeze(
  transferLimits({
    chunkBytes: 64,
    windowBytes: 256,
    maxSends: 2,
    maxReceives: 2,
    ackTimeoutMs: 500,
    idleTimeoutMs: 500,
    reorderChunks: 4,
  }),
);
/** Virtual ms a wired frame takes from one store to the other. */
export const LINK_MS = 2;

/** n seeded bytes: a snapshot file's content. */
export function fileBytes(n: number, seed = 1): Uint8Array {
  const rng = new Rng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

export function crcOf(bytes: Uint8Array): number {
  return crc32(bytes) >>> 0;
}

/** The key of the gen (sender) or rcv (receiver) file of the snapshot at (index, term). */
export function keyOf(kind: 'gen' | 'rcv', index: number, term: number): SnapKey {
  return { kind, regionId: REGION_ID, term, index };
}

export interface SnapMessageFields {
  index: number;
  term: number;
  /** The raft term of the message (default: the snapshot's term). */
  msgTerm?: number;
  regionId?: number;
  /** The peer (and store) it is addressed to (default RECEIVER). */
  toPeer?: number;
  toStore?: number;
  /** The snapshot data the raft message carries (lab 4: none). */
  data?: Uint8Array;
  msgType?: MessageType;
  /** Leave the snapshot out (a MsgSnapshot without metadata). */
  noSnapshot?: boolean;
}

/** A raft MsgSnapshot from store 1 to store 2 (metadata only, unless `data` is given). */
export function snapshotMessage(f: SnapMessageFields): storepb.RaftMessage {
  const toPeer = f.toPeer ?? RECEIVER;
  const snapshot = {
    data: f.data ?? new Uint8Array(0),
    metadata: { confState: { nodes: [1, 2, 3] }, index: f.index, term: f.term },
  };
  return storepb.RaftMessage.create({
    regionId: f.regionId ?? REGION_ID,
    fromPeer: { id: SENDER, storeId: SENDER },
    toPeer: { id: toPeer, storeId: f.toStore ?? toPeer },
    message: newMessage({
      msgType: f.msgType ?? MessageType.MsgSnapshot,
      from: SENDER,
      to: toPeer,
      term: f.msgTerm ?? f.term,
      snapshot: f.noSnapshot === true ? null : snapshot,
    }),
  });
}

/** What the counting layer knows of the files opened through it. */
export interface Handles {
  /** Readers opened and not closed, by file name. */
  readers: string[];
  /** Writers created and not closed, by file name. */
  writers: string[];
  /** Readers opened in all. */
  opened: number;
}

/** A SnapFs that keeps count of the readers and writers open over `inner`. */
class CountingFs implements SnapFs {
  readonly handles: Handles = { readers: [], writers: [], opened: 0 };

  constructor(private readonly inner: SnapFs) {}

  list(): Promise<string[]> {
    return this.inner.list();
  }

  size(name: string): Promise<number | null> {
    return this.inner.size(name);
  }

  rename(from: string, to: string): Promise<void> {
    return this.inner.rename(from, to);
  }

  remove(name: string): Promise<void> {
    return this.inner.remove(name);
  }

  async create(name: string): Promise<SnapFileWriter> {
    const w = await this.inner.create(name);
    const open = this.handles.writers;
    open.push(name);
    let closed = false;
    return {
      write: (b) => w.write(b),
      sync: () => w.sync(),
      close: async () => {
        if (!closed) open.splice(open.indexOf(name), 1);
        closed = true;
        await w.close();
      },
    };
  }

  async open(name: string): Promise<SnapFileReader> {
    const r = await this.inner.open(name);
    const open = this.handles.readers;
    open.push(name);
    this.handles.opened++;
    let closed = false;
    return {
      size: r.size,
      read: (offset, length) => r.read(offset, length),
      close: async () => {
        if (!closed) open.splice(open.indexOf(name), 1);
        closed = true;
        await r.close();
      },
    };
  }
}

/** One store's snapshot files: a VirtualFs kept across its incarnations, a fence and a manager per one. */
export class FileSide {
  readonly vfs: VirtualFs;
  fence: Fence;
  counting: CountingFs;
  manager: SnapManager;
  readonly events: StoreEvent[] = [];

  constructor(
    readonly storeId: number,
    rt: ManualRuntime,
  ) {
    this.vfs = new VirtualFs({ defer: (fn) => void rt.setTimer(FS_MS, fn) });
    this.fence = new Fence(storeId);
    this.counting = new CountingFs(this.vfs);
    this.manager = this.newManager();
  }

  private newManager(): SnapManager {
    const fs = new FencedSnapFs(this.counting, this.fence);
    return new SnapManager(fs, { storeId: this.storeId, emit: (e) => this.events.push(e) });
  }

  /** A crash: the fence closes, unsynced bytes are lost; then a new incarnation's manager. */
  crash(): void {
    this.fence.close();
    this.vfs.crash();
    this.fence = new Fence(this.storeId);
    this.counting = new CountingFs(this.vfs);
    this.manager = this.newManager();
  }

  get handles(): Handles {
    return this.counting.handles;
  }

  names(): string[] {
    return this.vfs.names();
  }

  temps(): string[] {
    return this.names().filter((n) => n.endsWith('.tmp'));
  }

  ops(): VfsOp[] {
    return this.vfs.ops();
  }

  eventsOf<K extends StoreEvent['kind']>(kind: K): Extract<StoreEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<StoreEvent, { kind: K }> => e.kind === kind);
  }
}

/** A report(to, ok) of the sender. */
export interface Report {
  to: number;
  ok: boolean;
  at: number;
}

/** A message the receiver stepped, and the receiver's completed file operations at that moment. */
export interface Stepped {
  msg: Message;
  opsBefore: VfsOp[];
  /** Acks the receiver had sent by then. */
  acksBefore: number;
}

/** The receiver's raft state as peer() reports it. */
export interface PeerState {
  regionId: number;
  peerId: number;
  appliedIndex: number;
  truncatedIndex: number;
  term: number;
}

/** What a wired link does with one frame: deliver it as is, drop it, or deliver these frames instead. */
export type LinkHook = (
  frame: storepb.SnapshotChunk,
  n: number,
) => storepb.SnapshotChunk[] | 'drop' | undefined;

export class TransferRig {
  readonly rt = new StubRuntime();
  readonly a: FileSide;
  readonly b: FileSide;
  sender!: SnapSender;
  receiver!: SnapReceiver;
  /** Frames store 1 sent, oldest first. */
  readonly frames: storepb.SnapshotChunk[] = [];
  /** Acks store 2 sent, oldest first. */
  readonly acks: storepb.SnapshotAck[] = [];
  readonly reports: Report[] = [];
  readonly stepped: Stepped[] = [];
  peerState: PeerState = {
    regionId: REGION_ID,
    peerId: RECEIVER,
    appliedIndex: 10,
    truncatedIndex: 10,
    term: 5,
  };
  /** Wired: frames go to the receiver and acks to the sender (after LINK_MS each). */
  private wired = false;
  private hook: LinkHook | undefined;
  private framesSeen = 0;

  private constructor(readonly limits: TransferLimits) {
    this.a = new FileSide(SENDER, this.rt);
    this.b = new FileSide(RECEIVER, this.rt);
    this.newSender();
    this.newReceiver();
  }

  static async open(limits: Partial<TransferLimits> = {}): Promise<TransferRig> {
    const rig = new TransferRig({ ...LIMITS, ...limits });
    await rig.drive(rig.a.manager.open(), 'opening the sender’s snapshot files');
    await rig.drive(rig.b.manager.open(), 'opening the receiver’s snapshot files');
    return rig;
  }

  private newSender(): void {
    const fence = this.a.fence;
    this.sender = new SnapSender({
      storeId: SENDER,
      manager: this.a.manager,
      transport: { send: (env) => this.fromSender(env, fence) },
      runtime: this.rt,
      fence,
      emit: (e) => this.a.events.push(e),
      limits: this.limits,
      report: (to, ok) => this.reports.push({ to, ok, at: this.rt.now() }),
    });
  }

  private newReceiver(): void {
    const fence = this.b.fence;
    this.receiver = new SnapReceiver({
      storeId: RECEIVER,
      manager: this.b.manager,
      transport: { send: (env) => this.fromReceiver(env, fence) },
      runtime: this.rt,
      fence,
      emit: (e) => this.b.events.push(e),
      limits: this.limits,
      peer: () => ({ ...this.peerState }),
      step: (msg) => this.stepped.push({ msg, opsBefore: this.b.ops(), acksBefore: this.acks.length }),
    });
  }

  /** Connects the two ends: every frame (through `hook`, if any) to the receiver, every ack to the sender. */
  wire(hook?: LinkHook): void {
    this.wired = true;
    this.hook = hook;
  }

  private fromSender(env: Envelope, fence: Fence): void {
    if (fence.stopped) return;
    check(env.kind === 'chunk', 'the sender sends only snapshot chunks', {
      actual: env.kind,
      hint: 'the header and the data go as SnapshotChunk frames (kind chunk)',
    });
    const sent = roundTrip(env);
    if (sent.kind !== 'chunk') return;
    const frame = sent.chunk;
    this.frames.push(frame);
    if (!this.wired) return;
    const verdict = this.hook?.(frame, this.framesSeen++);
    if (verdict === 'drop') return;
    for (const f of verdict ?? [frame]) {
      const copy = storepb.SnapshotChunk.decode(storepb.SnapshotChunk.encode(f).finish());
      this.rt.setTimer(LINK_MS, () => this.receiver.onChunk(copy));
    }
  }

  private fromReceiver(env: Envelope, fence: Fence): void {
    if (fence.stopped) return;
    check(env.kind === 'ack', 'the receiver sends only snapshot acks', {
      actual: env.kind,
      hint: 'the receiver answers every frame with a SnapshotAck (received, done or error)',
    });
    const sent = roundTrip(env);
    if (sent.kind !== 'ack') return;
    const ack = sent.ack;
    this.acks.push(ack);
    if (this.wired) this.rt.setTimer(LINK_MS, () => this.sender.onAck(ack));
  }

  // ---- time --------------------------------------------------------------------------------------

  /** Advances virtual time by ms (timers, file operations, wired frames). */
  async run(ms: number): Promise<void> {
    await settle();
    await this.rt.advance(ms);
    this.rt.rethrowStub();
  }

  /** Advances time until p settles (at most maxMs); a setup failure if it does not. */
  async drive<T>(p: Promise<T>, what: string, maxMs = 2000): Promise<T> {
    let state: 'pending' | 'done' | 'failed' = 'pending';
    p.then(
      () => {
        state = 'done';
      },
      () => {
        state = 'failed';
      },
    );
    for (let t = 0; t < maxMs && state === 'pending'; t += FS_MS) {
      await settle();
      if (state !== 'pending') break;
      await this.rt.advance(FS_MS);
    }
    this.rt.rethrowStub();
    check(state !== 'pending', `setup: ${what} must finish within ${maxMs} virtual ms`);
    return p;
  }

  /** Fails the test if a timer or task of the rig reported an error (a LabTodo stub, a bug). */
  healthy(when: string): void {
    check(this.rt.errors.length === 0, `the transfer code failed ${when}`, {
      actual: this.rt.errors.join('\n'),
    });
  }

  // ---- the sender's side -------------------------------------------------------------------------

  /** Puts a complete gen snapshot file at (index, term) on store 1. */
  async genFile(index: number, term: number, bytes: Uint8Array): Promise<SnapKey> {
    const key = keyOf('gen', index, term);
    await this.drive(this.a.manager.writeSnapshot(key, bytes), `writing ${snapFileName(key)}`);
    return key;
  }

  /** Hands the sender the MsgSnapshot of (index, term) for store 2. */
  send(index: number, term: number, toPeer = RECEIVER): void {
    this.sender.send({ kind: 'raft', msg: snapshotMessage({ index, term, toPeer }) });
  }

  /** The frames of one stream of store 1 (by stream id), oldest first. */
  framesOf(stream: number): storepb.SnapshotChunk[] {
    return this.frames.filter((f) => Number(f.streamId) === stream);
  }

  /** The data frames (all but the header) of a stream. */
  dataOf(stream: number): storepb.SnapshotChunk[] {
    return this.framesOf(stream).filter((f) => f.header == null);
  }

  /** Stream ids store 1 used so far, in order of their first frame. */
  streams(): number[] {
    return [...new Set(this.frames.map((f) => Number(f.streamId)))];
  }

  /** The sender gets an ack on `stream` from the store the stream goes to (store 2 unless seen otherwise). */
  ackToSender(stream: number, fields: AckFields): void {
    const to = Number(this.framesOf(stream)[0]?.toStore ?? RECEIVER);
    this.sender.onAck(ackFrame({ from: SENDER, to, stream }, fields));
  }

  /** Plays the receiver: acks every data frame of `stream` sent so far, then done once the last is in. */
  ackAll(stream: number): void {
    const data = this.dataOf(stream);
    const end = data.reduce((m, f) => Math.max(m, Number(f.offset) + (f.data?.length ?? 0)), 0);
    this.ackToSender(stream, { received: end });
    if (data.some((f) => f.last === true)) this.ackToSender(stream, { received: end, done: true });
  }

  // ---- the receiver's side -----------------------------------------------------------------------

  /** Store 2 receives a frame (as if from store 1), and file work is given `ms` to happen. */
  async feed(frame: storepb.SnapshotChunk, ms = 20): Promise<void> {
    this.receiver.onChunk(storepb.SnapshotChunk.decode(storepb.SnapshotChunk.encode(frame).finish()));
    await this.run(ms);
  }

  /** The acks store 2 sent on stream `stream` of store 1. */
  acksOf(stream: number): storepb.SnapshotAck[] {
    return this.acks.filter((a) => Number(a.streamId) === stream);
  }

  /** The last ack of a stream, if any. */
  lastAck(stream: number): storepb.SnapshotAck | undefined {
    return this.acksOf(stream).at(-1);
  }

  /** The error acks of a stream. */
  errorsOf(stream: number): string[] {
    return this.acksOf(stream)
      .map((a) => a.error ?? '')
      .filter((e) => e !== '');
  }

  /** Crashes the receiving store (fence, lost unsynced bytes) and starts a new incarnation, opened. */
  async crashReceiver(): Promise<string[]> {
    this.receiver.stop();
    this.b.crash();
    this.newReceiver();
    return this.drive(this.b.manager.open(), 'the restarted receiver’s open()');
  }
}

/** An envelope through the wire format (fresh objects, as a network delivers them). */
function roundTrip(env: Envelope): Envelope {
  return decodeEnvelope(encodeEnvelope(env));
}

/** The frames a correct sender would send for `bytes` on a stream (the tests' own sender). */
export class StreamPlay implements StreamEnds {
  readonly from = SENDER;
  readonly to = RECEIVER;
  constructor(
    readonly stream: number,
    readonly index: number,
    readonly term: number,
    readonly bytes: Uint8Array,
    readonly chunkBytes: number = LIMITS.chunkBytes,
  ) {}

  /** The header frame; `info` overrides the size or CRC it states, `msg` the raft message. */
  header(
    info: { size?: number; crc32?: number } = {},
    msg?: Partial<SnapMessageFields>,
  ): storepb.SnapshotChunk {
    const m = snapshotMessage({ index: this.index, term: this.term, ...msg });
    return headerFrame(this, m, {
      size: info.size ?? this.bytes.length,
      crc32: info.crc32 ?? crcOf(this.bytes),
    });
  }

  /** How many data chunks the file makes. */
  get count(): number {
    return Math.max(1, Math.ceil(this.bytes.length / this.chunkBytes));
  }

  /** Data chunk k (0-based). */
  chunk(k: number): storepb.SnapshotChunk {
    const offset = k * this.chunkBytes;
    const data = this.bytes.subarray(offset, Math.min(offset + this.chunkBytes, this.bytes.length));
    return dataFrame(this, offset, Buffer.from(data), k === this.count - 1);
  }

  /** A data frame with fields of the test's choosing (a forged chunk). */
  forged(offset: number, data: Uint8Array, last: boolean, crc?: number): storepb.SnapshotChunk {
    const f = dataFrame(this, offset, Buffer.from(data), last);
    if (crc !== undefined) f.crc32 = crc;
    return f;
  }

  /** The key of the file the receiver makes of it. */
  get rcvKey(): SnapKey {
    return keyOf('rcv', this.index, this.term);
  }

  get finalName(): string {
    return snapFileName(this.rcvKey);
  }
}
