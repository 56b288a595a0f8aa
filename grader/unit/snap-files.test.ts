// Tests of lab 4's snapshot-files layer (framework, no student code): the simulator's VirtualFs and its
// crash semantics (unsynced bytes lost, rename atomic and durable, a crash between any two operations
// cuts off the old incarnation), NodeSnapFs over a real temporary directory, FencedSnapFs, and
// SnapManager (naming, meta records, the registry, open() cleanup, GC, and the write orders that make
// writeSnapshot and commitTemp crash-safe: a crash swept over every operation boundary leaves either
// the complete snapshot or nothing).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { storepb } from '../../solutions/proto/pb.js';
import type { StoreEvent } from '../../solutions/store/api.js';
import {
  SnapFileMissingError,
  StoreStoppedError,
  CorruptSnapshotError,
} from '../../solutions/store/errors.js';
import { Fence } from '../../solutions/store/fence.js';
import { FencedSnapFs } from '../../solutions/store/fenced-snap-fs.js';
import { NodeSnapFs } from '../../solutions/store/node-snap-fs.js';
import type { SnapFs } from '../../solutions/store/snap-fs.js';
import {
  type SnapKey,
  SnapManager,
  parseSnapFileName,
  snapFileName,
} from '../../solutions/store/snap-manager.js';
import { settle } from '../harness/manual-runtime.js';
import { SimUsageError } from '../sim/errors.js';
import { VirtualFs } from '../sim/vfs.js';

/** A manual completion queue for the VirtualFs: the test decides when each operation completes. */
class Steps {
  private readonly q: (() => void)[] = [];
  /** Operations completed so far. */
  done = 0;
  readonly defer = (fn: () => void): void => {
    this.q.push(fn);
  };

  get waiting(): number {
    return this.q.length;
  }

  /** Completes the next operation and lets its caller continue; false when none is waiting. */
  async step(): Promise<boolean> {
    await settle();
    const fn = this.q.shift();
    if (!fn) return false;
    fn();
    this.done++;
    await settle();
    return true;
  }

  /** Completes operations until p settles; fails when p waits on nothing. */
  async drive<T>(p: Promise<T>): Promise<T> {
    let done = false;
    p.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    await settle();
    while (!done) {
      if (!(await this.step())) throw new Error('stalled: the promise waits but no operation is queued');
    }
    return p;
  }

  /** Runs every queued operation; returns how many ran. */
  async runAll(): Promise<number> {
    let n = 0;
    while (await this.step()) n++;
    return n;
  }
}

function vfs(): { fs: VirtualFs; steps: Steps } {
  const steps = new Steps();
  return { fs: new VirtualFs({ defer: steps.defer }), steps };
}

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const GEN: SnapKey = { kind: 'gen', regionId: 1, term: 3, index: 40 };
const RCV: SnapKey = { kind: 'rcv', regionId: 1, term: 3, index: 40 };

/** Pattern bytes of length n. */
function data(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** Tracks whether a promise has settled (to assert that one never does). */
function watch(p: Promise<unknown>): { settled: () => boolean } {
  let s = false;
  p.then(
    () => {
      s = true;
    },
    () => {
      s = true;
    },
  );
  return { settled: () => s };
}

describe('VirtualFs', () => {
  test('operations complete one at a time, in the order issued, through defer', async () => {
    const { fs, steps } = vfs();
    const w = await steps.drive(fs.create('a'));
    const p1 = w.write(bytes(1, 2));
    const p2 = w.write(bytes(3));
    const p3 = w.sync();
    expect(steps.waiting).toBe(1); // one in flight, the rest queued
    expect(fs.pending()).toBe(3);
    expect(fs.contents('a')).toEqual(bytes());
    await steps.step();
    expect(fs.contents('a')).toEqual(bytes(1, 2));
    await steps.drive(Promise.all([p1, p2, p3]));
    expect(fs.contents('a')).toEqual(bytes(1, 2, 3));
    expect(fs.ops()).toEqual([
      { op: 'create', name: 'a' },
      { op: 'write', name: 'a', bytes: 2 },
      { op: 'write', name: 'a', bytes: 1 },
      { op: 'sync', name: 'a' },
    ]);
    fs.clearOps();
    expect(fs.ops()).toEqual([]);
  });

  test('a crash keeps each file to its last-synced prefix; a created file survives, empty', async () => {
    const { fs, steps } = vfs();
    const a = await steps.drive(fs.create('a'));
    await steps.drive(a.write(text('durable')));
    await steps.drive(a.sync());
    await steps.drive(a.write(text('-lost')));
    const b = await steps.drive(fs.create('b'));
    await steps.drive(b.write(text('never synced')));
    expect(fs.totalBytes()).toBe('durable-lost'.length + 'never synced'.length);
    fs.crash();
    expect(fs.names()).toEqual(['a', 'b']);
    expect(fs.contents('a')).toEqual(text('durable'));
    expect(fs.contents('b')).toEqual(bytes());
    expect(fs.totalBytes()).toBe('durable'.length);
  });

  test('rename is atomic and durable once it resolved; it replaces the target and keeps the data', async () => {
    const { fs, steps } = vfs();
    for (const [name, body] of [
      ['old', 'OLD'],
      ['new.tmp', 'NEW'],
    ] as const) {
      const w = await steps.drive(fs.create(name));
      await steps.drive(w.write(text(body)));
      await steps.drive(w.sync());
      await steps.drive(w.close());
    }
    const pending = watch(fs.rename('new.tmp', 'old'));
    await settle();
    fs.crash(); // before the rename completed: nothing changed
    expect(pending.settled()).toBe(false);
    expect(fs.names()).toEqual(['new.tmp', 'old']);
    expect(fs.contents('old')).toEqual(text('OLD'));
    await steps.drive(fs.rename('new.tmp', 'old'));
    fs.crash();
    expect(fs.names()).toEqual(['old']);
    expect(fs.contents('old')).toEqual(text('NEW'));
  });

  test('a crash cuts off the incarnation: queued work and old handles never settle, even if defer fires late', async () => {
    const { fs, steps } = vfs();
    const w = await steps.drive(fs.create('a'));
    const write = watch(w.write(text('x')));
    const remove = watch(fs.remove('a'));
    await settle();
    expect(steps.waiting).toBe(1);
    fs.crash();
    expect(fs.pending()).toBe(0);
    await steps.runAll(); // the stale completion fires: it must do nothing
    const later = watch(w.sync());
    await steps.runAll();
    expect([write.settled(), remove.settled(), later.settled()]).toEqual([false, false, false]);
    expect(fs.names()).toEqual(['a']);
    expect(fs.contents('a')).toEqual(bytes());
    // The new incarnation works as usual.
    const w2 = await steps.drive(fs.create('b'));
    await steps.drive(w2.write(text('y')));
    expect(fs.contents('b')).toEqual(text('y'));
  });

  test('missing files: open and rename reject with SnapFileMissingError, remove and size do not', async () => {
    const { fs, steps } = vfs();
    await expect(steps.drive(fs.open('nope'))).rejects.toBeInstanceOf(SnapFileMissingError);
    await expect(steps.drive(fs.rename('nope', 'x'))).rejects.toBeInstanceOf(SnapFileMissingError);
    await steps.drive(fs.remove('nope'));
    expect(await steps.drive(fs.size('nope'))).toBeNull();
    expect(await steps.drive(fs.list())).toEqual([]);
  });

  test('reads: at offsets, fewer bytes only at the end, none past it; size is taken at open', async () => {
    const { fs, steps } = vfs();
    const w = await steps.drive(fs.create('f'));
    await steps.drive(w.write(data(10)));
    const r = await steps.drive(fs.open('f'));
    expect(r.size).toBe(10);
    expect(await steps.drive(r.read(2, 3))).toEqual(data(10).subarray(2, 5));
    expect(await steps.drive(r.read(8, 5))).toEqual(data(10).subarray(8));
    expect(await steps.drive(r.read(12, 5))).toEqual(bytes());
    await steps.drive(r.close());
    await expect(steps.drive(r.read(0, 1))).rejects.toBeInstanceOf(SimUsageError);
    await steps.drive(w.close());
    await expect(steps.drive(w.write(bytes(1)))).rejects.toBeInstanceOf(SimUsageError);
  });

  test('failNext makes the next operation of that kind reject with the injected error and no effect', async () => {
    const { fs, steps } = vfs();
    const boom = new Error('disk full');
    fs.failNext('write', boom);
    const w = await steps.drive(fs.create('f'));
    await expect(steps.drive(w.write(bytes(1, 2)))).rejects.toBe(boom);
    await steps.drive(w.write(bytes(3)));
    expect(fs.contents('f')).toEqual(bytes(3));
    expect(fs.ops().map((o) => o.op)).toEqual(['create', 'write']);
  });
});

describe('NodeSnapFs', () => {
  test('creates its directory, writes, syncs, reads at offsets, renames, removes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'raftlab-snapfs-'));
    try {
      const fs = new NodeSnapFs(join(root, 'store-1', 'snap'));
      expect(await fs.list()).toEqual([]);
      const w = await fs.create('b.tmp');
      await w.write(data(100_000));
      await w.write(data(5, 1));
      await w.sync();
      await w.close();
      expect(await fs.size('b.tmp')).toBe(100_005);
      expect(await fs.size('nope')).toBeNull();
      await fs.rename('b.tmp', 'b');
      await writeFile(join(root, 'store-1', 'snap', 'a'), 'x');
      expect(await fs.list()).toEqual(['a', 'b']);
      const r = await fs.open('b');
      expect(r.size).toBe(100_005);
      expect(Buffer.from(await r.read(99_998, 4))).toEqual(
        Buffer.from([...data(100_000).subarray(99_998), ...data(5, 1).subarray(0, 2)]),
      );
      expect((await r.read(100_000, 64)).length).toBe(5);
      expect((await r.read(200_000, 64)).length).toBe(0);
      await r.close();
      await fs.rename('a', 'b'); // replaces
      expect(await fs.size('b')).toBe(1);
      await expect(fs.open('nope')).rejects.toBeInstanceOf(SnapFileMissingError);
      await expect(fs.rename('nope', 'x')).rejects.toBeInstanceOf(SnapFileMissingError);
      await fs.remove('nope');
      await fs.remove('b');
      expect(await fs.list()).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('FencedSnapFs', () => {
  test('after the fence closes every call throws StoreStoppedError synchronously; close() still works', async () => {
    const { fs: inner, steps } = vfs();
    const fence = new Fence(4);
    const fs = new FencedSnapFs(inner, fence);
    const w = await steps.drive(fs.create('w'));
    await steps.drive(w.write(bytes(1)));
    const r = await steps.drive(fs.open('w'));
    fence.close();
    const calls: [string, () => unknown][] = [
      ['list', () => fs.list()],
      ['size', () => fs.size('w')],
      ['create', () => fs.create('x')],
      ['open', () => fs.open('w')],
      ['rename', () => fs.rename('w', 'y')],
      ['remove', () => fs.remove('w')],
      ['write', () => w.write(bytes(2))],
      ['sync', () => w.sync()],
      ['read', () => r.read(0, 1)],
    ];
    for (const [, call] of calls) expect(call).toThrow(StoreStoppedError);
    expect(inner.pending()).toBe(0);
    await steps.drive(Promise.all([w.close(), r.close()]));
    expect(inner.ops().slice(-2)).toEqual([
      { op: 'close', name: 'w' },
      { op: 'close', name: 'w' },
    ]);
    expect(inner.contents('w')).toEqual(bytes(1));
  });
});

/** A manager over a fresh VirtualFs, with its events. */
function manager(): { fs: VirtualFs; steps: Steps; m: SnapManager; events: StoreEvent[] } {
  const { fs, steps } = vfs();
  const events: StoreEvent[] = [];
  return { fs, steps, m: new SnapManager(fs, { storeId: 2, emit: (e) => events.push(e) }), events };
}

/** Creates a file with content, synced (outside the manager). */
async function put(fs: SnapFs, steps: Steps, name: string, body: Uint8Array): Promise<void> {
  const w = await steps.drive(fs.create(name));
  await steps.drive(w.write(body));
  await steps.drive(w.sync());
  await steps.drive(w.close());
}

describe('SnapManager: names, meta, reads', () => {
  test('file names are kind_region_term_index.snap and parse back', () => {
    expect(snapFileName(GEN)).toBe('gen_1_3_40.snap');
    expect(snapFileName({ kind: 'rcv', regionId: 12, term: 0, index: 7 })).toBe('rcv_12_0_7.snap');
    expect(parseSnapFileName('rcv_12_0_7.snap')).toEqual({ kind: 'rcv', regionId: 12, term: 0, index: 7 });
    for (const n of ['gen_1_3_40.snap.meta', 'gen_1_3_40.snap.tmp', 'xyz_1_3_40.snap', 'gen_1_3.snap']) {
      expect(parseSnapFileName(n)).toBeNull();
    }
  });

  test('writeSnapshot: data tmp written and synced, meta tmp synced and renamed, data renamed last', async () => {
    const { fs, steps, m } = manager();
    const body = data(3000);
    const info = await steps.drive(m.writeSnapshot(GEN, body));
    expect(info).toEqual({ size: 3000, crc32: crc32(body) >>> 0 });
    expect(fs.ops()).toEqual([
      { op: 'create', name: 'gen_1_3_40.snap.tmp' },
      { op: 'write', name: 'gen_1_3_40.snap.tmp', bytes: 3000 },
      { op: 'sync', name: 'gen_1_3_40.snap.tmp' },
      { op: 'close', name: 'gen_1_3_40.snap.tmp' },
      { op: 'create', name: 'gen_1_3_40.snap.meta.tmp' },
      { op: 'write', name: 'gen_1_3_40.snap.meta.tmp', bytes: expect.any(Number) },
      { op: 'sync', name: 'gen_1_3_40.snap.meta.tmp' },
      { op: 'close', name: 'gen_1_3_40.snap.meta.tmp' },
      { op: 'rename', name: 'gen_1_3_40.snap.meta.tmp', to: 'gen_1_3_40.snap.meta' },
      { op: 'rename', name: 'gen_1_3_40.snap.tmp', to: 'gen_1_3_40.snap' },
    ]);
    expect(fs.names()).toEqual(['gen_1_3_40.snap', 'gen_1_3_40.snap.meta']);
    expect(await steps.drive(m.info(GEN))).toEqual(info);
    expect(await steps.drive(m.readAll(GEN))).toEqual(body);
    const r = await steps.drive(m.openReader(GEN));
    expect(r.size).toBe(3000);
    await steps.drive(r.close());
    expect(await steps.drive(m.files())).toEqual(['gen_1_3_40.snap', 'gen_1_3_40.snap.meta']);
  });

  test('an empty snapshot is a complete file of 0 bytes', async () => {
    const { steps, m } = manager();
    expect(await steps.drive(m.writeSnapshot(GEN, bytes()))).toEqual({ size: 0, crc32: 0 });
    expect(await steps.drive(m.readAll(GEN))).toEqual(bytes());
  });

  test('info is null and readAll/openReader reject when the file is missing or incomplete', async () => {
    const { fs, steps, m } = manager();
    expect(await steps.drive(m.info(GEN))).toBeNull();
    await expect(steps.drive(m.readAll(GEN))).rejects.toBeInstanceOf(SnapFileMissingError);
    await expect(steps.drive(m.openReader(GEN))).rejects.toBeInstanceOf(SnapFileMissingError);
    await steps.drive(m.writeSnapshot(GEN, data(50)));
    await steps.drive(fs.remove('gen_1_3_40.snap'));
    expect(await steps.drive(m.info(GEN)), 'meta without its data').toBeNull();
    await put(fs, steps, 'gen_1_3_40.snap', data(49));
    expect(await steps.drive(m.info(GEN)), 'data shorter than its meta says').toBeNull();
  });

  test('readAll fails with CorruptSnapshotError when the data does not match its meta crc32', async () => {
    const { fs, steps, m } = manager();
    await steps.drive(m.writeSnapshot(GEN, data(50)));
    await put(fs, steps, 'gen_1_3_40.snap', data(50, 8));
    await expect(steps.drive(m.readAll(GEN))).rejects.toBeInstanceOf(CorruptSnapshotError);
  });

  test('a failed writeSnapshot rejects with the failure and leaves no temporary behind', async () => {
    for (const op of ['write', 'sync', 'rename'] as const) {
      const { fs, steps, m } = manager();
      const boom = new Error(`injected ${op} failure`);
      fs.failNext(op, boom);
      await expect(steps.drive(m.writeSnapshot(GEN, data(10))), op).rejects.toBe(boom);
      expect(fs.names(), op).toEqual([]);
    }
  });

  test('writing the same snapshot again replaces it', async () => {
    const { fs, steps, m } = manager();
    await steps.drive(m.writeSnapshot(GEN, data(50)));
    await steps.drive(m.writeSnapshot(GEN, data(70, 9)));
    expect(await steps.drive(m.readAll(GEN))).toEqual(data(70, 9));
    expect(fs.names()).toEqual(['gen_1_3_40.snap', 'gen_1_3_40.snap.meta']);
  });
});

describe('SnapManager: temporaries, open(), registry, GC', () => {
  test('createTemp names are unique per tag; commitTemp puts the meta in place, then renames the data last', async () => {
    const { fs, steps, m } = manager();
    const a = await steps.drive(m.createTemp(RCV, 's1-4'));
    const b = await steps.drive(m.createTemp(RCV, 's2-1'));
    expect([a.name, b.name]).toEqual(['rcv_1_3_40.snap.s1-4.tmp', 'rcv_1_3_40.snap.s2-1.tmp']);
    const body = data(900);
    await steps.drive(a.writer.write(body));
    await steps.drive(a.writer.sync());
    await steps.drive(a.writer.close());
    fs.clearOps();
    await steps.drive(m.commitTemp(a.name, RCV, { size: 900, crc32: crc32(body) >>> 0 }));
    const ops = fs.ops();
    expect(ops.at(-1)).toEqual({ op: 'rename', name: a.name, to: 'rcv_1_3_40.snap' });
    expect(ops.at(-2)).toEqual({
      op: 'rename',
      name: 'rcv_1_3_40.snap.s1-4.meta.tmp',
      to: 'rcv_1_3_40.snap.meta',
    });
    expect(ops.findIndex((o) => o.op === 'sync')).toBeLessThan(ops.length - 2);
    expect(await steps.drive(m.readAll(RCV))).toEqual(body);
    await steps.drive(m.removeTemp(b.name));
    expect(fs.names()).toEqual(['rcv_1_3_40.snap', 'rcv_1_3_40.snap.meta']);
  });

  test('commitTemp refuses a missing temp and one whose size is not the committed size', async () => {
    const { steps, m, fs } = manager();
    await expect(
      steps.drive(m.commitTemp('rcv_1_3_40.snap.x.tmp', RCV, { size: 1, crc32: 0 })),
    ).rejects.toBeInstanceOf(SnapFileMissingError);
    const t = await steps.drive(m.createTemp(RCV, 'x'));
    await steps.drive(t.writer.write(data(10)));
    await expect(steps.drive(m.commitTemp(t.name, RCV, { size: 11, crc32: 0 }))).rejects.toBeInstanceOf(
      CorruptSnapshotError,
    );
    expect(fs.names()).toEqual([t.name]);
  });

  test('open() removes temporaries and half snapshots, keeps complete ones and foreign files', async () => {
    const { fs, steps, m, events } = manager();
    await steps.drive(m.writeSnapshot(GEN, data(20)));
    await put(fs, steps, 'gen_1_3_41.snap.tmp', data(5));
    await put(fs, steps, 'rcv_1_3_42.snap.s1-1.tmp', data(5));
    await put(fs, steps, 'rcv_1_3_43.snap', data(5)); // data without meta
    await put(fs, steps, 'rcv_1_3_44.snap.meta', data(5)); // meta without data
    await put(fs, steps, 'README', data(1));
    const removed = await steps.drive(m.open());
    expect(removed.sort()).toEqual(
      ['gen_1_3_41.snap.tmp', 'rcv_1_3_42.snap.s1-1.tmp', 'rcv_1_3_43.snap', 'rcv_1_3_44.snap.meta'].sort(),
    );
    expect(fs.names()).toEqual(['README', 'gen_1_3_40.snap', 'gen_1_3_40.snap.meta']);
    expect(events).toEqual([{ kind: 'snapshot-files-removed', storeId: 2, why: 'open', names: removed }]);
    expect(await steps.drive(m.open())).toEqual([]);
    expect(events).toHaveLength(1);
  });

  test('the registry: uses per key, releases are idempotent', () => {
    const { m } = manager();
    const r1 = m.acquire(GEN, 'generating');
    const r2 = m.acquire(GEN, 'sending');
    const r3 = m.acquire(GEN, 'sending');
    expect(m.uses(GEN)).toEqual(['generating', 'sending', 'sending']);
    expect(m.uses(RCV)).toEqual([]);
    r2();
    r2();
    expect(m.uses(GEN)).toEqual(['generating', 'sending']);
    r1();
    r3();
    expect(m.uses(GEN)).toEqual([]);
  });

  test('gc removes passed snapshots (gen below truncated, rcv up to applied) but never one in use', async () => {
    const { fs, steps, m, events } = manager();
    const key = (kind: 'gen' | 'rcv', index: number): SnapKey => ({ kind, regionId: 1, term: 2, index });
    for (const k of [
      key('gen', 10),
      key('gen', 20),
      key('gen', 30),
      key('rcv', 15),
      key('rcv', 25),
      key('rcv', 26),
    ]) {
      await steps.drive(m.writeSnapshot(k, data(k.index)));
    }
    const release = m.acquire(key('gen', 10), 'sending');
    const releaseRcv = m.acquire(key('rcv', 25), 'applying');
    const removed = await steps.drive(m.gc(20, 25));
    expect(removed.sort()).toEqual(['rcv_1_2_15.snap', 'rcv_1_2_15.snap.meta']);
    release();
    releaseRcv();
    expect((await steps.drive(m.gc(20, 25))).sort()).toEqual(
      ['gen_1_2_10.snap', 'gen_1_2_10.snap.meta', 'rcv_1_2_25.snap', 'rcv_1_2_25.snap.meta'].sort(),
    );
    expect(fs.names()).toEqual([
      'gen_1_2_20.snap',
      'gen_1_2_20.snap.meta',
      'gen_1_2_30.snap',
      'gen_1_2_30.snap.meta',
      'rcv_1_2_26.snap',
      'rcv_1_2_26.snap.meta',
    ]);
    expect(events.map((e) => e.kind === 'snapshot-files-removed' && e.why)).toEqual(['gc', 'gc']);
    expect(await steps.drive(m.gc(20, 25))).toEqual([]);
  });
});

/**
 * What a restarted store finds after open(): 'nothing' (an empty directory), `complete <i>` (exactly
 * the key's data file and meta, the data equal to bodies[i] and readable through readAll), or a
 * description of the partial state.
 */
async function recover(fs: VirtualFs, steps: Steps, key: SnapKey, bodies: Uint8Array[]): Promise<string> {
  const m = new SnapManager(fs, { storeId: 2 });
  await steps.drive(m.open());
  const names = fs.names();
  if (names.length === 0) return 'nothing';
  const partial = `partial: ${names.map((n) => `${n}(${fs.contents(n)?.length})`).join(' ')}`;
  const final = snapFileName(key);
  if (names.join(' ') !== `${final} ${final}.meta`) return partial;
  const got = await steps.drive(m.readAll(key)).catch((err: unknown) => err);
  if (!(got instanceof Uint8Array)) return `${partial}: ${String(got)}`;
  const i = bodies.findIndex((b) => Buffer.from(b).equals(got));
  return i >= 0 ? `complete ${i}` : partial;
}

/**
 * Runs `write` (after `setup`) once to count its operations, then again for every crash point k
 * (after k completed operations of `write`), crashes, restarts (open()) and records what is there.
 */
async function sweep(
  key: SnapKey,
  bodies: Uint8Array[],
  write: (fs: VirtualFs) => Promise<void>,
  setup: (fs: VirtualFs) => Promise<void> = async () => {},
): Promise<{ outcomes: string[]; total: number }> {
  const fresh = async (): Promise<{ fs: VirtualFs; steps: Steps }> => {
    const v = vfs();
    await v.steps.drive(setup(v.fs));
    v.steps.done = 0;
    return v;
  };
  const full = await fresh();
  await full.steps.drive(write(full.fs));
  const total = full.steps.done;
  const outcomes: string[] = [];
  for (let k = 0; k <= total; k++) {
    const { fs, steps } = await fresh();
    write(fs).catch(() => {});
    for (let i = 0; i < k; i++) await steps.step();
    fs.crash();
    outcomes.push(await recover(fs, steps, key, bodies));
  }
  return { outcomes, total };
}

describe('SnapManager: crash safety swept over every operation', () => {
  const body = data(5000);

  test('writeSnapshot: a crash anywhere leaves the complete snapshot or nothing', async () => {
    const { outcomes, total } = await sweep(GEN, [body], async (fs) => {
      await new SnapManager(fs, { storeId: 2 }).writeSnapshot(GEN, body);
    });
    expect(total).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => o !== 'complete 0' && o !== 'nothing')).toEqual([]);
    expect(outcomes.at(-1)).toBe('complete 0');
    expect(outcomes[0]).toBe('nothing');
  });

  test('writeSnapshot over an existing file of the key: old, new or nothing, never a mix', async () => {
    const old = data(3000, 1);
    const { outcomes } = await sweep(
      GEN,
      [old, body],
      async (fs) => {
        await new SnapManager(fs, { storeId: 2 }).writeSnapshot(GEN, body);
      },
      async (fs) => {
        await new SnapManager(fs, { storeId: 2 }).writeSnapshot(GEN, old);
      },
    );
    expect(outcomes.filter((o) => !['complete 0', 'complete 1', 'nothing'].includes(o))).toEqual([]);
    expect([outcomes[0], outcomes.at(-1)]).toEqual(['complete 0', 'complete 1']);
  });

  test('receiving: createTemp, write, sync, commitTemp: a crash anywhere leaves the complete snapshot or nothing', async () => {
    const info = { size: body.length, crc32: crc32(body) >>> 0 };
    const { outcomes } = await sweep(RCV, [body], async (fs) => {
      const m = new SnapManager(fs, { storeId: 2 });
      const t = await m.createTemp(RCV, 's1-1');
      await t.writer.write(body.subarray(0, 2000));
      await t.writer.write(body.subarray(2000));
      await t.writer.sync();
      await t.writer.close();
      await m.commitTemp(t.name, RCV, info);
    });
    expect(outcomes.filter((o) => o !== 'complete 0' && o !== 'nothing')).toEqual([]);
    expect(outcomes.at(-1)).toBe('complete 0');
  });

  test('the sweep catches a writer that renames before syncing (the check can fail)', async () => {
    const { outcomes } = await sweep(GEN, [body], async (fs) => {
      // Wrong order: the meta first, then the data renamed into place before it is synced.
      const meta = await fs.create('gen_1_3_40.snap.meta');
      await meta.write(
        storepb.SnapshotFileMeta.encode({ size: body.length, crc32: crc32(body) >>> 0 }).finish(),
      );
      await meta.sync();
      const w = await fs.create('gen_1_3_40.snap.tmp');
      await w.write(body);
      await fs.rename('gen_1_3_40.snap.tmp', 'gen_1_3_40.snap');
      await w.sync();
    });
    expect(outcomes.some((o) => o.startsWith('partial'))).toBe(true);
  });
});
