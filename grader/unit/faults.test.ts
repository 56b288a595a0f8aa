// Unit tests of the fault vocabulary (grader/harness/faults.ts) on its own, without a network: what each
// filter decides, on which links, with which odds; how judge() combines a chain of verdicts; and that
// flipBytes corrupts the same bytes for the same seed. Also the nemesis plan (grader/harness/nemesis-
// plan.ts): its partitions cover every id and its crashes stay within the max-down bound.
import { describe, expect, test } from 'vitest';
import {
  type Packet,
  corruptFilter,
  customFilter,
  delayFilter,
  dropFilter,
  duplicateFilter,
  flipBytes,
  ignoreTypeFilter,
  isolateFilter,
  judge,
  partitionFilter,
  reorderFilter,
} from '../harness/faults.js';
import {
  drawCrash,
  drawCrashOrRestart,
  drawPartition,
  mayCrash,
  minorityOf,
} from '../harness/nemesis-plan.js';
import { Rng } from '../harness/rng.js';

const pkt = (from: number, to: number, type = 'MsgAppend', id = 1): Packet => ({ id, from, to, type });

/** How many of n packets from → to the filter gives a verdict with `field` set. */
function share(decide: (p: Packet, r: Rng) => object | undefined, n: number, seed = 1): number {
  const rng = new Rng(seed);
  let hits = 0;
  for (let k = 0; k < n; k++) if (decide(pkt(1, 2, 'MsgAppend', k), rng) !== undefined) hits++;
  return hits / n;
}

describe('filters', () => {
  test('dropFilter drops with its probability, only in scope, and checks the probability', () => {
    const f = dropFilter(0.3);
    expect(share((p, r) => f.decide(p, r), 4000)).toBeCloseTo(0.3, 1);
    expect(dropFilter(1).decide(pkt(1, 2), new Rng(1))).toEqual({ drop: true });
    expect(dropFilter(0).decide(pkt(1, 2), new Rng(1))).toBeUndefined();
    const scoped = dropFilter(1, { from: [1], to: [2] });
    expect(scoped.decide(pkt(1, 2), new Rng(1))).toEqual({ drop: true });
    expect(scoped.decide(pkt(2, 1), new Rng(1))).toBeUndefined();
    expect(dropFilter(1, { from: [1], to: [2], bothWays: true }).decide(pkt(2, 1), new Rng(1))).toEqual({
      drop: true,
    });
    expect(scoped.label).toBe('drop 100% on [1]->[2]');
    expect(() => dropFilter(1.5)).toThrow(RangeError);
  });

  test('partitionFilter drops across groups and around stores in no group', () => {
    const f = partitionFilter([[1, 2], [3]]);
    const r = new Rng(1);
    expect(f.decide(pkt(1, 2), r)).toBeUndefined();
    expect(f.decide(pkt(1, 3), r)).toEqual({ drop: true });
    expect(f.decide(pkt(3, 2), r)).toEqual({ drop: true });
    expect(f.decide(pkt(4, 1), r)).toEqual({ drop: true });
    expect(f.label).toBe('partition [1,2] [3]');
  });

  test('isolateFilter and ignoreTypeFilter', () => {
    const iso = isolateFilter(2);
    const r = new Rng(1);
    expect(iso.decide(pkt(2, 1), r)).toEqual({ drop: true });
    expect(iso.decide(pkt(3, 2), r)).toEqual({ drop: true });
    expect(iso.decide(pkt(1, 3), r)).toBeUndefined();
    const ign = ignoreTypeFilter('MsgHeartbeat');
    expect(ign.decide(pkt(1, 2, 'MsgHeartbeat'), r)).toEqual({ drop: true });
    expect(ign.decide(pkt(1, 2, 'MsgAppend'), r)).toBeUndefined();
  });

  test('delayFilter delays within its bounds; reorderFilter holds some back by 1..max', () => {
    const d = delayFilter(2, 5);
    const r = new Rng(3);
    const delays = new Set<number>();
    for (let k = 0; k < 500; k++) delays.add(d.decide(pkt(1, 2), r)!.delayMs!);
    expect([...delays].sort()).toEqual([2, 3, 4, 5]);
    expect(() => delayFilter(3, 1)).toThrow(RangeError);
    const o = reorderFilter(0.5, 3);
    const held = new Set<number>();
    let none = 0;
    for (let k = 0; k < 500; k++) {
      const v = o.decide(pkt(1, 2), r);
      if (v === undefined) none++;
      else held.add(v.delayMs!);
    }
    expect([...held].sort()).toEqual([1, 2, 3]);
    expect(none / 500).toBeCloseTo(0.5, 1);
  });

  test('duplicateFilter adds one copy; corruptFilter marks corrupt; both with their odds', () => {
    expect(duplicateFilter(1).decide(pkt(1, 2), new Rng(1))).toEqual({ copies: 1 });
    expect(corruptFilter(1).decide(pkt(1, 2), new Rng(1))).toEqual({ corrupt: true });
    const c = corruptFilter(0.2, { to: [2] });
    expect(share((p, r) => c.decide(p, r), 4000)).toBeCloseTo(0.2, 1);
    expect(c.decide(pkt(2, 3), new Rng(1))).toBeUndefined();
  });

  test('judge: the first drop wins, delays and copies add up, corrupt sticks', () => {
    const r = new Rng(1);
    const chain = [delayFilter(2, 2), duplicateFilter(1), corruptFilter(1), reorderFilter(1, 1)];
    expect(judge(chain, pkt(1, 2), r)).toEqual({ delay: 3, copies: 2, corrupt: true });
    expect(judge([], pkt(1, 2), r)).toEqual({ delay: 0, copies: 1, corrupt: false });
    let asked = false;
    const spy = customFilter('spy', () => {
      asked = true;
      return undefined;
    });
    const dropped = judge([delayFilter(1, 1), isolateFilter(1), spy], pkt(1, 2), r);
    expect(dropped.droppedBy).toBe('isolate 1');
    expect(asked).toBe(false);
  });
});

describe('flipBytes', () => {
  const input = Uint8Array.from({ length: 40 }, (_, k) => k);

  test('flips 1-3 bits of a copy, the same ones for the same seed', () => {
    const copy = input.slice();
    const a = flipBytes(input, new Rng(5));
    expect(input).toEqual(copy);
    expect(a).toEqual(flipBytes(input, new Rng(5)));
    let bits = 0;
    for (let k = 0; k < input.length; k++) {
      let x = a[k]! ^ input[k]!;
      for (; x !== 0; x >>= 1) bits += x & 1;
    }
    // three flips may hit the same bit twice
    expect(bits).toBeGreaterThanOrEqual(1);
    expect(bits).toBeLessThanOrEqual(3);
    const others = [6, 7, 8, 9].map((s) => flipBytes(input, new Rng(s)).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
    expect(flipBytes(new Uint8Array(0), new Rng(1))).toEqual(new Uint8Array(0));
  });
});

describe('nemesis plan', () => {
  const ids = [1, 2, 3, 4, 5];

  test('every partition drawn holds every id exactly once; kinds appear with their odds', () => {
    const rng = new Rng(11);
    const kinds = { heal: 0, split: 0, isolate: 0 };
    for (let k = 0; k < 3000; k++) {
      const plan = drawPartition(rng, ids, { heal: 1 / 3, isolate: 1 / 2 });
      kinds[plan.kind]++;
      expect(plan.groups.flat().sort()).toEqual(ids);
      for (const g of plan.groups) expect(g.length).toBeGreaterThan(0);
      if (plan.kind === 'isolate') expect(plan.groups[0]).toEqual([plan.id]);
      if (plan.kind !== 'heal') expect(plan.groups).toHaveLength(2);
    }
    for (const n of Object.values(kinds)) expect(n / 3000).toBeCloseTo(1 / 3, 1);
    const never = new Rng(12);
    for (let k = 0; k < 200; k++) expect(drawPartition(never, ids, { heal: 0.2 }).kind).not.toBe('isolate');
  });

  test('crashes never take more than maxDown peers down', () => {
    expect(minorityOf(5)).toBe(2);
    expect(minorityOf(3)).toBe(1);
    expect(mayCrash(1, 2)).toBe(true);
    expect(mayCrash(2, 2)).toBe(false);
    expect(drawCrash(new Rng(1), [], 0, 2)).toBeUndefined();
    expect(drawCrash(new Rng(1), [1, 2, 3], 2, 2)).toBeUndefined();
    const rng = new Rng(13);
    for (const maxDown of [0, 1, 2]) {
      const down = new Set<number>();
      for (let k = 0; k < 500; k++) {
        const up = ids.filter((id) => !down.has(id));
        const a = drawCrashOrRestart(rng, up, [...down], maxDown, 0.6);
        if (a === undefined) continue;
        if ('crash' in a) {
          expect(up).toContain(a.crash);
          down.add(a.crash);
        } else {
          expect(down.has(a.restart)).toBe(true);
          down.delete(a.restart);
        }
        expect(down.size).toBeLessThanOrEqual(maxDown);
      }
    }
  });
});
