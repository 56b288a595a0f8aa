// VirtualFs: the simulator's SnapFs (lab 4's snapshot files), in memory, with crash semantics. Every
// operation is queued and completes after a virtual delay through the injected `defer`, one at a time
// in the order issued, so a crash can land between any two operations. Its effect happens when it
// completes. A file is an inode (content + synced length) that directory names point to:
// - data written but not yet synced is lost in a crash: `crash()` cuts every file back to the prefix
//   its last completed sync made durable (a created file exists, possibly empty);
// - create (truncating), rename (atomic replace) and remove are durable once they resolved;
// - a crash ends the incarnation: the operations still queued or in flight never settle (their
//   promises stay pending), and so does every later call on a writer or reader opened before it. The
//   store's fence (FencedSnapFs) stops a crashed store's new calls first; the VirtualFs guarantees that
//   nothing of the old incarnation lands after the crash even if a deferred callback fires late.
// Operations of one incarnation wait for each other, so its owner must call crash() whenever the
// incarnation whose scheduler `defer` uses ends (a completion that never fires would hold the queue).
// Observers read it synchronously: names(), totalBytes(), contents(); tests read the op log (ops())
// and inject failures (failNext). It knows no lab.
import { SnapFileMissingError } from '@target/store/errors.js';
import type { SnapFileReader, SnapFileWriter, SnapFs } from '@target/store/snap-fs.js';
import { SimUsageError } from './errors.js';

export type VfsOpKind = 'create' | 'write' | 'sync' | 'close' | 'rename' | 'remove' | 'open' | 'read';

/** One completed operation (list and size are not logged; failed operations neither). */
export interface VfsOp {
  op: VfsOpKind;
  name: string;
  /** rename: the new name. */
  to?: string;
  /** write: bytes appended; read: bytes returned. */
  bytes?: number;
}

export interface VirtualFsOptions {
  /** Runs fn after a small virtual delay (the cluster: a store timer; tests: a manual queue). */
  defer: (fn: () => void) => void;
}

/** A file's content: `length` bytes of `buf`, of which the first `synced` survive a crash. */
class Inode {
  buf = new Uint8Array(0);
  length = 0;
  synced = 0;

  append(bytes: Uint8Array): void {
    const need = this.length + bytes.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2, 256));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(bytes, this.length);
    this.length = need;
  }

  slice(offset: number, length: number): Uint8Array {
    const start = Math.min(Math.max(offset, 0), this.length);
    return this.buf.slice(start, Math.min(start + Math.max(length, 0), this.length));
  }
}

interface Pending {
  kind: VfsOpKind | 'list' | 'size';
  /** Applies the effect and settles the caller's promise. */
  run: () => void;
  fail: (err: unknown) => void;
}

export class VirtualFs implements SnapFs {
  private readonly dir = new Map<string, Inode>();
  private readonly queue: Pending[] = [];
  private busy = false;
  /** +1 per crash: work of an earlier epoch never completes. */
  private epoch = 0;
  private log: VfsOp[] = [];
  private readonly faults = new Map<VfsOpKind, Error[]>();

  constructor(private readonly o: VirtualFsOptions) {}

  // ---- observers (synchronous) ----

  /** The file names, sorted. */
  names(): string[] {
    return [...this.dir.keys()].sort();
  }

  /** The bytes of every file in the directory (written, synced or not). */
  totalBytes(): number {
    let n = 0;
    for (const f of this.dir.values()) n += f.length;
    return n;
  }

  /** A copy of a file's current content, or null when there is none of that name. */
  contents(name: string): Uint8Array | null {
    const f = this.dir.get(name);
    return f ? f.slice(0, f.length) : null;
  }

  /** The completed operations since the start or the last clearOps(), in completion order. */
  ops(): VfsOp[] {
    return [...this.log];
  }

  clearOps(): void {
    this.log = [];
  }

  /** The next operation of that kind rejects with err when it completes, with no effect. */
  failNext(op: VfsOpKind, err: Error): void {
    const list = this.faults.get(op) ?? [];
    list.push(err);
    this.faults.set(op, list);
  }

  /** Operations queued or in flight (0 when the filesystem is idle). */
  pending(): number {
    return this.queue.length;
  }

  /**
   * A crash: every file keeps its last-synced prefix; the queued and in-flight operations, and all
   * later calls on writers and readers opened so far, never settle.
   */
  crash(): void {
    this.epoch++;
    this.queue.length = 0;
    this.busy = false;
    for (const f of this.dir.values()) f.length = f.synced;
  }

  // ---- SnapFs ----

  list(): Promise<string[]> {
    return this.submit('list', this.epoch, () => this.names());
  }

  size(name: string): Promise<number | null> {
    return this.submit('size', this.epoch, () => this.dir.get(name)?.length ?? null);
  }

  create(name: string): Promise<SnapFileWriter> {
    const epoch = this.epoch;
    return this.submit('create', epoch, () => {
      const inode = new Inode();
      this.dir.set(name, inode);
      this.log.push({ op: 'create', name });
      return this.writer(name, inode, epoch);
    });
  }

  open(name: string): Promise<SnapFileReader> {
    const epoch = this.epoch;
    return this.submit('open', epoch, () => {
      const inode = this.dir.get(name);
      if (!inode) throw new SnapFileMissingError(name);
      this.log.push({ op: 'open', name });
      return this.reader(name, inode, epoch);
    });
  }

  rename(from: string, to: string): Promise<void> {
    return this.submit('rename', this.epoch, () => {
      const inode = this.dir.get(from);
      if (!inode) throw new SnapFileMissingError(from);
      this.dir.delete(from);
      this.dir.set(to, inode);
      this.log.push({ op: 'rename', name: from, to });
    });
  }

  remove(name: string): Promise<void> {
    return this.submit('remove', this.epoch, () => {
      this.dir.delete(name);
      this.log.push({ op: 'remove', name });
    });
  }

  // ---- handles ----

  private writer(name: string, inode: Inode, epoch: number): SnapFileWriter {
    let closed = false;
    const open = (op: string) => {
      if (closed) throw new SimUsageError(`VirtualFs: ${op} on ${name} after close()`);
    };
    return {
      write: (bytes) =>
        this.submit('write', epoch, () => {
          open('write');
          inode.append(bytes);
          this.log.push({ op: 'write', name, bytes: bytes.length });
        }),
      sync: () =>
        this.submit('sync', epoch, () => {
          open('sync');
          inode.synced = inode.length;
          this.log.push({ op: 'sync', name });
        }),
      close: () =>
        this.submit('close', epoch, () => {
          closed = true;
          this.log.push({ op: 'close', name });
        }),
    };
  }

  private reader(name: string, inode: Inode, epoch: number): SnapFileReader {
    let closed = false;
    return {
      size: inode.length,
      read: (offset, length) =>
        this.submit('read', epoch, () => {
          if (closed) throw new SimUsageError(`VirtualFs: read of ${name} after close()`);
          const bytes = inode.slice(offset, length);
          this.log.push({ op: 'read', name, bytes: bytes.length });
          return bytes;
        }),
      close: () =>
        this.submit('close', epoch, () => {
          closed = true;
          this.log.push({ op: 'close', name });
        }),
    };
  }

  // ---- the queue ----

  /** Queues an operation of `epoch`; it completes (effect, then settle) after the delay, in order. */
  private submit<T>(kind: Pending['kind'], epoch: number, effect: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (epoch !== this.epoch) return; // a handle of a crashed incarnation: never settles
      this.queue.push({
        kind,
        run: () => resolve(effect()),
        fail: reject,
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    const epoch = this.epoch;
    this.o.defer(() => {
      if (epoch !== this.epoch) return; // crashed while in flight
      const op = this.queue.shift();
      this.busy = false;
      if (op) this.complete(op);
      this.pump();
    });
  }

  private complete(op: Pending): void {
    const injected = op.kind === 'list' || op.kind === 'size' ? undefined : this.faults.get(op.kind)?.shift();
    if (injected) {
      op.fail(injected);
      return;
    }
    try {
      op.run();
    } catch (err) {
      op.fail(err);
    }
  }
}
