// Unit tests of Rng: same seed → same stream on every machine, values in range, unbiased enough,
// labelled forks independent of how much the parent has drawn.
import { describe, expect, test } from 'vitest';
import { Rng } from '../harness/rng.js';

function draw(r: Rng, n: number): number[] {
  return Array.from({ length: n }, () => r.int(1000));
}

describe('Rng', () => {
  test('is deterministic per seed, and seeds differ', () => {
    expect(draw(new Rng(7), 50)).toEqual(draw(new Rng(7), 50));
    expect(draw(new Rng(7), 50)).not.toEqual(draw(new Rng(8), 50));
  });

  test('produces the same numbers on every machine (pinned values)', () => {
    const r = new Rng(1);
    const got = [r.int(100), r.int(100), r.int(100), r.int(1_000_000), r.float()];
    // If this changes, every recorded seed and trace digest of the kit changes meaning.
    expect(got).toEqual([45, 46, 51, 107694, 0.16396749263086563]);
  });

  test('int(n) stays in [0, n) and hits every value; float() in [0, 1)', () => {
    const r = new Rng(42);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const x = r.int(10);
      expect(Number.isInteger(x) && x >= 0 && x < 10).toBe(true);
      seen.add(x);
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(seen.size).toBe(10);
    expect(r.int(1)).toBe(0);
    const big = r.int(2 ** 40);
    expect(big >= 0 && big < 2 ** 40 && Number.isInteger(big)).toBe(true);
  });

  test('int is roughly uniform', () => {
    const r = new Rng(3);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  test('chance, pick and shuffle', () => {
    const r = new Rng(5);
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (r.chance(0.25)) hits++;
    expect(Math.abs(hits - 2500)).toBeLessThan(200);
    const xs = ['a', 'b', 'c'] as const;
    expect(xs).toContain(r.pick(xs));
    const arr = [1, 2, 3, 4, 5, 6, 7, 8];
    const same = r.shuffle(arr);
    expect(same).toBe(arr);
    expect([...arr].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Rng(9).shuffle([1, 2, 3, 4, 5, 6, 7, 8])).toEqual(
      new Rng(9).shuffle([1, 2, 3, 4, 5, 6, 7, 8]),
    );
  });

  test('fork(label) is a sub-stream independent of the parent position', () => {
    const a = new Rng(11);
    const b = new Rng(11);
    draw(b, 100); // b has drawn, a has not
    expect(draw(a.fork('net'), 20)).toEqual(draw(b.fork('net'), 20));
    expect(draw(a.fork('net'), 20)).not.toEqual(draw(a.fork('disk'), 20));
    expect(draw(a.fork('net'), 20)).not.toEqual(draw(a, 20));
    expect(draw(new Rng(11).fork('x').fork('y'), 5)).toEqual(draw(new Rng(11).fork('x').fork('y'), 5));
    expect(draw(new Rng(12).fork('net'), 20)).not.toEqual(draw(new Rng(11).fork('net'), 20));
  });

  test('rejects bad arguments', () => {
    expect(() => new Rng(1.5)).toThrow(RangeError);
    const r = new Rng(1);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.chance(Number.NaN)).toThrow(RangeError);
  });
});
