// TcpTransport's lab-4 snapshot streams on 127.0.0.1, at the transport level (no stores): a stream's
// chunks go on a connection of their own, opened by the header frame; the receiver's acks come back on
// it and the final ack closes it; an ack without its stream's connection is dropped; a frame of a
// stream that has no connection is dropped; an idle stream is closed; raft messages keep their own
// connection meanwhile; many megabytes cross one stream in order.
import { afterEach, describe, expect, test } from 'vitest';
import { storepb } from '../../solutions/proto/pb.js';
import { RealtimeRuntime } from '../../solutions/runtime/realtime.js';
import type { Envelope } from '../../solutions/store/api.js';
import { TcpTransport, type TcpTransportOptions } from '../../solutions/store/tcp-transport.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 5) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const header = (from: number, to: number, stream: number): Envelope => ({
  kind: 'chunk',
  chunk: storepb.SnapshotChunk.create({
    fromStore: from,
    toStore: to,
    streamId: stream,
    header: { message: { regionId: 1 }, totalSize: 0, crc32: 0 },
  }),
});

const data = (from: number, to: number, stream: number, offset: number, bytes: Buffer, last = false) => ({
  kind: 'chunk' as const,
  chunk: storepb.SnapshotChunk.create({
    fromStore: from,
    toStore: to,
    streamId: stream,
    offset,
    data: bytes,
    last,
  }),
});

const ack = (from: number, to: number, stream: number, fields: Partial<storepb.ISnapshotAck>): Envelope => ({
  kind: 'ack',
  ack: storepb.SnapshotAck.create({ fromStore: from, toStore: to, streamId: stream, ...fields }),
});

describe('snapshot streams over TcpTransport', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** Transports of stores 1 (sender) and 2 (receiver), with what each received. */
  async function pair(opts: Partial<TcpTransportOptions> = {}) {
    const errors: unknown[] = [];
    const rts = [1, 2].map((seed) => new RealtimeRuntime({ seed, onError: (e) => errors.push(e) }));
    for (const rt of rts) closers.push(() => rt.close());
    const [a, b] = await Promise.all(rts.map((runtime) => TcpTransport.listen({ runtime, ...opts })));
    closers.push(
      () => a!.close(),
      () => b!.close(),
    );
    a!.setPeer(2, b!.address);
    b!.setPeer(1, a!.address);
    const atA: Envelope[] = [];
    const atB: Envelope[] = [];
    a!.onMessage((env) => atA.push(env));
    b!.onMessage((env) => atB.push(env));
    return { a: a!, b: b!, atA, atB, errors };
  }

  test('chunks go on their own connection, acks come back on it, the done ack closes it', {
    timeout: 10_000,
  }, async () => {
    const { a, b, atA, atB, errors } = await pair();
    a.send({ kind: 'raft', msg: storepb.RaftMessage.create({ regionId: 1, toPeer: { storeId: 2 } }) });
    a.send(header(1, 2, 7));
    a.send(data(1, 2, 7, 0, Buffer.from('hello'), true));
    await until(() => atB.length === 3, 'the raft message and two chunks at store 2');
    expect(atB.map((e) => e.kind).sort()).toEqual(['chunk', 'chunk', 'raft']);
    expect(a.streams()).toEqual({ sending: 1, receiving: 0 });
    expect(b.streams()).toEqual({ sending: 0, receiving: 1 });
    // Store 2 has no connection to store 1 for raft messages: the acks can only take the stream's.
    b.send(ack(2, 1, 7, { received: 5 }));
    b.send(ack(2, 1, 7, { received: 5, done: true }));
    await until(() => atA.length === 2, 'two acks at store 1');
    expect(atA).toMatchObject([
      { kind: 'ack', ack: { streamId: 7, received: 5, done: false } },
      { kind: 'ack', ack: { streamId: 7, done: true } },
    ]);
    await until(() => a.streams().sending === 0 && b.streams().receiving === 0, 'the stream closed');
    // The stream is gone: a late ack of it is dropped, and so is a chunk that is not a header.
    b.send(ack(2, 1, 7, { done: true }));
    a.send(data(1, 2, 7, 5, Buffer.from('late')));
    await sleep(100);
    expect(atA).toHaveLength(2);
    expect(atB).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  test('an error ack closes the stream; an ack of a stream never seen is dropped', {
    timeout: 10_000,
  }, async () => {
    const { a, b, atA, atB } = await pair();
    b.send(ack(2, 1, 3, { done: true }));
    a.send(header(1, 2, 4));
    await until(() => atB.length === 1, 'the header at store 2');
    b.send(ack(2, 1, 4, { error: 'stale' }));
    await until(() => atA.length === 1, 'the error ack at store 1');
    expect(atA[0]).toMatchObject({ kind: 'ack', ack: { streamId: 4, error: 'stale' } });
    await until(() => a.streams().sending === 0 && b.streams().receiving === 0, 'the stream closed');
  });

  test('two streams to one store have a connection each; a new header of a key replaces its stream', {
    timeout: 10_000,
  }, async () => {
    const { a, b, atA, atB } = await pair();
    a.send(header(1, 2, 1));
    a.send(header(1, 2, 2));
    await until(() => atB.length === 2, 'both headers');
    expect(b.streams().receiving).toBe(2);
    b.send(ack(2, 1, 2, { received: 0 }));
    b.send(ack(2, 1, 1, { received: 0 }));
    await until(() => atA.length === 2, 'an ack on each stream');
    // A restarted sender counts from 1 again: its header opens a fresh connection for stream 1.
    a.send(header(1, 2, 1));
    await until(() => atB.length === 3, 'the new header');
    await until(() => b.streams().receiving === 2, 'the replaced connection closed');
    expect(a.streams().sending).toBe(2);
  });

  test('an idle stream is closed at both ends', { timeout: 10_000 }, async () => {
    const { a, b, atB } = await pair({ streamIdleMs: 150 });
    a.send(header(1, 2, 9));
    await until(() => atB.length === 1, 'the header');
    expect(a.streams().sending).toBe(1);
    await until(
      () => a.streams().sending === 0 && b.streams().receiving === 0,
      'the idle stream closed',
      2_000,
    );
  });

  test('64 MiB in 64 KiB chunks arrive whole and in order, acked as they go', {
    timeout: 15_000,
  }, async () => {
    const { a, b, atA } = await pair();
    const chunkBytes = 64 * 1024;
    const chunks = 1024;
    const window = 16;
    let received = 0;
    let nextByte = 0;
    let ordered = true;
    b.onMessage((env) => {
      if (env.kind !== 'chunk' || env.chunk.header != null) return;
      if (env.chunk.offset !== received || env.chunk.data[0] !== nextByte % 256) ordered = false;
      received += env.chunk.data.length;
      nextByte++;
      b.send(ack(2, 1, 5, { received, done: env.chunk.last }));
    });
    a.send(header(1, 2, 5));
    const acked = (): number => {
      const last = atA.at(-1);
      return last?.kind === 'ack' ? last.ack.received : 0;
    };
    // A sender's window: at most `window` chunks beyond the last ack.
    for (let i = 0; i < chunks; i++) {
      await until(() => i * chunkBytes - acked() < window * chunkBytes, 'the window');
      a.send(data(1, 2, 5, i * chunkBytes, Buffer.alloc(chunkBytes, i % 256), i === chunks - 1));
    }
    await until(() => atA.some((e) => e.kind === 'ack' && e.ack.done), 'the done ack', 10_000);
    expect(ordered).toBe(true);
    expect(received).toBe(chunks * chunkBytes);
    await until(() => a.streams().sending === 0, 'the stream closed');
  });
});
