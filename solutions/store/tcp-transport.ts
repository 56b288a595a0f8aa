// TcpTransport: the real Transport between stores, one TCP connection per destination store, carrying
// envelopes as storepb.StoreMessage frames (varint length + protobuf: framing.ts, message.ts). Raft
// tolerates loss, so sending is fire-and-forget: while a connection waits for 'drain' frames queue up to
// a byte cap and beyond it are dropped; a failed connection drops its queue and is retried after a delay
// (clock: the runtime). A malformed frame cuts its connection off.
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import type { Runtime } from '../runtime/runtime.js';
import type { Envelope, Transport } from './api.js';
import { TransportError } from './errors.js';
import { DEFAULT_MAX_FRAME_BYTES, FrameDecoder, encodeFrame } from './framing.js';
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
  /** Wait after a failed connection before connecting again. Default 100 ms. */
  reconnectDelayMs?: number;
}

/** The outgoing connection to one store. */
interface Outbound {
  socket: Socket;
  /** Frames waiting for 'drain'. */
  queue: Buffer[];
  queuedBytes: number;
  congested: boolean;
}

export class TcpTransport implements Transport {
  private readonly peers = new Map<number, PeerAddress>();
  private readonly outbound = new Map<number, Outbound>();
  /** Runtime time before which no connection to a store is attempted again. */
  private readonly retryAt = new Map<number, number>();
  private readonly inbound = new Set<Socket>();
  private handler: (env: Envelope) => void = () => {};
  private closed = false;
  private readonly maxFrameBytes: number;
  private readonly maxQueuedBytes: number;
  private readonly reconnectDelayMs: number;

  private constructor(
    private readonly server: Server,
    private readonly runtime: Runtime,
    opts: TcpTransportOptions,
  ) {
    this.maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxQueuedBytes = opts.maxQueuedBytes ?? 4 * 1024 * 1024;
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

  send(env: Envelope): void {
    if (this.closed) return;
    const to = destination(env);
    const conn = this.outbound.get(to) ?? this.connect(to);
    if (conn === undefined) return;
    const frame = encodeFrame(encodeEnvelope(env));
    if (conn.congested) {
      if (conn.queuedBytes + frame.length > this.maxQueuedBytes) return;
      conn.queue.push(frame);
      conn.queuedBytes += frame.length;
      return;
    }
    if (!conn.socket.write(frame)) conn.congested = true;
  }

  /** Closes the listener and every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.outbound.values()) conn.socket.destroy();
    this.outbound.clear();
    for (const socket of this.inbound) socket.destroy();
    this.inbound.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connect(to: number): Outbound | undefined {
    const address = this.peers.get(to);
    if (address === undefined || this.runtime.now() < (this.retryAt.get(to) ?? 0)) return undefined;
    const socket = createConnection(address);
    socket.setNoDelay(true);
    const conn: Outbound = { socket, queue: [], queuedBytes: 0, congested: false };
    socket.on('drain', () => this.flush(conn));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.outbound.get(to) === conn) this.outbound.delete(to);
      this.retryAt.set(to, this.runtime.now() + this.reconnectDelayMs);
    });
    // Incoming data on an outgoing connection is not part of the protocol.
    socket.on('data', () => socket.destroy());
    this.outbound.set(to, conn);
    return conn;
  }

  /** Writes queued frames until the socket is congested again. */
  private flush(conn: Outbound): void {
    conn.congested = false;
    while (conn.queue.length > 0) {
      const frame = conn.queue.shift()!;
      conn.queuedBytes -= frame.length;
      if (!conn.socket.write(frame)) {
        conn.congested = true;
        return;
      }
    }
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.inbound.add(socket);
    socket.setNoDelay(true);
    const decoder = new FrameDecoder(this.maxFrameBytes);
    socket.on('data', (chunk: Buffer) => {
      let envs: Envelope[];
      try {
        envs = decoder.push(chunk).map(decodeEnvelope);
      } catch {
        // A peer that sends a malformed or oversized frame is cut off; it reconnects if it wants.
        socket.destroy();
        return;
      }
      for (const env of envs) this.deliver(env);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.inbound.delete(socket));
  }

  private deliver(env: Envelope): void {
    try {
      this.handler(env);
    } catch (err) {
      this.runtime.onError(err, 'tcp transport handler');
    }
  }
}
