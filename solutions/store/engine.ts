// The storage engine: an ordered byte-key/byte-value store with atomic write batches, ordered range
// scans, range deletes, key counts and consistent read views (snapshot(): the engine as of one instant,
// which lab 3's snapshot generation reads the applied index, the region and the user data through).
// MemEngine keeps it in memory over memdown; this is the only module that touches memdown, so a durable
// engine would replace this one file.
//
// Determinism: memdown 6.1.1 completes its callbacks with setImmediate under Node. Every MemEngine
// instance (and each of its iterators) is switched to process.nextTick instead, so all the work an
// engine call starts has settled before the next macrotask: a simulator that awaits one setImmediate
// after an event sees every engine write that event caused. Read views complete on process.nextTick too.
import { Buffer } from 'node:buffer';
import memdownModule from 'memdown';
import { EngineClosedError, EngineError, ReadViewReleasedError } from './errors.js';

/** A half-open key range [gte, lt), compared bytewise. */
export interface KeyRange {
  gte: Uint8Array;
  lt: Uint8Array;
}

export interface KeyValue {
  key: Buffer;
  value: Buffer;
}

export type BatchOp = { type: 'put'; key: Buffer; value: Buffer } | { type: 'del'; key: Buffer };

/**
 * A copy of `bytes` in memory of its own. Buffer.from would copy small arrays into Node's shared 8 KiB
 * pool, and a stored key or value would then keep its whole pool block alive for as long as it is stored.
 */
function ownCopy(bytes: Uint8Array): Buffer {
  const b = Buffer.allocUnsafeSlow(bytes.length);
  b.set(bytes);
  return b;
}

/**
 * Puts and deletes applied all at once by Engine.write, in order (a later op on the same key wins).
 * Keys and values are copied when added, so the caller may reuse its buffers.
 */
export class WriteBatch {
  private readonly list: BatchOp[] = [];

  put(key: Uint8Array, value: Uint8Array): this {
    this.list.push({ type: 'put', key: ownCopy(key), value: ownCopy(value) });
    return this;
  }

  delete(key: Uint8Array): this {
    this.list.push({ type: 'del', key: Buffer.from(key) });
    return this;
  }

  get size(): number {
    return this.list.length;
  }

  /** The operations in the order they were added. */
  get ops(): readonly BatchOp[] {
    return this.list;
  }
}

/** The reads of an engine. Returned buffers are copies the caller owns. */
export interface EngineReader {
  /** The value of key, or undefined when it is absent. */
  get(key: Uint8Array): Promise<Buffer | undefined>;
  /** Pairs with keys in range, in ascending key order, at most limit of them (default: all). */
  scan(range: KeyRange, limit?: number): Promise<KeyValue[]>;
  /** Number of keys in range. */
  count(range: KeyRange): Promise<number>;
}

/**
 * A consistent read view: the engine's content at the moment Engine.snapshot() was called, whatever is
 * written or deleted after it (like one badger read transaction in TinyKV). A batch written before it
 * was taken is seen whole. After release() every read throws ReadViewReleasedError.
 */
export interface EngineReadView extends EngineReader {
  /** Lets go of the view (the engine may then free what only the view still holds). Idempotent. */
  release(): void;
}

/** What the store needs from a storage engine. */
export interface Engine extends EngineReader {
  /** Applies the whole batch atomically: a reader sees all of it or none of it. */
  write(batch: WriteBatch): Promise<void>;
  /**
   * Deletes the keys range holds when the call starts, in one atomic batch; returns how many.
   * `beforeWrite` runs between finding the keys and writing the batch (a wrapper's last chance to refuse).
   */
  deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number>;
  /** A read view of the engine as it is now (synchronous: nothing can land between the call and the view). */
  snapshot(): EngineReadView;
}

// ---- memdown (callback API; its typings lack iterators' callbacks, _nextTick and _store) ----

type Callback<T = undefined> = (err: Error | null | undefined, value?: T) => void;
type NextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;

interface MemIterator {
  next(cb: (err: Error | null | undefined, key?: Buffer, value?: Buffer) => void): void;
  end(cb: Callback): void;
  _nextTick: NextTick;
}

/** A position in a MemTree (functional-red-black-tree's iterator). */
interface MemTreeCursor {
  readonly valid: boolean;
  readonly key: Buffer;
  readonly value: Buffer;
  next(): void;
}

/** memdown's data: a persistent red-black tree (functional-red-black-tree) ordered bytewise. */
interface MemTree {
  get(key: Buffer): Buffer | undefined;
  /** The first position whose key is >= key. */
  ge(key: Buffer): MemTreeCursor;
}

interface MemDb {
  /** The current tree. Every write builds a new tree and replaces this reference; no tree is changed. */
  readonly _store: MemTree;
  open(cb: Callback): void;
  close(cb: Callback): void;
  get(key: Buffer, cb: Callback<Buffer>): void;
  batch(ops: BatchOp[], cb: Callback): void;
  iterator(options: { gte: Buffer; lt: Buffer; limit: number; keys: boolean; values: boolean }): MemIterator;
  _nextTick: NextTick;
}

const memdown = memdownModule as unknown as () => MemDb;
const nextTick: NextTick = process.nextTick;

function call<T>(fn: (cb: Callback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    fn((err, value) => (err ? reject(err) : resolve(value)));
  });
}

/** An Engine in memory. Its content survives a store's crash as long as the object is kept. */
export class MemEngine implements Engine {
  private closed = false;

  private constructor(private readonly db: MemDb) {}

  static async open(): Promise<MemEngine> {
    const db = memdown();
    db._nextTick = nextTick;
    await call((cb) => db.open(cb));
    return new MemEngine(db);
  }

  async get(key: Uint8Array): Promise<Buffer | undefined> {
    this.checkOpen();
    try {
      const value = await call<Buffer>((cb) => this.db.get(Buffer.from(key), cb));
      return value === undefined ? undefined : Buffer.from(value);
    } catch (err) {
      if (err instanceof Error && err.message === 'NotFound') return undefined;
      throw new EngineError('get', err);
    }
  }

  async write(batch: WriteBatch): Promise<void> {
    this.checkOpen();
    if (batch.size === 0) return;
    try {
      await call((cb) => this.db.batch([...batch.ops], cb));
    } catch (err) {
      throw new EngineError('write', err);
    }
  }

  async scan(range: KeyRange, limit = -1): Promise<KeyValue[]> {
    const out: KeyValue[] = [];
    await this.iterate(range, limit, true, (key, value) => {
      out.push({ key: Buffer.from(key), value: Buffer.from(value) });
    });
    return out;
  }

  async count(range: KeyRange): Promise<number> {
    let n = 0;
    await this.iterate(range, -1, false, () => {
      n++;
    });
    return n;
  }

  async deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number> {
    const batch = new WriteBatch();
    await this.iterate(range, -1, false, (key) => {
      batch.delete(key);
    });
    beforeWrite?.();
    await this.write(batch);
    return batch.size;
  }

  /** A view over the tree memdown holds now: later writes build new trees and leave this one as it is. */
  snapshot(): EngineReadView {
    this.checkOpen();
    return new MemReadView(this.db._store, () => this.checkOpen());
  }

  /** Closes the engine; every later call throws EngineClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await call((cb) => this.db.close(cb));
  }

  private checkOpen(): void {
    if (this.closed) throw new EngineClosedError();
  }

  /** Visits the pairs of range in key order over one iterator (a consistent view of the engine). */
  private async iterate(
    range: KeyRange,
    limit: number,
    values: boolean,
    visit: (key: Buffer, value: Buffer) => void,
  ): Promise<void> {
    this.checkOpen();
    const it = this.db.iterator({
      gte: Buffer.from(range.gte),
      lt: Buffer.from(range.lt),
      limit,
      keys: true,
      values,
    });
    it._nextTick = nextTick;
    const empty = Buffer.alloc(0);
    try {
      for (;;) {
        const pair = await new Promise<[Buffer, Buffer] | undefined>((resolve, reject) => {
          it.next((err, key, value) => {
            if (err) reject(err);
            else resolve(key === undefined ? undefined : [key, value ?? empty]);
          });
        });
        if (pair === undefined) break;
        visit(pair[0], pair[1]);
      }
    } catch (err) {
      throw new EngineError('scan', err);
    } finally {
      await call((cb) => it.end(cb));
    }
  }
}

/**
 * memdown's content at one instant: the tree it held then. memdown's tree is persistent (a write makes a
 * new tree, sharing the unchanged nodes, and swaps the reference), so a tree once taken never changes
 * and holding it is a consistent view for as long as it is held. (memdown's iterators also read the
 * tree of the moment they are created, but their seek() moves into the current tree, so a view cannot
 * be one long-lived iterator.) Reads complete on process.nextTick, like the engine's own calls.
 */
class MemReadView implements EngineReadView {
  private tree: MemTree | null;

  constructor(
    tree: MemTree,
    private readonly checkOpen: () => void,
  ) {
    this.tree = tree;
  }

  async get(key: Uint8Array): Promise<Buffer | undefined> {
    const value = (await this.read()).get(Buffer.from(key));
    return value === undefined ? undefined : Buffer.from(value);
  }

  async scan(range: KeyRange, limit = -1): Promise<KeyValue[]> {
    const out: KeyValue[] = [];
    visitRange(await this.read(), range, limit, (c) => {
      out.push({ key: Buffer.from(c.key), value: Buffer.from(c.value) });
    });
    return out;
  }

  async count(range: KeyRange): Promise<number> {
    let n = 0;
    visitRange(await this.read(), range, -1, () => {
      n++;
    });
    return n;
  }

  release(): void {
    this.tree = null;
  }

  /** The view's tree, after one process.nextTick; refused once released or the engine is closed. */
  private async read(): Promise<MemTree> {
    this.checkOpen();
    const tree = this.tree;
    if (tree === null) throw new ReadViewReleasedError();
    await new Promise<void>((resolve) => nextTick(() => resolve()));
    return tree;
  }
}

/** Visits the positions of tree within range in key order, at most limit of them (-1: all, as memdown). */
function visitRange(tree: MemTree, range: KeyRange, limit: number, visit: (c: MemTreeCursor) => void): void {
  const lt = Buffer.from(range.lt);
  const max = limit === -1 ? Number.POSITIVE_INFINITY : limit;
  let n = 0;
  for (
    const c = tree.ge(Buffer.from(range.gte));
    c.valid && n < max && Buffer.compare(c.key, lt) < 0;
    c.next()
  ) {
    visit(c);
    n++;
  }
}
