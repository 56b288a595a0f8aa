// Unit tests of Trace: canonical encoding (key order, undefined, bytes, bigint, Map/Set), a digest
// that is stable across runs and machines, and the JSON Lines output used by replay --trace.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonicalJson, Trace, TraceEncodingError } from '../harness/trace.js';

describe('canonicalJson', () => {
  test('sorts keys, drops undefined members, encodes special values stably', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,null]},"b":1}',
    );
    expect(canonicalJson(new Uint8Array([1, 255]))).toBe('{"$bytes":"01ff"}');
    expect(canonicalJson(Buffer.from('hi'))).toBe('{"$bytes":"6869"}');
    expect(canonicalJson(12n)).toBe('{"$bigint":"12"}');
    expect(
      canonicalJson(
        new Map([
          ['b', 2],
          ['a', 1],
        ]),
      ),
    ).toBe(
      canonicalJson(
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
      ),
    );
    expect(canonicalJson(new Set([2, 1]))).toBe('{"$set":[1,2]}');
    expect(canonicalJson([Number.NaN, -0, Number.POSITIVE_INFINITY])).toBe('["NaN",0,"Infinity"]');
  });

  test('refuses what cannot be replayed', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TraceEncodingError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TraceEncodingError);
  });
});

describe('Trace', () => {
  test('the digest is sha256 of the canonical lines, independent of key order', () => {
    const a = new Trace();
    a.record({ t: 1, ev: 'send', from: 1, to: 2 });
    a.record({ t: 2, ev: 'drop' });
    const b = new Trace();
    b.record({ to: 2, from: 1, ev: 'send', t: 1 });
    b.record({ ev: 'drop', t: 2 });
    expect(a.digest()).toBe(b.digest());
    expect(a.length).toBe(2);
    const expected = createHash('sha256')
      .update('{"ev":"send","from":1,"t":1,"to":2}\n{"ev":"drop","t":2}\n')
      .digest('hex');
    expect(a.digest()).toBe(expected);
    expect(a.toJsonl()).toBe('{"ev":"send","from":1,"t":1,"to":2}\n{"ev":"drop","t":2}\n');
  });

  test('order and content matter; digest() can be called repeatedly while recording', () => {
    const a = new Trace();
    const empty = a.digest();
    expect(empty).toBe(createHash('sha256').digest('hex'));
    a.record({ x: 1 });
    const d1 = a.digest();
    expect(a.digest()).toBe(d1);
    a.record({ x: 2 });
    expect(a.digest()).not.toBe(d1);
    const b = new Trace();
    b.record({ x: 2 });
    b.record({ x: 1 });
    expect(b.digest()).not.toBe(a.digest());
  });

  test('an event is captured when recorded, not when digested', () => {
    const ev: Record<string, unknown> = { n: 1 };
    const a = new Trace();
    a.record(ev);
    ev.n = 2;
    const b = new Trace();
    b.record({ n: 1 });
    expect(a.digest()).toBe(b.digest());
  });

  test('keepLines: false keeps only the digest', () => {
    const a = new Trace({ keepLines: false });
    a.record({ x: 1 });
    expect(a.lines()).toEqual([]);
    expect(a.toJsonl()).toBe('');
    expect(a.length).toBe(1);
  });
});
