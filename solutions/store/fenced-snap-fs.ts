// FencedSnapFs: the snapshot files as one store incarnation sees them (lab 4), like FencedEngine
// (fence.ts): every call — on the filesystem and on the writers and readers it hands out — checks the
// fence first and throws StoreStoppedError, synchronously, once the store has stopped, so a crashed
// store's leftover work never writes, renames or removes a file. close() is the one exception: it
// always reaches the file (as a read view's release() does), so a stopped store's handles are freed.
import type { Fence } from './fence.js';
import type { SnapFileReader, SnapFileWriter, SnapFs } from './snap-fs.js';

export class FencedSnapFs implements SnapFs {
  constructor(
    private readonly inner: SnapFs,
    private readonly fence: Fence,
  ) {}

  list(): Promise<string[]> {
    this.fence.check();
    return this.inner.list();
  }

  size(name: string): Promise<number | null> {
    this.fence.check();
    return this.inner.size(name);
  }

  create(name: string): Promise<SnapFileWriter> {
    this.fence.check();
    return this.inner.create(name).then((w) => this.fencedWriter(w));
  }

  open(name: string): Promise<SnapFileReader> {
    this.fence.check();
    return this.inner.open(name).then((r) => this.fencedReader(r));
  }

  rename(from: string, to: string): Promise<void> {
    this.fence.check();
    return this.inner.rename(from, to);
  }

  remove(name: string): Promise<void> {
    this.fence.check();
    return this.inner.remove(name);
  }

  private fencedWriter(w: SnapFileWriter): SnapFileWriter {
    const fence = this.fence;
    return {
      write(bytes) {
        fence.check();
        return w.write(bytes);
      },
      sync() {
        fence.check();
        return w.sync();
      },
      close: () => w.close(),
    };
  }

  private fencedReader(r: SnapFileReader): SnapFileReader {
    const fence = this.fence;
    return {
      size: r.size,
      read(offset, length) {
        fence.check();
        return r.read(offset, length);
      },
      close: () => r.close(),
    };
  }
}
