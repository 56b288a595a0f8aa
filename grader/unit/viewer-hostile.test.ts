// Unit tests of the trace viewer's model against hostile traces: student code controls every string of
// an event and can make a worker write any trace file, so buildModel (grader/viewer/model/build.ts) must
// never throw, never take more than about linear time, and keep what the page draws bounded — lanes,
// chains and label lengths — whatever the lines say. The page-level checks (no script runs, the page
// reaches data-ready) are in the browser step; here, the model alone, in Node.
import { describe, expect, test } from 'vitest';
import { MAX_LANES, buildModel } from '../viewer/model/build.js';
import { MAX_CHAINS } from '../viewer/model/finder.js';
import { namedOps } from '../viewer/model/ops.js';
import type { TraceEvent, ViewModel } from '../viewer/model/types.js';

const MB = 'x'.repeat(1 << 20);
/** A label longer than this would make a lane row unreadable (labels cut field texts at 40). */
const MAX_LABEL = 400;
/** Each build below is of at most 40 000 events: linear work takes well under this on a loaded machine. */
const MAX_MS = 3000;

/** The model of `lines` (anything: the model takes what JSON.parse gave), and how long it took. */
function timed(lines: readonly unknown[]): { m: ViewModel; ms: number } {
  const t0 = performance.now();
  const m = buildModel(lines as TraceEvent[], { title: 'hostile' });
  return { m, ms: performance.now() - t0 };
}

/** Every event's label (the lanes read them lazily: read them all here). */
function labels(m: ViewModel): string[] {
  return m.events.map((e) => e.label);
}

describe('strings', () => {
  test('1 MB strings in kinds, nodes, types, reasons and field names give short labels', () => {
    const { m } = timed([
      { t: 1, node: 1, kind: 'snapshot-failed', reason: MB },
      { t: 2, node: MB, kind: 'invoke', id: 1, op: MB, key: MB, value: MB },
      { t: 3, node: 1, kind: MB, [MB]: MB },
      { t: 4, node: 1, kind: 'send', id: 9, to: 2, type: MB },
      { t: 5, node: 2, kind: 'deliver', id: 9, from: 1 },
    ]);
    const long = labels(m).filter((l) => l.length > MAX_LABEL);
    expect(
      long.map((l) => l.length),
      `expected every label at most ${MAX_LABEL} characters`,
    ).toEqual([]);
    expect(m.arrows.length, 'expected the 1 MB-typed packet still paired into one arrow').toBe(1);
  });

  test('a 1 MB failure message, and one of nested calls, are scanned for named ops in linear time', () => {
    const nested = `client 1: ${'a('.repeat(200_000)} -> ok`;
    for (const text of [`boom ${MB}`, nested, `${'a'.repeat(500)}(${')'.repeat(400)}`.repeat(100)]) {
      const t0 = performance.now();
      const named = namedOps(text);
      const ms = performance.now() - t0;
      expect(named, 'expected no op named in junk').toEqual([]);
      expect(ms, `expected the scan of ${text.length} characters under ${MAX_MS} ms`).toBeLessThan(MAX_MS);
    }
  });
});

describe('fields, kinds and nodes', () => {
  test('a field named __proto__ stays a field: the event gains no inherited fields', () => {
    const lines = [
      '{"t":0,"node":1,"kind":"send","id":1,"to":2,"type":"MsgAppend","__proto__":{"type":"MsgSnapshot","x":1}}',
      '{"t":1,"node":1,"kind":"role","__proto__":{"state":"Leader","term":9}}',
    ].map((l) => JSON.parse(l) as unknown);
    const { m } = timed(lines);
    const [send, role] = m.events;
    expect(Object.getPrototypeOf(send!.fields), 'expected the fields’ prototype untouched').toBe(
      Object.prototype,
    );
    expect(send!.fields['x'], 'expected no field inherited from the __proto__ value').toBeUndefined();
    expect(
      Object.getOwnPropertyDescriptor(send!.fields, '__proto__')?.value,
      'expected __proto__ kept as an own field',
    ).toEqual({ type: 'MsgSnapshot', x: 1 });
    expect(send!.part, 'expected the send’s own type to decide its part').toBe('core');
    expect(role!.fields['state'], 'expected no role state from __proto__').toBeUndefined();
    expect(m.storeModels.get(1)!.series.role, 'expected no role point from __proto__').toEqual([]);
  });

  test('kinds named like Object members get a generic label', () => {
    const kinds = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const { m } = timed(kinds.map((kind, i) => ({ t: i, node: 1, kind, a: 1 })));
    expect(labels(m), 'expected the kind and its first fields as the label').toEqual(
      kinds.map((k) => `${k} a=1`),
    );
  });

  test('odd times and nodes: a non-number t takes the previous one; object, array or NaN nodes are sim', () => {
    const { m } = timed([
      { t: 5, node: 1, kind: 'commit', index: 1 },
      { t: 'x', node: { a: 1 }, kind: 'commit', index: 2 },
      { t: -7, node: [1, 2], kind: 'commit', index: 3 },
      { t: 1e308, node: 1e300, kind: 'commit', index: 4 },
      { t: 2, node: Number.NaN, kind: 'commit', index: 5 },
    ]);
    expect(
      m.events.map((e) => [e.t, e.node]),
      'expected t and node per event',
    ).toEqual([
      [5, 1],
      [5, 'sim'],
      [-7, 'sim'],
      [1e308, 1e300],
      [2, 'sim'],
    ]);
    expect(m.stores, 'expected a lane for each numeric node').toEqual([1, 1e300]);
  });
});

describe('bounds', () => {
  test(`10 000 stores: at most ${MAX_LANES} lanes, the busiest, and the count of the others`, () => {
    const lines: unknown[] = [{ t: 0, node: 'sim', kind: 'cluster', stores: 10_000 }];
    for (let i = 1; i <= 10_000; i++) lines.push({ t: i, node: i, kind: 'role', state: 'Follower', term: 1 });
    for (let k = 0; k < 3; k++) lines.push({ t: 20_000, node: 7777, kind: 'commit', index: k });
    const { m, ms } = timed(lines);
    expect(m.stores.length, `expected ${MAX_LANES} lanes`).toBe(MAX_LANES);
    expect(m.stores.includes(7777), 'expected the busiest store among the lanes').toBe(true);
    expect(m.storesLeftOut, 'expected the stores without a lane counted').toBe(10_000 - MAX_LANES);
    expect(m.storeModels.size, 'expected a store model per lane only').toBe(MAX_LANES);
    expect(ms, `expected the build under ${MAX_MS} ms`).toBeLessThan(MAX_MS);
  });

  test(`20 000 snapshot sends and admin applies at one instant: at most ${MAX_CHAINS} chains of each kind, in linear time`, () => {
    const lines: unknown[] = [];
    for (let i = 0; i < 40_000; i++) {
      lines.push(
        i % 2 === 0
          ? { t: 0, node: 1 + (i % 5), kind: 'apply', cmd: 'admin', index: i }
          : { t: 0, node: 1, kind: 'snapshot-sent', to: 2, index: i, term: 1 },
      );
    }
    const { m, ms } = timed(lines);
    const count = (kind: string) => m.chains.filter((c) => c.kind === kind).length;
    expect(count('snapshot'), 'expected the snapshot chains capped').toBe(MAX_CHAINS);
    expect(count('compact-log'), 'expected the CompactLog chains capped').toBe(MAX_CHAINS);
    expect(ms, `expected the build under ${MAX_MS} ms`).toBeLessThan(MAX_MS);
  });

  test('20 000 restores of a core trace, each after a deliver that is no MsgSnapshot, build in linear time', () => {
    const lines: unknown[] = [];
    for (let i = 0; i < 40_000; i++) {
      lines.push(
        i % 2 === 0
          ? { t: i, node: 2, kind: 'deliver', id: i, from: 1, type: 'MsgAppend' }
          : { t: i, node: 2, kind: 'restore', index: i },
      );
    }
    const { m, ms } = timed(lines);
    expect(m.chains, 'expected no snapshot chain without a MsgSnapshot').toEqual([]);
    expect(ms, `expected the build under ${MAX_MS} ms`).toBeLessThan(MAX_MS);
  });

  test('colliding packet ids, a deliver without a send and a failure in the middle', () => {
    const { m } = timed([
      { t: 0, node: 1, kind: 'send', id: 3, to: 2, type: 'MsgAppend' },
      { t: 1, node: 1, kind: 'send', id: 3, to: 3, type: 'MsgHeartbeat' },
      { t: 2, node: 2, kind: 'deliver', id: 3, from: 1 },
      { t: 3, node: 'sim', kind: 'failure', error: 'middle' },
      { t: 4, node: 3, kind: 'deliver', id: 42, from: 1, type: 'MsgAppend' },
      { t: 5, node: 3, kind: 'deliver', id: 3, from: 1 },
    ]);
    expect(
      m.arrows.map((a) => [a.type, a.to, a.endSeq, a.duplicate]),
      'expected the first send of an id to own it: both delivers are its arrows, no arrow for id 42',
    ).toEqual([
      ['MsgAppend', 2, 2, false],
      ['MsgAppend', 2, 5, true],
    ]);
    expect(m.failureSeq, 'expected the failure event found mid-trace').toBe(3);
    expect(m.events[2]!.label, 'expected the typeless deliver labelled with its packet’s type').toBe(
      'MsgAppend ← 1',
    );
  });
});
