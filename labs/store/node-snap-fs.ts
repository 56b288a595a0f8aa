// NodeSnapFs: the SnapFs of a real store (lab 4), over node:fs/promises in one directory (created on
// first use). Writers append and fsync; rename is the filesystem's atomic rename followed by an fsync
// of the directory (best effort: not every platform can fsync a directory), so a rename that resolved
// survives a power loss; readers read at offsets through a FileHandle, never the whole file at once.
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapFileMissingError } from './errors.js';
import type { SnapFileReader, SnapFileWriter, SnapFs } from './snap-fs.js';

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

export class NodeSnapFs implements SnapFs {
  private ready: Promise<void> | undefined;

  constructor(readonly dir: string) {}

  async list(): Promise<string[]> {
    await this.ensureDir();
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  }

  async size(name: string): Promise<number | null> {
    await this.ensureDir();
    try {
      return (await stat(this.path(name))).size;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async create(name: string): Promise<SnapFileWriter> {
    await this.ensureDir();
    const fh = await open(this.path(name), 'w');
    return {
      write: async (bytes) => {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await fh.write(bytes, done, bytes.length - done);
          done += bytesWritten;
        }
      },
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  }

  async open(name: string): Promise<SnapFileReader> {
    await this.ensureDir();
    let fh: FileHandle;
    try {
      fh = await open(this.path(name), 'r');
    } catch (err) {
      if (isMissing(err)) throw new SnapFileMissingError(name);
      throw err;
    }
    const { size } = await fh.stat();
    return {
      size,
      read: (offset, length) => readAt(fh, offset, length),
      close: () => fh.close(),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    await this.ensureDir();
    try {
      await rename(this.path(from), this.path(to));
    } catch (err) {
      if (isMissing(err)) throw new SnapFileMissingError(from);
      throw err;
    }
    await this.syncDir();
  }

  async remove(name: string): Promise<void> {
    await this.ensureDir();
    try {
      await unlink(this.path(name));
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined; // try again on the next call
        throw err;
      },
    );
    return this.ready;
  }

  /** Makes the directory's entries durable; some platforms refuse to fsync a directory: ignored. */
  private async syncDir(): Promise<void> {
    let fh: FileHandle | undefined;
    try {
      fh = await open(this.dir, 'r');
      await fh.sync();
    } catch {
      // best effort
    } finally {
      await fh?.close().catch(() => undefined);
    }
  }
}

/** Up to `length` bytes from `offset` (fewer only at the end of the file). */
async function readAt(fh: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  // Unzeroed: every byte returned is read from the file (a short read returns only what was read).
  const buf = Buffer.allocUnsafe(Math.max(length, 0));
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, offset + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === buf.length ? buf : buf.subarray(0, got);
}
