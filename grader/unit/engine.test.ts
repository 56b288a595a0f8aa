// Tests of the storage engine (MemEngine over memdown, its read views) and of the key encodings of both
// engines.
import { describe, expect, test } from 'vitest';
import { MemEngine, WriteBatch } from '../../solutions/store/engine.js';
import { EngineClosedError, ReadViewReleasedError } from '../../solutions/store/errors.js';
import {
  DATA_PREFIX,
  applyStateKey,
  dataKey,
  dataKeyRange,
  raftLogIndex,
  raftLogKey,
  raftLogKeyRange,
  raftStateKey,
  regionStateKey,
  userKeyOf,
} from '../../solutions/store/keys.js';

const b = (s: string): Buffer => Buffer.from(s);
const str = (v: Uint8Array | undefined): string | undefined =>
  v === undefined ? undefined : Buffer.from(v).toString();
const all = { gte: Buffer.from([0]), lt: Buffer.from([0xff]) };

describe('MemEngine', () => {
  test('get of a missing key is undefined; write then get', async () => {
    const e = await MemEngine.open();
    expect(await e.get(b('a'))).toBeUndefined();
    await e.write(new WriteBatch().put(b('a'), b('1')));
    expect(str(await e.get(b('a')))).toBe('1');
  });

  test('a batch applies in order: a later op on the same key wins', async () => {
    const e = await MemEngine.open();
    await e.write(
      new WriteBatch().put(b('k'), b('1')).put(b('k'), b('2')).put(b('x'), b('x')).delete(b('x')),
    );
    expect(str(await e.get(b('k')))).toBe('2');
    expect(await e.get(b('x'))).toBeUndefined();
    await e.write(new WriteBatch().delete(b('k')).put(b('k'), b('3')));
    expect(str(await e.get(b('k')))).toBe('3');
  });

  test('a batch is atomic: a reader sees all of it or none of it', async () => {
    const e = await MemEngine.open();
    const wb = new WriteBatch();
    for (let i = 0; i < 100; i++) wb.put(Buffer.from([1, i]), b(`v${i}`));
    const writing = e.write(wb);
    const during = await e.count({ gte: Buffer.from([1]), lt: Buffer.from([2]) });
    await writing;
    expect([0, 100]).toContain(during);
    expect(await e.count({ gte: Buffer.from([1]), lt: Buffer.from([2]) })).toBe(100);
  });

  test('keys and values are copied: the caller may reuse its buffers', async () => {
    const e = await MemEngine.open();
    const key = b('key');
    const value = b('value');
    const wb = new WriteBatch().put(key, value);
    value.fill(0x21);
    key.fill(0x21);
    await e.write(wb);
    expect(str(await e.get(b('key')))).toBe('value');
    const got = (await e.get(b('key')))!;
    got.fill(0);
    expect(str(await e.get(b('key')))).toBe('value');
  });

  test('accepts Uint8Array keys (not only Buffers) and empty values', async () => {
    const e = await MemEngine.open();
    await e.write(new WriteBatch().put(new Uint8Array([5, 6]), new Uint8Array(0)));
    const v = await e.get(Buffer.from([5, 6]));
    expect(v).toBeDefined();
    expect(v!.length).toBe(0);
    expect(await e.get(b('5,6'))).toBeUndefined();
  });

  test('scan is ordered bytewise, half-open, and honours the limit', async () => {
    const e = await MemEngine.open();
    const wb = new WriteBatch();
    for (const k of ['b', 'a', 'c', 'ab', 'd']) wb.put(b(k), b(k.toUpperCase()));
    await e.write(wb);
    const got = await e.scan({ gte: b('a'), lt: b('d') });
    expect(got.map((p) => p.key.toString())).toEqual(['a', 'ab', 'b', 'c']);
    expect(got.map((p) => p.value.toString())).toEqual(['A', 'AB', 'B', 'C']);
    expect((await e.scan({ gte: b('a'), lt: b('z') }, 2)).map((p) => p.key.toString())).toEqual(['a', 'ab']);
    expect(await e.scan({ gte: b('x'), lt: b('z') })).toEqual([]);
  });

  test('count and deleteRange cover exactly the range', async () => {
    const e = await MemEngine.open();
    const wb = new WriteBatch();
    for (let i = 0; i < 1200; i++) wb.put(raftLogKey(1, i), b('e'));
    wb.put(raftStateKey(1), b('s'));
    await e.write(wb);
    expect(await e.count(raftLogKeyRange(1))).toBe(1200);
    expect(await e.deleteRange(raftLogKeyRange(1, 100, 1100))).toBe(1000);
    expect(await e.count(raftLogKeyRange(1))).toBe(200);
    expect(await e.get(raftLogKey(1, 99))).toBeDefined();
    expect(await e.get(raftLogKey(1, 100))).toBeUndefined();
    expect(await e.get(raftLogKey(1, 1100))).toBeDefined();
    expect(str(await e.get(raftStateKey(1)))).toBe('s');
  });

  test('all the work of a chain of engine calls settles before the next setImmediate', async () => {
    const e = await MemEngine.open();
    let done = false;
    void (async () => {
      for (let i = 0; i < 50; i++) await e.write(new WriteBatch().put(raftLogKey(1, i), b('x')));
      await e.scan(all);
      await e.count(all);
      await e.deleteRange(raftLogKeyRange(1, 0, 10));
      await e.get(raftLogKey(1, 20));
      done = true;
    })();
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
  });

  test('a closed engine refuses every call', async () => {
    const e = await MemEngine.open();
    await e.close();
    await expect(e.get(b('a'))).rejects.toBeInstanceOf(EngineClosedError);
    await expect(e.write(new WriteBatch().put(b('a'), b('1')))).rejects.toBeInstanceOf(EngineClosedError);
    await expect(e.scan(all)).rejects.toBeInstanceOf(EngineClosedError);
  });
});

describe('MemEngine read views (snapshot)', () => {
  /** An engine holding a=1, b=2, c=3. */
  async function abc(): Promise<MemEngine> {
    const e = await MemEngine.open();
    await e.write(new WriteBatch().put(b('a'), b('1')).put(b('b'), b('2')).put(b('c'), b('3')));
    return e;
  }
  const keys = (pairs: { key: Buffer }[]): string[] => pairs.map((p) => p.key.toString());

  test('a view keeps the content of its moment: later puts, overwrites and deletes are not seen', async () => {
    const e = await abc();
    const view = e.snapshot();
    await e.write(new WriteBatch().put(b('a'), b('changed')).delete(b('b')).put(b('d'), b('4')));
    expect(str(await view.get(b('a')))).toBe('1');
    expect(str(await view.get(b('b')))).toBe('2');
    expect(await view.get(b('d'))).toBeUndefined();
    const got = await view.scan(all);
    expect(keys(got)).toEqual(['a', 'b', 'c']);
    expect(got.map((p) => p.value.toString())).toEqual(['1', '2', '3']);
    expect(await view.count(all)).toBe(3);
    // The engine itself moved on.
    expect(keys(await e.scan(all))).toEqual(['a', 'c', 'd']);
    expect(str(await e.get(b('a')))).toBe('changed');
  });

  test('a deleteRange after the view does not reach it', async () => {
    const e = await MemEngine.open();
    const wb = new WriteBatch();
    for (let i = 0; i < 50; i++) wb.put(raftLogKey(1, i), b(`e${i}`));
    await e.write(wb);
    const view = e.snapshot();
    expect(await e.deleteRange(raftLogKeyRange(1, 0, 40))).toBe(40);
    expect(await view.count(raftLogKeyRange(1))).toBe(50);
    expect(str(await view.get(raftLogKey(1, 3)))).toBe('e3');
    expect(await e.count(raftLogKeyRange(1))).toBe(10);
  });

  test('a view sees every batch written before it was taken, and two views are independent', async () => {
    const e = await abc();
    const first = e.snapshot();
    await e.write(new WriteBatch().put(b('x'), b('9')));
    const second = e.snapshot();
    expect(await first.get(b('x'))).toBeUndefined();
    expect(str(await second.get(b('x')))).toBe('9');
    first.release();
    expect(await second.count(all)).toBe(4);
  });

  test('view scans are ordered bytewise, half-open, and honour the limit', async () => {
    const e = await MemEngine.open();
    const wb = new WriteBatch();
    for (const k of ['b', 'a', 'c', 'ab', 'd']) wb.put(b(k), b(k.toUpperCase()));
    await e.write(wb);
    const view = e.snapshot();
    await e.write(new WriteBatch().put(b('aa'), b('late')));
    expect(keys(await view.scan({ gte: b('a'), lt: b('d') }))).toEqual(['a', 'ab', 'b', 'c']);
    expect(keys(await view.scan({ gte: b('a'), lt: b('z') }, 2))).toEqual(['a', 'ab']);
    expect(await view.scan({ gte: b('x'), lt: b('z') })).toEqual([]);
    expect(await view.count({ gte: b('ab'), lt: b('c') })).toBe(2);
  });

  test('values read from a view are copies the caller owns', async () => {
    const e = await abc();
    const view = e.snapshot();
    (await view.get(b('a')))!.fill(0);
    for (const p of await view.scan(all)) p.value.fill(0);
    expect(str(await view.get(b('a')))).toBe('1');
    expect(str(await e.get(b('b')))).toBe('2');
  });

  test('a released view refuses every read; release is idempotent and leaves the engine alone', async () => {
    const e = await abc();
    const view = e.snapshot();
    view.release();
    view.release();
    await expect(view.get(b('a'))).rejects.toBeInstanceOf(ReadViewReleasedError);
    await expect(view.scan(all)).rejects.toBeInstanceOf(ReadViewReleasedError);
    await expect(view.count(all)).rejects.toBeInstanceOf(ReadViewReleasedError);
    expect(str(await e.get(b('a')))).toBe('1');
  });

  test('a closed engine refuses views and the reads of views taken before', async () => {
    const e = await abc();
    const view = e.snapshot();
    await e.close();
    expect(() => e.snapshot()).toThrow(EngineClosedError);
    await expect(view.get(b('a'))).rejects.toBeInstanceOf(EngineClosedError);
    await expect(view.count(all)).rejects.toBeInstanceOf(EngineClosedError);
  });

  test('view reads settle before the next setImmediate, like every engine call', async () => {
    const e = await abc();
    const view = e.snapshot();
    let done = false;
    void (async () => {
      await view.get(b('a'));
      await view.scan(all);
      await view.count(all);
      done = true;
    })();
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
  });
});

describe('key encodings', () => {
  test('raft log keys sort numerically across byte boundaries', () => {
    const idx = [
      0,
      1,
      5,
      6,
      255,
      256,
      65535,
      65536,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 40 + 3,
      Number.MAX_SAFE_INTEGER,
    ];
    const keys = [...idx].reverse().map((i) => raftLogKey(1, i));
    keys.sort(Buffer.compare);
    expect(keys.map(raftLogIndex)).toEqual(idx);
    for (const k of keys) expect(k.length).toBe(19);
  });

  test('raft log keys group by region, and the region range holds only log keys', () => {
    expect(Buffer.compare(raftLogKey(1, Number.MAX_SAFE_INTEGER), raftLogKey(2, 0))).toBeLessThan(0);
    const r = raftLogKeyRange(1);
    const inRange = (k: Buffer): boolean => Buffer.compare(k, r.gte) >= 0 && Buffer.compare(k, r.lt) < 0;
    expect(inRange(raftLogKey(1, 0))).toBe(true);
    expect(inRange(raftLogKey(1, Number.MAX_SAFE_INTEGER))).toBe(true);
    expect(inRange(raftLogKey(2, 0))).toBe(false);
    expect(inRange(raftStateKey(1))).toBe(false);
    expect(inRange(applyStateKey(1))).toBe(false);
  });

  test('meta keys are distinct, 11 bytes, and all sort before user data keys', () => {
    const meta = [raftStateKey(1), applyStateKey(1), regionStateKey(1), raftLogKey(1, 7)];
    expect(new Set(meta.map((k) => k.toString('hex'))).size).toBe(4);
    for (const k of meta.slice(0, 3)) expect(k.length).toBe(11);
    for (const k of meta) {
      expect(k[0]).toBe(0x01);
      expect(Buffer.compare(k, dataKey(new Uint8Array(0)))).toBeLessThan(0);
    }
  });

  test('indexes and region ids must be unsigned safe integers', () => {
    expect(() => raftLogKey(1, -1)).toThrow(RangeError);
    expect(() => raftLogKey(1, 1.5)).toThrow(RangeError);
    expect(() => raftStateKey(2 ** 53)).toThrow(RangeError);
    expect(() => raftLogIndex(raftStateKey(1))).toThrow(RangeError);
  });

  test('data keys: prefix, round trip, and ranges (an empty end means the whole key space)', () => {
    const k = dataKey(b('user'));
    expect(k[0]).toBe(DATA_PREFIX);
    expect(userKeyOf(k).toString()).toBe('user');
    const r = dataKeyRange(b('b'), b('d'));
    expect(Buffer.compare(dataKey(b('b')), r.gte)).toBe(0);
    expect(Buffer.compare(dataKey(b('czzz')), r.lt)).toBeLessThan(0);
    expect(Buffer.compare(dataKey(b('d')), r.lt)).toBe(0);
    const open = dataKeyRange(new Uint8Array(0), new Uint8Array(0));
    expect(Buffer.compare(dataKey(Buffer.from([0xff, 0xff])), open.lt)).toBeLessThan(0);
    expect(Buffer.compare(raftStateKey(1), open.gte)).toBeLessThan(0);
  });

  test('user data and meta keys never collide in one engine', async () => {
    const e = await MemEngine.open();
    const tricky = Buffer.concat([Buffer.from([0x01, 0x02]), Buffer.alloc(8), Buffer.from([0x02])]);
    await e.write(new WriteBatch().put(raftStateKey(0), b('meta')).put(dataKey(tricky), b('user')));
    expect(str(await e.get(raftStateKey(0)))).toBe('meta');
    const users = await e.scan(dataKeyRange(new Uint8Array(0), new Uint8Array(0)));
    expect(users.map((p) => userKeyOf(p.key).equals(tricky))).toEqual([true]);
  });
});
