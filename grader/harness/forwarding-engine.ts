// ForwardingEngine: an Engine that passes every call on to an inner engine unchanged, for the tests'
// engine wrappers (record or hold writes, hang deletions) to extend, overriding only what they change.
import type { Engine, EngineReadView, KeyRange, KeyValue, WriteBatch } from '@target/store/engine.js';

export class ForwardingEngine<E extends Engine = Engine> implements Engine {
  constructor(readonly inner: E) {}

  get(key: Uint8Array): Promise<Buffer | undefined> {
    return this.inner.get(key);
  }

  write(batch: WriteBatch): Promise<void> {
    return this.inner.write(batch);
  }

  scan(range: KeyRange, limit?: number): Promise<KeyValue[]> {
    return this.inner.scan(range, limit);
  }

  count(range: KeyRange): Promise<number> {
    return this.inner.count(range);
  }

  deleteRange(range: KeyRange, beforeWrite?: () => void): Promise<number> {
    return this.inner.deleteRange(range, beforeWrite);
  }

  snapshot(): EngineReadView {
    return this.inner.snapshot();
  }
}
