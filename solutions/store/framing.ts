// Length-delimited framing for byte streams (protobuf's delimited format): each frame is a varint byte
// length followed by that many bytes. FrameDecoder reassembles frames from arbitrary chunks, keeping the
// incomplete tail, and refuses oversized or malformed lengths instead of buffering without bound.
import { Buffer } from 'node:buffer';
import { FrameError } from './errors.js';

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** A 32-bit varint takes at most 5 bytes. */
const MAX_VARINT_BYTES = 5;

/** The varint encoding of a length (n < 2^32). */
export function encodeVarint(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  out.push(rest);
  return out;
}

/** varint(body.length) + body. */
export function encodeFrame(body: Uint8Array): Buffer {
  const prefix = encodeVarint(body.length);
  const out = Buffer.allocUnsafe(prefix.length + body.length);
  out.set(prefix, 0);
  out.set(body, prefix.length);
  return out;
}

export class FrameDecoder {
  /** Received bytes not yet returned as frames, in order; concatenated only once a frame is complete. */
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes needed before the next frame can be complete (known once its length prefix has arrived). */
  private need = 1;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /**
   * Adds a chunk; returns the frames it completes, in order. They never share memory with the chunks
   * passed in, unless `owned`: the caller hands the chunk over (it never reads or writes it again, as
   * with a socket's freshly allocated reads), and a frame inside it is returned without a copy. Throws
   * FrameError on a malformed or oversized length.
   */
  push(chunk: Uint8Array, owned = false): Buffer[] {
    this.chunks.push(owned ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length) : Buffer.from(chunk));
    this.size += chunk.length;
    if (this.size < this.need) return [];
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const frames: Buffer[] = [];
    let pos = 0;
    this.need = 1;
    for (;;) {
      const header = this.readLength(buf, pos);
      if (header === undefined) {
        this.need = buf.length - pos + 1;
        break;
      }
      const [len, start] = header;
      if (start + len > buf.length) {
        this.need = start + len - pos;
        break;
      }
      frames.push(buf.subarray(start, start + len));
      pos = start + len;
    }
    const rest = buf.subarray(pos);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    if (rest.length === 0) this.need = 1;
    return frames;
  }

  /** [length, body start] of the frame at pos, or undefined when its length prefix is incomplete. */
  private readLength(buf: Buffer, pos: number): [number, number] | undefined {
    let len = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = buf[pos + i];
      if (b === undefined) return undefined;
      len += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) {
        if (len > this.maxFrameBytes) {
          throw new FrameError(`frame of ${len} bytes exceeds the limit of ${this.maxFrameBytes}`);
        }
        return [len, pos + i + 1];
      }
    }
    throw new FrameError('malformed frame length (varint longer than 5 bytes)');
  }
}
