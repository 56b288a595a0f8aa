// The storage engine: an ordered byte-key/byte-value store with atomic write batches, ordered range
// scans, range deletes and key counts. MemEngine keeps it in memory over memdown; this is the only
// module that touches memdown, so a durable engine would replace this one file.
//
// Determinism: memdown 6.1.1 completes its callbacks with setImmediate under Node. Every MemEngine
// instance (and each of its iterators) is switched to process.nextTick instead, so all the work an
// engine call starts has settled before the next macrotask: a simulator that awaits one setImmediate
// after an event sees every engine write that event caused.
import { Buffer } from 'node:buffer';
import memdownModule from 'memdown';
import { EngineClosedError, EngineError } from './errors.js';

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

/** What the store needs from a storage engine. Returned buffers are copies the caller owns. */
export interface Engine {
  /** The value of key, or undefined when it is absent. */
  get(key: Uint8Array): Promise<Buffer | undefined>;
  /** Applies the whole batch atomically: a reader sees all of it or none of it. */
  write(batch: WriteBatch): Promise<void>;
  /** Pairs with keys in range, in ascending key order, at most limit of them (default: all). */
  scan(range: KeyRange, limit?: number): Promise<KeyValue[]>;
  /** Number of keys in range. */
  count(range: KeyRange): Promise<number>;
  /**
   * Deletes the keys range holds when the call starts, in one atomic batch; returns how many.
   * `beforeWrite` runs between finding the keys and writing the batch (a wrapper's last chance to refuse).
   */
  deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number>;
}

// ---- memdown (callback API; its typings lack iterators' callbacks and _nextTick) ----

type Callback<T = undefined> = (err: Error | null | undefined, value?: T) => void;
type NextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;

interface MemIterator {
  next(cb: (err: Error | null | undefined, key?: Buffer, value?: Buffer) => void): void;
  end(cb: Callback): void;
  _nextTick: NextTick;
}

interface MemDb {
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
