// TcpTransport: the real Transport between stores, carrying envelopes as storepb.StoreMessage frames
// (varint length + protobuf: framing.ts, message.ts) over two kinds of connection:
// - raft messages: one connection per destination store. Raft tolerates loss, so sending is
//   fire-and-forget: while a connection waits for 'drain' frames queue up to a byte cap and beyond it are
//   dropped; a failed connection drops its queue and is retried after a delay (clock: the runtime).
// - lab 4 snapshot streams: one connection per transfer (fromStore, streamId), opened by the stream's
//   header frame and closed after the receiver's final ack (done or error), on an error, or when the
//   stream stays idle. Its chunks queue while the socket waits for 'drain' (the sender's window bounds
//   them; past a cap the stream is cut off rather than given a gap). The receiving side delivers the
//   chunks as usual and sends its acks back on the connection the stream came in on; an ack for a stream
//   it has no connection of is dropped. Nothing is buffered per stream beyond the frames in flight, so
//   memory does not grow with the snapshot's size.
// A chunk's data is written to its socket straight from the chunk's buffer (no copy), so a caller must
// not change a chunk's data after sending it. A malformed frame, or a frame that is not part of the
// connection's protocol, cuts its connection off.
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { storepb } from '../proto/pb.js';
import type { Runtime, Timer } from '../runtime/runtime.js';
import type { Envelope, Transport } from './api.js';
import { TransportError } from './errors.js';
import { DEFAULT_MAX_FRAME_BYTES, FrameDecoder, encodeFrame, encodeVarint } from './framing.js';
import { decodeEnvelope, destination, encodeEnvelope } from './message.js';

export interface PeerAddress {
  host: string;
  port: number;
}

export interface TcpTransportOptions {
  runtime: Runtime;
  /** Where to listen. Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port (read it back from `address`). */
  port?: number;
  /** Largest frame accepted from a peer. Default 16 MiB. */
  maxFrameBytes?: number;
  /** Bytes queued per destination while its socket is congested; more are dropped. Default 4 MiB. */
  maxQueuedBytes?: number;
  /** Bytes queued per snapshot stream while its socket is congested; more cut the stream off. Default 4 MiB. */
  maxStreamQueuedBytes?: number;
  /**
   * A snapshot stream's connection with no frame sent or received for this long is closed (both ends).
   * Longer than the transfer's own timeouts, so it only reclaims connections of transfers that ended
   * without a final ack. Default 10 000 ms.
   */
  streamIdleMs?: number;
  /** Wait after a failed connection before connecting again. Default 100 ms. */
  reconnectDelayMs?: number;
}

/** Protobuf keys (field number << 3 | wire type 2) of StoreMessage.chunk and SnapshotChunk.data. */
const STORE_MESSAGE_CHUNK_KEY = (2 << 3) | 2;
const CHUNK_DATA_KEY = (3 << 3) | 2;
const EMPTY = new Uint8Array(0);

/**
 * The frame of a chunk envelope, in parts: the very StoreMessage encodeEnvelope makes, except that the
 * chunk's `data` field comes last (protobuf reads a message's fields in any order), so that the data
 * goes to the socket as its own part, from the chunk's buffer, instead of being copied into the
 * protobuf writer and again into the frame.
 */
function chunkFrame(env: Envelope & { kind: 'chunk' }): Buffer[] {
  const data = env.chunk.data;
  if (data.length === 0) return [encodeFrame(encodeEnvelope(env))];
  const rest = storepb.SnapshotChunk.encode({ ...env.chunk, data: EMPTY }).finish();
  const dataKey = [CHUNK_DATA_KEY, ...encodeVarint(data.length)];
  const chunkBytes = rest.length + dataKey.length + data.length;
  const chunkKey = [STORE_MESSAGE_CHUNK_KEY, ...encodeVarint(chunkBytes)];
  const prefix = encodeVarint(chunkKey.length + chunkBytes);
  const head = Buffer.allocUnsafe(prefix.length + chunkKey.length + rest.length + dataKey.length);
  head.set(prefix, 0);
  head.set(chunkKey, prefix.length);
  head.set(rest, prefix.length + chunkKey.length);
  head.set(dataKey, prefix.length + chunkKey.length + rest.length);
  return [head, Buffer.from(data.buffer, data.byteOffset, data.length)];
}

/** Writes frames (each in one or more parts) to a socket, queueing them while it waits for 'drain'. */
class FrameWriter {
  private readonly queue: Buffer[][] = [];
  private queuedBytes = 0;
  private congested = false;

  constructor(
    readonly socket: Socket,
    private readonly maxQueuedBytes: number,
  ) {
    socket.on('drain', () => this.flush());
  }

  /** Writes or queues the frame; false (and nothing queued) when the queue has no room for it. */
  write(frame: Buffer[]): boolean {
    if (this.congested) {
      const bytes = frameBytes(frame);
      if (this.queuedBytes + bytes > this.maxQueuedBytes) return false;
      this.queue.push(frame);
      this.queuedBytes += bytes;
      return true;
    }
    this.congested = !this.writeNow(frame);
    return true;
  }

  /** Writes queued frames until the socket is congested again. */
  private flush(): void {
    this.congested = false;
    while (this.queue.length > 0) {
      const frame = this.queue.shift()!;
      this.queuedBytes -= frameBytes(frame);
      if (!this.writeNow(frame)) {
        this.congested = true;
        return;
      }
    }
  }

  /** The frame's parts in one write of the socket; false once the socket wants a 'drain'. */
  private writeNow(frame: Buffer[]): boolean {
    if (frame.length === 1) return this.socket.write(frame[0]!);
    this.socket.cork();
    let ok = true;
    for (const part of frame) ok = this.socket.write(part);
    this.socket.uncork();
    return ok;
  }
}

function frameBytes(frame: Buffer[]): number {
  let n = 0;
  for (const part of frame) n += part.length;
  return n;
}

/** A snapshot stream's connection, at either end: its socket and when it last carried a frame. */
interface StreamConn {
  writer: FrameWriter;
  lastActive: number;
  idle?: Timer;
}

/** An accepted connection; `stream` once it has carried a snapshot chunk. */
interface Inbound {
  socket: Socket;
  /** The streams (keys) whose chunks came in here, so whose acks go back here. */
  keys: Set<string>;
  stream?: StreamConn;
}

/** The name of a transfer: its sender's store and its stream id. */
function streamKey(fromStore: number, streamId: number): string {
  return `${fromStore}/${streamId}`;
}

export class TcpTransport implements Transport {
  private readonly peers = new Map<number, PeerAddress>();
  private readonly outbound = new Map<number, FrameWriter>();
  /** Runtime time before which no raft connection to a store is attempted again. */
  private readonly retryAt = new Map<number, number>();
  private readonly inbound = new Set<Inbound>();
  /** Snapshot streams this store sends, by stream key. */
  private readonly streamsOut = new Map<string, StreamConn>();
  /** Snapshot streams this store receives, by stream key: the connection their acks go back on. */
  private readonly streamsIn = new Map<string, Inbound>();
  private handler: (env: Envelope) => void = () => {};
  private closed = false;
  private readonly maxFrameBytes: number;
  private readonly maxQueuedBytes: number;
  private readonly maxStreamQueuedBytes: number;
  private readonly streamIdleMs: number;
  private readonly reconnectDelayMs: number;

  private constructor(
    private readonly server: Server,
    private readonly runtime: Runtime,
    opts: TcpTransportOptions,
  ) {
    this.maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxQueuedBytes = opts.maxQueuedBytes ?? 4 * 1024 * 1024;
    this.maxStreamQueuedBytes = opts.maxStreamQueuedBytes ?? 4 * 1024 * 1024;
    this.streamIdleMs = opts.streamIdleMs ?? 10_000;
    this.reconnectDelayMs = opts.reconnectDelayMs ?? 100;
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Starts listening; resolves once the port is bound. */
  static async listen(opts: TcpTransportOptions): Promise<TcpTransport> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new TcpTransport(server, opts.runtime, opts);
  }

  /** The bound address. */
  get address(): PeerAddress {
    const a = this.server.address();
    if (a === null || typeof a === 'string')
      throw new TransportError('TcpTransport: not listening on a TCP port');
    return { host: a.address, port: a.port };
  }

  /** Where store storeId listens. */
  setPeer(storeId: number, address: PeerAddress): void {
    this.peers.set(storeId, address);
  }

  /** Who receives incoming envelopes (the store's onMessage). Before this is set they are dropped. */
  onMessage(handler: (env: Envelope) => void): void {
    this.handler = handler;
  }

  /** Open snapshot stream connections: [sending, receiving] (for tests and the bench). */
  streams(): { sending: number; receiving: number } {
    let receiving = 0;
    for (const conn of this.inbound) if (conn.stream !== undefined) receiving++;
    return { sending: this.streamsOut.size, receiving };
  }

  send(env: Envelope): void {
    if (this.closed) return;
    if (env.kind === 'raft') this.sendRaft(env);
    else if (env.kind === 'chunk') this.sendChunk(env);
    else this.sendAck(env.ack);
  }

  /** Closes the listener and every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const writer of this.outbound.values()) writer.socket.destroy();
    this.outbound.clear();
    for (const conn of this.streamsOut.values()) conn.writer.socket.destroy();
    this.streamsOut.clear();
    for (const conn of this.inbound) conn.socket.destroy();
    this.inbound.clear();
    this.streamsIn.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private sendRaft(env: Envelope): void {
    const to = destination(env);
    const writer = this.outbound.get(to) ?? this.connect(to);
    // Over the cap the frame is dropped: raft retries what matters.
    writer?.write([encodeFrame(encodeEnvelope(env))]);
  }

  private connect(to: number): FrameWriter | undefined {
    const address = this.peers.get(to);
    if (address === undefined || this.runtime.now() < (this.retryAt.get(to) ?? 0)) return undefined;
    const socket = createConnection(address);
    socket.setNoDelay(true);
    const writer = new FrameWriter(socket, this.maxQueuedBytes);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.outbound.get(to) === writer) this.outbound.delete(to);
      this.retryAt.set(to, this.runtime.now() + this.reconnectDelayMs);
    });
    // Incoming data on an outgoing raft connection is not part of the protocol.
    socket.on('data', () => socket.destroy());
    this.outbound.set(to, writer);
    return writer;
  }

  /**
   * A frame of a stream this store sends. The header frame opens the stream's connection (replacing
   * one of the same key: a restarted sender counts its stream ids again); any other frame of a stream
   * without a connection is dropped — the transfer's own timers end it.
   */
  private sendChunk(env: Envelope & { kind: 'chunk' }): void {
    const chunk = env.chunk;
    const key = streamKey(chunk.fromStore, chunk.streamId);
    let conn = this.streamsOut.get(key);
    if (chunk.header != null) {
      if (conn !== undefined) this.closeStreamOut(key, conn);
      conn = this.openStream(key, destination(env));
    }
    if (conn === undefined) return;
    conn.lastActive = this.runtime.now();
    if (!conn.writer.write(chunkFrame(env))) this.closeStreamOut(key, conn);
  }

  /** The stream's own connection to `to`; its incoming frames must be acks of this stream. */
  private openStream(key: string, to: number): StreamConn | undefined {
    const address = this.peers.get(to);
    if (address === undefined) return undefined;
    const socket = createConnection(address);
    socket.setNoDelay(true);
    const conn: StreamConn = {
      writer: new FrameWriter(socket, this.maxStreamQueuedBytes),
      lastActive: this.runtime.now(),
    };
    const decoder = new FrameDecoder(this.maxFrameBytes);
    socket.on('data', (bytes: Buffer) => {
      conn.lastActive = this.runtime.now();
      for (const ack of this.decodeAcks(decoder, bytes, key, socket)) {
        this.deliver({ kind: 'ack', ack });
        if (ack.done || ack.error !== '') this.closeStreamOut(key, conn);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.closeStreamOut(key, conn));
    this.streamsOut.set(key, conn);
    this.armIdle(conn, () => this.closeStreamOut(key, conn));
    return conn;
  }

  /** The acks in `bytes`; anything else (or a malformed frame) cuts the stream's connection off. */
  private decodeAcks(
    decoder: FrameDecoder,
    bytes: Buffer,
    key: string,
    socket: Socket,
  ): storepb.SnapshotAck[] {
    const acks: storepb.SnapshotAck[] = [];
    try {
      for (const frame of decoder.push(bytes, true)) {
        const env = decodeEnvelope(frame);
        if (env.kind !== 'ack' || streamKey(env.ack.toStore, env.ack.streamId) !== key)
          throw new TransportError(`a snapshot stream's connection carried a ${env.kind} frame`);
        acks.push(env.ack);
      }
    } catch {
      socket.destroy();
      return [];
    }
    return acks;
  }

  private closeStreamOut(key: string, conn: StreamConn): void {
    if (this.streamsOut.get(key) === conn) this.streamsOut.delete(key);
    conn.idle?.cancel();
    conn.idle = undefined;
    // end(): what was written still reaches the receiver; then the socket closes.
    if (!conn.writer.socket.destroyed) conn.writer.socket.end();
  }

  /** An ack goes back on the connection its stream came in on; without one it is dropped. */
  private sendAck(ack: storepb.SnapshotAck): void {
    const conn = this.streamsIn.get(streamKey(ack.toStore, ack.streamId));
    if (conn?.stream === undefined) return;
    conn.stream.lastActive = this.runtime.now();
    // Acks are small and the sender waits for them: over the cap (a stuck sender) it is dropped.
    conn.stream.writer.write([encodeFrame(encodeEnvelope({ kind: 'ack', ack }))]);
  }

  /** Calls onIdle once the stream has carried no frame for streamIdleMs. */
  private armIdle(conn: StreamConn, onIdle: () => void): void {
    const wait = conn.lastActive + this.streamIdleMs - this.runtime.now();
    conn.idle = this.runtime.setTimer(Math.max(1, wait), () => {
      if (this.runtime.now() - conn.lastActive >= this.streamIdleMs) onIdle();
      else this.armIdle(conn, onIdle);
    });
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const conn: Inbound = { socket, keys: new Set() };
    this.inbound.add(conn);
    socket.setNoDelay(true);
    const decoder = new FrameDecoder(this.maxFrameBytes);
    socket.on('data', (chunk: Buffer) => {
      let envs: Envelope[];
      try {
        envs = decoder.push(chunk, true).map(decodeEnvelope);
      } catch {
        // A peer that sends a malformed or oversized frame is cut off; it reconnects if it wants.
        socket.destroy();
        return;
      }
      for (const env of envs) {
        if (env.kind === 'chunk') this.noteStream(conn, env.chunk);
        this.deliver(env);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.forget(conn));
  }

  /** A chunk came in on conn: its stream's acks go back there; conn is a stream connection from now on. */
  private noteStream(conn: Inbound, chunk: storepb.SnapshotChunk): void {
    const key = streamKey(chunk.fromStore, chunk.streamId);
    if (this.streamsIn.get(key) !== conn) {
      this.streamsIn.set(key, conn);
      conn.keys.add(key);
    }
    if (conn.stream === undefined) {
      const stream: StreamConn = {
        writer: new FrameWriter(conn.socket, this.maxQueuedBytes),
        lastActive: this.runtime.now(),
      };
      conn.stream = stream;
      this.armIdle(stream, () => conn.socket.destroy());
    }
    conn.stream.lastActive = this.runtime.now();
  }

  private forget(conn: Inbound): void {
    this.inbound.delete(conn);
    for (const key of conn.keys) if (this.streamsIn.get(key) === conn) this.streamsIn.delete(key);
    conn.stream?.idle?.cancel();
  }

  private deliver(env: Envelope): void {
    try {
      this.handler(env);
    } catch (err) {
      this.runtime.onError(err, 'tcp transport handler');
    }
  }
}
