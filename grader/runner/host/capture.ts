// Captures what vitest and the test workers print (worker stderr is piped through vitest's logger),
// so that a grading run shows only the grader's own output; keeps the tail for crash diagnosis
// (V8 prints "[pid:0x…] … JavaScript heap out of memory" when a worker exceeds its heap cap).
import { Writable } from 'node:stream';

const MAX_CHARS = 1 << 20;

export class OutputCapture extends Writable {
  private text = '';
  /** When set, everything is also forwarded there (replay shows the test's output). */
  constructor(private readonly forward?: NodeJS.WritableStream) {
    super();
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.text = (this.text + s).slice(-MAX_CHARS);
    this.forward?.write(s);
    done();
  }

  /**
   * Never ends: vitest pipes every worker's stdout/stderr here, and a finished pipe source ends its
   * destination — which would silence all later workers (and V8's out-of-memory banners).
   */
  override end(): this {
    return this;
  }

  get output(): string {
    return this.text;
  }

  /** Worker pids that died of V8 heap exhaustion, from V8's fatal-error banner. */
  heapOomPids(): Set<number> {
    const pids = new Set<number>();
    const re = /\[(\d+):0x[0-9a-f]+\][^\n]*\n(?:[^\n]*\n){0,40}?[^\n]*heap out of memory/g;
    for (const m of this.text.matchAll(re)) pids.add(Number(m[1]));
    return pids;
  }
}
