// Memo table of the linearizability search: an exact set of (linearized-op bitset, state id, tag id)
// triples. Bitsets live in one flat, growing word pool (no per-entry objects); buckets are chained
// through typed arrays. The caller supplies an incrementally maintained hash of the bitset.

/** Outcome of {@link MemoTable.insert}. */
export const MEMO_INSERTED = 0;
export const MEMO_PRESENT = 1;
export const MEMO_FULL = 2;
export type MemoInsertResult = typeof MEMO_INSERTED | typeof MEMO_PRESENT | typeof MEMO_FULL;

const INITIAL_ENTRIES = 1024;

/** Finalizer of murmur3: spreads the bits of a 32-bit value. */
function mix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x;
}

/** An exact hash set of search nodes, bounded by a number of pool words. */
export class MemoTable {
  private heads: Int32Array;
  private mask: number;
  private chain = new Int32Array(INITIAL_ENTRIES);
  private hashes = new Int32Array(INITIAL_ENTRIES);
  private stateIds = new Int32Array(INITIAL_ENTRIES);
  private tagIds = new Int32Array(INITIAL_ENTRIES);
  private pool: Uint32Array;
  private capacity = INITIAL_ENTRIES;
  private readonly maxEntries: number;
  /** Number of nodes stored. */
  size = 0;

  /**
   * @param words 32-bit words per bitset.
   * @param maxWords bound on the bitset pool; once reached, inserts answer {@link MEMO_FULL}.
   */
  constructor(
    private readonly words: number,
    maxWords: number,
  ) {
    this.maxEntries = Math.max(INITIAL_ENTRIES, Math.floor(maxWords / words));
    this.heads = new Int32Array(INITIAL_ENTRIES).fill(-1);
    this.mask = INITIAL_ENTRIES - 1;
    this.pool = new Uint32Array(INITIAL_ENTRIES * words);
  }

  /** Adds the node unless an equal one is stored. `bitsHash` must depend only on the bitset. */
  insert(bits: Uint32Array, bitsHash: number, stateId: number, tagId: number): MemoInsertResult {
    const h = mix32(bitsHash ^ Math.imul(stateId + 1, 0x9e3779b1) ^ Math.imul(tagId + 1, 0x27d4eb2f));
    const w = this.words;
    for (let e = this.heads[h & this.mask]; e !== -1; e = this.chain[e]) {
      if (this.hashes[e] !== h || this.stateIds[e] !== stateId || this.tagIds[e] !== tagId) continue;
      const base = e * w;
      let same = true;
      for (let i = 0; i < w; i++) {
        if (this.pool[base + i] !== bits[i]) {
          same = false;
          break;
        }
      }
      if (same) return MEMO_PRESENT;
    }
    if (this.size >= this.maxEntries) return MEMO_FULL;
    if (this.size === this.capacity) this.grow();
    const e = this.size++;
    this.hashes[e] = h;
    this.stateIds[e] = stateId;
    this.tagIds[e] = tagId;
    this.pool.set(bits.subarray(0, w), e * w);
    if (this.size > this.heads.length) this.rehash();
    const b = h & this.mask;
    this.chain[e] = this.heads[b];
    this.heads[b] = e;
    return MEMO_INSERTED;
  }

  private grow(): void {
    const cap = Math.min(this.capacity * 2, this.maxEntries);
    const resize = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const r = new Int32Array(cap);
      r.set(a);
      return r;
    };
    this.chain = resize(this.chain);
    this.hashes = resize(this.hashes);
    this.stateIds = resize(this.stateIds);
    this.tagIds = resize(this.tagIds);
    const pool = new Uint32Array(cap * this.words);
    pool.set(this.pool);
    this.pool = pool;
    this.capacity = cap;
  }

  /** Doubles the bucket array; called before linking entry `size - 1`, which is relinked by insert. */
  private rehash(): void {
    const n = this.heads.length * 2;
    this.heads = new Int32Array(n).fill(-1);
    this.mask = n - 1;
    for (let e = 0; e < this.size - 1; e++) {
      const b = this.hashes[e] & this.mask;
      this.chain[e] = this.heads[b];
      this.heads[b] = e;
    }
  }
}
