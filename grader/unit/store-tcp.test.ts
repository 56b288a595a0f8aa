// Loopback test of the real parts: three stores on the realtime runtime, talking over TcpTransport on
// 127.0.0.1, elect a leader and serve a few puts and gets; then everything is closed. A snapshot stream
// crosses TCP intact and a store with lab 4 off refuses its chunks. Also unit tests of the length-delimited framing
// the transport uses and of the envelope's wire format.
import { afterEach, describe, expect, test } from 'vitest';
import { storepb } from '../../solutions/proto/pb.js';
import { StateType } from '../../solutions/raft/raft.js';
import { RealtimeRuntime } from '../../solutions/runtime/realtime.js';
import type { Envelope, StoreConfig, StoreEvent } from '../../solutions/store/api.js';
import { getRequest, kvCommand, outcomeOf, putRequest } from '../../solutions/store/cmd.js';
import { MemEngine } from '../../solutions/store/engine.js';
import { FrameError } from '../../solutions/store/errors.js';
import { FrameDecoder, encodeFrame } from '../../solutions/store/framing.js';
import { decodeEnvelope, encodeEnvelope } from '../../solutions/store/message.js';
import { Store } from '../../solutions/store/store.js';
import { TcpTransport } from '../../solutions/store/tcp-transport.js';

const b = (s: string): Buffer => Buffer.from(s);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Opens a store on fresh in-memory engines with the timing every loopback test here uses. */
async function openStore(
  cfg: Pick<StoreConfig, 'storeId' | 'storeIds' | 'runtime' | 'transport' | 'onEvent'>,
): Promise<Store> {
  return Store.open({
    ...cfg,
    raftEngine: await MemEngine.open(),
    kvEngine: await MemEngine.open(),
    tickMs: 10,
    electionTick: 10,
    heartbeatTick: 2,
    gcCountLimit: 0,
    gcTickInterval: 10,
  });
}

describe('framing', () => {
  test('frames survive arbitrary chunking, several per chunk and split prefixes', () => {
    const bodies = [Buffer.alloc(0), b('x'), Buffer.alloc(200, 7), Buffer.alloc(70_000, 3)];
    const stream = Buffer.concat(bodies.map(encodeFrame));
    for (const step of [1, 2, 3, 127, 128, 4096, stream.length]) {
      const dec = new FrameDecoder();
      const got: Buffer[] = [];
      for (let i = 0; i < stream.length; i += step) got.push(...dec.push(stream.subarray(i, i + step)));
      expect(got.map((f) => f.length)).toEqual(bodies.map((f) => f.length));
      expect(Buffer.concat(got).equals(Buffer.concat(bodies))).toBe(true);
    }
  });

  test('an owned chunk gives the same frames, without a copy when a frame lies inside it', () => {
    const stream = Buffer.concat([encodeFrame(b('one')), encodeFrame(Buffer.alloc(300, 9))]);
    const first = new FrameDecoder().push(stream.subarray(0, 100), true);
    expect(first.map((f) => f.toString())).toEqual(['one']);
    stream[1] = 0x4f; // 'O': the frame is a view of the owned chunk
    expect(first[0]!.toString()).toBe('One');
    const dec = new FrameDecoder();
    dec.push(stream.subarray(0, 100), true);
    const rest = dec.push(stream.subarray(100), true);
    expect(rest).toHaveLength(1);
    expect(rest[0]!.equals(Buffer.alloc(300, 9))).toBe(true);
    // Without `owned`, a frame never shares the caller's memory.
    const copied = new FrameDecoder().push(stream)[0]!;
    stream[1] = 0x6f;
    expect(copied.toString()).toBe('One');
  });

  test('an oversized or malformed length is refused', () => {
    expect(() => new FrameDecoder(100).push(encodeFrame(Buffer.alloc(101)))).toThrow(FrameError);
    expect(() => new FrameDecoder().push(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      FrameError,
    );
  });
});

describe('stores over TCP on 127.0.0.1', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  test('elect a leader and serve puts and gets', { timeout: 15_000 }, async () => {
    const ids = [1, 2, 3];
    const errors: unknown[] = [];
    const runtimes = ids.map((id) => new RealtimeRuntime({ seed: id, onError: (err) => errors.push(err) }));
    for (const rt of runtimes) closers.push(() => rt.close());
    const transports = await Promise.all(runtimes.map((runtime) => TcpTransport.listen({ runtime })));
    for (const t of transports) closers.push(() => t.close());
    for (const t of transports) for (const [i, id] of ids.entries()) t.setPeer(id, transports[i]!.address);
    const stores: Store[] = [];
    for (const [i, id] of ids.entries()) {
      const store = await openStore({
        storeId: id,
        storeIds: ids,
        runtime: runtimes[i]!,
        transport: transports[i]!,
      });
      transports[i]!.onMessage((env) => store.onMessage(env));
      closers.push(() => store.stop());
      stores.push(store);
    }

    let leader: Store | undefined;
    for (let waited = 0; leader === undefined && waited < 10_000; waited += 20) {
      await sleep(20);
      leader = stores.find((s) => s.status().raftState === StateType.Leader);
    }
    expect(leader).toBeDefined();

    let requestId = 1;
    const run = (reqs: storepb.Request[]): Promise<storepb.RaftCmdResponse> =>
      leader!.propose(kvCommand(requestId++, reqs));
    for (let i = 0; i < 5; i++) expect(outcomeOf(await run([putRequest(b(`k${i}`), b(`v${i}`))]))).toBe('ok');
    for (let i = 0; i < 5; i++) {
      const resp = await run([getRequest(b(`k${i}`))]);
      expect(outcomeOf(resp)).toBe('ok');
      expect(Buffer.from(resp.responses[0]!.value ?? []).toString()).toBe(`v${i}`);
    }
    // Every store applies the writes.
    for (let waited = 0; waited < 5_000; waited += 20) {
      if (stores.every((s) => s.status().applied === leader!.status().applied)) break;
      await sleep(20);
    }
    const applied = stores.map((s) => s.status().applied);
    expect(new Set(applied).size).toBe(1);
    expect(applied[0]).toBeGreaterThanOrEqual(16);
    expect(errors).toEqual([]);
  });

  test('a snapshot stream crosses TCP intact and a store with lab 4 off refuses it', {
    timeout: 15_000,
  }, async () => {
    const errors: unknown[] = [];
    const runtimes = [1, 2].map(
      (id) => new RealtimeRuntime({ seed: id, onError: (err) => errors.push(err) }),
    );
    for (const rt of runtimes) closers.push(() => rt.close());
    const [a, b] = await Promise.all(runtimes.map((runtime) => TcpTransport.listen({ runtime })));
    closers.push(
      () => a!.close(),
      () => b!.close(),
    );
    a!.setPeer(2, b!.address);
    const events: StoreEvent[] = [];
    const store = await openStore({
      storeId: 2,
      storeIds: [1, 2],
      runtime: runtimes[1]!,
      transport: b!,
      onEvent: (e) => events.push(e),
    });
    closers.push(() => store.stop());
    const arrived: Envelope[] = [];
    b!.onMessage((env) => {
      arrived.push(env);
      store.onMessage(env);
    });
    const data = Buffer.alloc(100_000, 0xab);
    const stream = { fromStore: 1, toStore: 2, streamId: 1 };
    const header = { message: { regionId: 1 }, totalSize: data.length, crc32: 5 };
    a!.send({ kind: 'chunk', chunk: storepb.SnapshotChunk.create({ ...stream, header }) });
    const chunk = { ...stream, offset: 2 ** 33, data, last: true, crc32: 0xfedcba98 };
    a!.send({ kind: 'chunk', chunk: storepb.SnapshotChunk.create(chunk) });
    for (let waited = 0; arrived.length < 2 && waited < 5_000; waited += 10) await sleep(10);
    expect(arrived).toHaveLength(2);
    expect(arrived[0]).toMatchObject({ kind: 'chunk', chunk: { header: { totalSize: data.length } } });
    const got = arrived[1]!;
    expect(got.kind).toBe('chunk');
    if (got.kind !== 'chunk') return;
    expect(got.chunk).toMatchObject({ ...stream, offset: 2 ** 33, last: true, crc32: 0xfedcba98 });
    expect(Buffer.from(got.chunk.data).equals(data)).toBe(true);
    const drops = events.filter((e) => e.kind === 'drop');
    expect(drops).toHaveLength(2);
    expect(drops[0]).toMatchObject({ storeId: 2, reason: expect.stringMatching(/snapshot/) });
    expect(store.status().stopped).toBe(false);
    expect(errors).toEqual([]);
  });

  test('an envelope decodes to what was encoded; bytes that are not one are a FrameError', () => {
    const chunk = storepb.SnapshotChunk.create({ toStore: 3, offset: 5, data: b('abc') });
    const back = decodeEnvelope(encodeEnvelope({ kind: 'chunk', chunk }));
    expect(back).toMatchObject({ kind: 'chunk', chunk: { toStore: 3, offset: 5 } });
    const msg = storepb.RaftMessage.create({ regionId: 1, message: { term: 3 } });
    expect(decodeEnvelope(encodeEnvelope({ kind: 'raft', msg }))).toMatchObject({
      kind: 'raft',
      msg: { regionId: 1, message: { term: 3 } },
    });
    expect(() => decodeEnvelope(new Uint8Array(0))).toThrow(FrameError);
    expect(() => decodeEnvelope(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow(FrameError);
  });

  test('a decoded message keeps its numbers as numbers', () => {
    const msg = storepb.RaftMessage.create({ regionId: 1, message: { term: 2 ** 40, index: 7 } });
    const back = storepb.RaftMessage.decode(storepb.RaftMessage.encode(msg).finish());
    expect(back.message?.term).toBe(2 ** 40);
  });
});
