// Rng: the only source of randomness in graded tests. A seeded xoshiro128** generator whose streams
// are identical on every machine, with labelled sub-streams (fork) so that adding draws in one part
// of a test does not shift the numbers another part sees.
import { createHash } from 'node:crypto';

const TWO_32 = 0x1_0000_0000;

/** Four 32-bit words of state derived from a key string (never all zero). */
function stateFromKey(key: string): Uint32Array {
  const h = createHash('sha256').update(key).digest();
  const s = new Uint32Array([h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Rng {
  readonly seed: number;
  /** The derivation path, e.g. `7/net/drops`; fork children hash it, not the parent's position. */
  private readonly key: string;
  private readonly s: Uint32Array;

  /** `path` is internal (used by fork); tests call `new Rng(seed)`. */
  constructor(seed: number, path?: string) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Rng: seed must be a safe integer, got ${seed}`);
    this.seed = seed;
    this.key = path ?? String(seed);
    this.s = stateFromKey(`raftlab-rng:${this.key}`);
  }

  /** Next raw 32-bit unsigned value (xoshiro128**). */
  private next32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform integer in [0, n); n must be a positive safe integer. Unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
    if (n <= TWO_32) {
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const x = this.next32();
        if (x < limit) return x % n;
      }
    }
    // n > 2^32: draw 53 bits and reject above the largest multiple of n.
    const range = 2 ** 53;
    const limit = range - (range % n);
    for (;;) {
      const x = (this.next32() >>> 11) * TWO_32 + this.next32();
      if (x < limit) return x % n;
    }
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.next32() >>> 5; // 27 bits
    const lo = this.next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** True with probability p (p <= 0: never; p >= 1: always). */
  chance(p: number): boolean {
    if (Number.isNaN(p)) throw new RangeError('Rng.chance: p is NaN');
    return this.float() < p;
  }

  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new RangeError('Rng.pick: empty array');
    return xs[this.int(xs.length)] as T;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = xs[i] as T;
      xs[i] = xs[j] as T;
      xs[j] = tmp;
    }
    return xs;
  }

  /**
   * An independent deterministic sub-stream named by label. It depends only on this generator's seed
   * and fork path, not on how many numbers were drawn before: `fork('net')` is always the same stream.
   */
  fork(label: string): Rng {
    return new Rng(this.seed, `${this.key}/${label}`);
  }
}
