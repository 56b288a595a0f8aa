// The fence between one store incarnation and the outside world. Stopping a store (a crash) closes its
// fence: from then on its leftover async work cannot touch the engines (each call throws
// StoreStoppedError, synchronously, before memdown sees it), so an engine kept across a crash only ever
// holds whole batches written before the crash, and a restarted store never races with its ghost.
// Read views taken through a fenced engine are fenced too: a stopped store's view cannot be read.
import type { Engine, EngineReader, EngineReadView, KeyRange, KeyValue, WriteBatch } from './engine.js';
import { StoreStoppedError } from './errors.js';

export class Fence {
  private closed = false;

  constructor(readonly storeId: number) {}

  get stopped(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
  }

  /** Throws StoreStoppedError once the fence is closed. */
  check(): void {
    if (this.closed) throw new StoreStoppedError(this.storeId);
  }
}

/** Reads through one store incarnation's fence: every read checks the fence before reaching `inner`. */
class FencedReader<R extends EngineReader> implements EngineReader {
  constructor(
    protected readonly inner: R,
    protected readonly fence: Fence,
  ) {}

  get(key: Uint8Array): Promise<Buffer | undefined> {
    this.fence.check();
    return this.inner.get(key);
  }

  scan(range: KeyRange, limit?: number): Promise<KeyValue[]> {
    this.fence.check();
    return this.inner.scan(range, limit);
  }

  count(range: KeyRange): Promise<number> {
    this.fence.check();
    return this.inner.count(range);
  }
}

/** An engine as one store incarnation sees it: every call checks the fence first. */
export class FencedEngine extends FencedReader<Engine> implements Engine {
  write(batch: WriteBatch): Promise<void> {
    this.fence.check();
    return this.inner.write(batch);
  }

  /** Fenced before it starts and again before its batch is written: no deletion lands after the fence closes. */
  deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number> {
    this.fence.check();
    return this.inner.deleteRange(range, () => {
      this.fence.check();
      beforeWrite?.();
    });
  }

  snapshot(): EngineReadView {
    this.fence.check();
    return new FencedReadView(this.inner.snapshot(), this.fence);
  }
}

/** A read view of one store incarnation: every read checks the fence first; release() always works. */
class FencedReadView extends FencedReader<EngineReadView> implements EngineReadView {
  release(): void {
    this.inner.release();
  }
}
