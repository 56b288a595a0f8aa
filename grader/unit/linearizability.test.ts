// Unit tests of the KV linearizability checker (grader/check/linearizability.ts): hand-made legal and
// illegal histories, budgets, malformed input, explanations, a generator-based property test, and
// timings on generated histories of thousands of operations.

import { expect, test } from 'vitest';
import {
  type CheckResult,
  checkKvHistory,
  HistoryFormatError,
  type KvInput,
  type Operation,
} from '../check/linearizability.js';

// ---- building histories by hand ------------------------------------------------------------------

function op(
  clientId: number,
  input: KvInput,
  call: number,
  ret: number | undefined,
  got?: string | null,
): Operation {
  if (ret === undefined) return { clientId, input, call };
  const output = input.op === 'get' ? { value: got ?? null } : ({ ok: true } as const);
  return { clientId, input, call, ret, output };
}
const put = (c: number, key: string, value: string, call: number, ret?: number): Operation =>
  op(c, { op: 'put', key, value }, call, ret);
const append = (c: number, key: string, value: string, call: number, ret?: number): Operation =>
  op(c, { op: 'append', key, value }, call, ret);
const del = (c: number, key: string, call: number, ret?: number): Operation =>
  op(c, { op: 'delete', key }, call, ret);
const get = (c: number, key: string, got: string | null, call: number, ret?: number): Operation =>
  op(c, { op: 'get', key }, call, ret, got);

function expectOk(ops: Operation[]): void {
  expect(checkKvHistory(ops)).toEqual({ verdict: 'ok' });
}

function expectIllegal(ops: Operation[], key = 'x'): string {
  const r = checkKvHistory(ops);
  if (r.verdict !== 'illegal') throw new Error(`expected illegal, got ${JSON.stringify(r)}`);
  expect(r.key).toBe(key);
  expect(r.explanation).toContain(`Key ${JSON.stringify(key)} is not linearizable`);
  return r.explanation;
}

// ---- linearizable histories ------------------------------------------------------------------------

test('accepts the empty history and a history of only pending operations', () => {
  expectOk([]);
  expectOk([put(1, 'x', 'a', 0), get(2, 'x', null, 1), del(3, 'x', 2)]);
});

test('accepts a sequential history of every operation kind', () => {
  expectOk([
    get(1, 'x', null, 0, 1),
    put(1, 'x', 'a', 2, 3),
    get(1, 'x', 'a', 4, 5),
    append(1, 'x', 'b', 6, 7),
    get(1, 'x', 'ab', 8, 9),
    del(1, 'x', 10, 11),
    get(1, 'x', null, 12, 13),
    append(1, 'x', 'c', 14, 15),
    get(1, 'x', 'c', 16, 17),
  ]);
});

test('accepts a read concurrent with overlapping writes seeing either value', () => {
  const writes = [put(1, 'x', 'a', 0, 10), put(2, 'x', 'b', 2, 12)];
  expectOk([...writes, get(3, 'x', 'a', 5, 15)]);
  expectOk([...writes, get(3, 'x', 'b', 5, 15)]);
  expectOk([...writes, get(3, 'x', null, 5, 15)]);
  // After both writes completed, either order of the writes is still possible.
  expectOk([...writes, get(3, 'x', 'a', 20, 21)]);
  expectOk([...writes, get(3, 'x', 'b', 20, 21)]);
});

test('accepts a pending (never returned) write seen or not seen', () => {
  const base = [put(1, 'x', 'a', 0, 10), put(2, 'x', 'b', 5)];
  expectOk([...base, get(3, 'x', 'a', 20, 30)]);
  expectOk([...base, get(3, 'x', 'b', 20, 30)]);
  // Not seen, then seen much later: it may take effect at any time after its call.
  expectOk([...base, get(3, 'x', 'a', 20, 30), get(3, 'x', 'b', 1000, 1001)]);
});

test('accepts deletes, including a read concurrent with a delete', () => {
  const base = [put(1, 'x', 'a', 0, 10), del(2, 'x', 20, 30)];
  expectOk([...base, get(3, 'x', null, 40, 50)]);
  expectOk([...base, get(3, 'x', 'a', 25, 35)]);
  expectOk([...base, get(3, 'x', null, 25, 35)]);
  expectOk([del(1, 'x', 0, 1), get(1, 'x', null, 2, 3)]);
});

test('accepts concurrent appends applied in either order', () => {
  const base = [append(1, 'x', 'a', 0, 10), append(2, 'x', 'b', 0, 10)];
  expectOk([...base, get(3, 'x', 'ab', 20, 30)]);
  expectOk([...base, get(3, 'x', 'ba', 20, 30)]);
  expectOk([...base, get(3, 'x', 'b', 5, 30)]);
});

test('treats intervals that touch (ret == call) as concurrent', () => {
  expectOk([put(1, 'x', 'a', 0, 10), get(2, 'x', null, 10, 12)]);
  expectOk([put(1, 'x', 'a', 0, 10), get(2, 'x', 'a', 10, 12)]);
});

test('checks keys independently', () => {
  expectOk([
    put(1, 'x', 'a', 0, 10),
    put(2, 'y', 'b', 0, 10),
    get(3, 'x', 'a', 20, 30),
    get(3, 'y', 'b', 20, 30),
  ]);
});

// ---- non-linearizable histories ----------------------------------------------------------------------

test('rejects a stale read after a completed write, and explains it', () => {
  const text = expectIllegal([put(1, 'x', '1', 0, 10), put(2, 'x', '2', 20, 30), get(3, 'x', '1', 40, 50)]);
  expect(text).toContain('client 3: get("x") -> "1"  [call t=40, ret t=50]');
  expect(text).toContain('returned at t=50');
  expect(text).toContain('could only hold: "2"');
  expect(text).toContain('client 1: put("x", "1") -> ok  [call t=0, ret t=10]');
  expect(text).toContain('client 2: put("x", "2") -> ok  [call t=20, ret t=30]');
  expect(text).toContain('Its responses up to t=30 are consistent');
  console.log(`stale read explanation:\n${text}`);
});

test('rejects a read of a value never written', () => {
  const text = expectIllegal([put(1, 'x', 'a', 0, 10), get(2, 'x', 'zzz', 20, 30)]);
  expect(text).toContain('No operation on this key ever wrote "zzz"');
  expect(text).toContain('could only hold: "a"');
});

test('rejects two reads in real-time order seeing new then old', () => {
  const text = expectIllegal([
    put(1, 'x', 'old', 0, 10),
    put(2, 'x', 'new', 15, 100),
    get(3, 'x', 'new', 20, 30),
    get(4, 'x', 'old', 40, 50),
  ]);
  expect(text).toContain('client 4: get("x") -> "old"');
  expect(text).toContain('could only hold: "new"');
  // The earlier read is part of the conflict and is listed.
  expect(text).toContain('client 3: get("x") -> "new"');
});

test('rejects a lost acknowledged write', () => {
  const text = expectIllegal([put(1, 'x', 'a', 0, 10), get(2, 'x', null, 20, 30)]);
  expect(text).toContain('It read (absent)');
  expect(text).toContain('could only hold: "a"');
  expectIllegal([put(1, 'x', 'a', 0, 10), put(1, 'x', 'b', 20, 30), get(2, 'x', 'a', 40, 50)]);
});

test('rejects a pending write seen and then unseen', () => {
  expectIllegal([
    put(1, 'x', 'a', 0, 10),
    put(2, 'x', 'b', 5),
    get(3, 'x', 'b', 20, 30),
    get(3, 'x', 'a', 40, 50),
  ]);
});

test('rejects a read of a pending write that had not been called yet', () => {
  expectIllegal([put(1, 'x', 'a', 0, 10), get(3, 'x', 'b', 20, 30), put(2, 'x', 'b', 40)]);
});

test('rejects an append applied twice and a value that survived a delete', () => {
  expectIllegal([append(1, 'x', 'a', 0, 10), get(2, 'x', 'aa', 20, 30)]);
  expectIllegal([put(1, 'x', 'a', 0, 10), del(1, 'x', 20, 30), get(2, 'x', 'a', 40, 50)]);
});

test('explains which never-returned writes could also have been visible', () => {
  const text = expectIllegal([put(1, 'x', 'a', 0, 10), put(2, 'x', 'b', 5), get(3, 'x', 'c', 20, 30)]);
  expect(text).toContain('could only hold: "a"');
  expect(text).toContain('may have taken effect late');
  expect(text).toContain('put("x", "b") (client 2, call t=5)');
  expect(text).toContain('No operation on this key ever wrote "c"');
});

test('explains responses that conflict only together', () => {
  const writes = [put(1, 'x', 'a', 0, 10), put(2, 'x', 'b', 0, 10)];
  expectOk([...writes, get(3, 'x', 'a', 20, 30)]);
  expectOk([...writes, get(4, 'x', 'b', 20, 30)]);
  const text = expectIllegal([...writes, get(3, 'x', 'a', 20, 30), get(4, 'x', 'b', 20, 30)]);
  expect(text).toContain('Its responses up to t=10 are consistent, but the ones returned at t=30 conflict');
  expect(text).toContain('client 3: get("x") -> "a"');
  expect(text).toContain('client 4: get("x") -> "b"');
});

test('reports the key whose history fails earliest', () => {
  const r = checkKvHistory([
    put(1, 'a', '1', 0, 10),
    get(2, 'a', null, 200, 210), // fails at t=210
    put(1, 'b', '1', 0, 10),
    get(2, 'b', null, 100, 110), // fails at t=110
  ]);
  expect(r.verdict).toBe('illegal');
  if (r.verdict !== 'illegal') return;
  expect(r.key).toBe('b');
  expect(r.explanation).toContain('Also not linearizable');
  expect(r.explanation).toContain('"a"');
});

// ---- budgets ---------------------------------------------------------------------------------------

/** Many concurrent appends (every order gives a distinct state) and then an impossible read. */
function adversarial(appends: number): Operation[] {
  const ops: Operation[] = [];
  for (let i = 0; i < appends; i++) ops.push(append(i, 'x', `t${i};`, 0, 100));
  ops.push(get(99, 'x', 'impossible', 200, 210));
  return ops;
}

test('gives unknown, never ok, when the step budget runs out', () => {
  const r = checkKvHistory(adversarial(14), { maxSteps: 1000 });
  expect(r.verdict).toBe('unknown');
  if (r.verdict !== 'unknown') return;
  expect(r.reason).toContain('key "x"');
  expect(r.reason).toContain('maxSteps = 1000');
  // The same budget decides a small instance.
  expect(checkKvHistory(adversarial(3), { maxSteps: 1000 }).verdict).toBe('illegal');
});

test('gives unknown when the wall-clock budget runs out', () => {
  const r = checkKvHistory(adversarial(14), { budgetMs: 20, maxSteps: 1e12 });
  expect(r.verdict).toBe('unknown');
  if (r.verdict !== 'unknown') return;
  expect(r.reason).toContain('wall-clock budget of 20 ms');
});

// ---- malformed input --------------------------------------------------------------------------------

test('throws HistoryFormatError on a malformed history', () => {
  expect(() => checkKvHistory([{ clientId: 1, input: { op: 'get', key: 'x' }, call: 5, ret: 4 }])).toThrow(
    HistoryFormatError,
  );
  expect(() => checkKvHistory([{ clientId: 1, input: { op: 'get', key: 'x' }, call: 0, ret: 4 }])).toThrow(
    /no output/,
  );
  expect(() =>
    checkKvHistory([
      { clientId: 1, input: { op: 'put', key: 'x', value: 'a' }, call: 0, ret: 1, output: { value: 'a' } },
    ]),
  ).toThrow(HistoryFormatError);
  expect(() => checkKvHistory([], { maxSteps: 0 })).toThrow(RangeError);
});

// ---- generated histories -----------------------------------------------------------------------------

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Planned {
  op: Operation;
  /** Linearization point; undefined = never takes effect. */
  point: number | undefined;
}

/** Applies the planned ops to a real Map in order of their points and fills in the get outputs. */
function realize(planned: Planned[]): Operation[] {
  const store = new Map<string, string>();
  const effective = planned
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.point !== undefined)
    .sort((a, b) => a.p.point! - b.p.point! || a.i - b.i);
  for (const { p } of effective) {
    const input = p.op.input;
    switch (input.op) {
      case 'get':
        if (p.op.ret !== undefined) p.op.output = { value: store.get(input.key) ?? null };
        break;
      case 'put':
        store.set(input.key, input.value);
        break;
      case 'delete':
        store.delete(input.key);
        break;
      case 'append':
        store.set(input.key, (store.get(input.key) ?? '') + input.value);
        break;
    }
  }
  return planned.map((p) => p.op);
}

function randomInput(rnd: () => number, keys: number, serial: number): KvInput {
  const key = `k${Math.floor(rnd() * keys)}`;
  const r = rnd();
  if (r < 0.5) return { op: 'get', key };
  if (r < 0.8) return { op: 'put', key, value: `v${serial}` };
  if (r < 0.9) return { op: 'append', key, value: `a${serial};` };
  return { op: 'delete', key };
}

/** A sequential run on a real map (one op every 10 time units), then each interval jittered around
 *  its point; some ops never return (and then took effect or not). */
function jitteredHistory(
  seed: number,
  n: number,
  keys: number,
  jitter: number,
  pendingRate: number,
): Operation[] {
  const rnd = prng(seed);
  const planned: Planned[] = [];
  for (let i = 0; i < n; i++) {
    const point = 100 + 10 * i;
    const input = randomInput(rnd, keys, i);
    const call = point - Math.floor(rnd() * jitter);
    const clientId = Math.floor(rnd() * 8);
    if (rnd() < pendingRate) {
      planned.push({ op: { clientId, input, call }, point: rnd() < 0.5 ? point : undefined });
    } else {
      const ret = point + Math.floor(rnd() * jitter);
      planned.push({ op: { clientId, input, call, ret, output: { ok: true } }, point });
    }
  }
  return realize(planned);
}

/** Closed-loop clients with random latencies; an op that times out may take effect later or never. */
function clientHistory(
  seed: number,
  n: number,
  keys: number,
  clients: number,
  pendingRate: number,
): Operation[] {
  const rnd = prng(seed);
  const free = new Array<number>(clients).fill(0);
  const planned: Planned[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = i % clients;
    const input = randomInput(rnd, keys, i);
    const call = free[clientId] + Math.floor(rnd() * 4);
    const latency = 1 + Math.floor(rnd() * 30);
    if (rnd() < pendingRate) {
      const point = rnd() < 0.5 ? call + Math.floor(rnd() * 3 * latency) : undefined;
      planned.push({ op: { clientId, input, call }, point });
      free[clientId] = call + 3 * latency + 1; // the client's timeout
    } else {
      const ret = call + latency;
      planned.push({
        op: { clientId, input, call, ret, output: { ok: true } },
        point: call + Math.floor(rnd() * latency),
      });
      free[clientId] = ret;
    }
  }
  return realize(planned);
}

function returnedGets(ops: Operation[]): number[] {
  const idx: number[] = [];
  ops.forEach((o, i) => {
    if (o.input.op === 'get' && o.ret !== undefined) idx.push(i);
  });
  return idx;
}

function withValue(ops: Operation[], i: number, value: string | null): Operation[] {
  const copy = ops.slice();
  copy[i] = { ...ops[i], output: { value } };
  return copy;
}

test('property: jittered runs of a real map are accepted; an impossible read is rejected', () => {
  let futureCorruptions = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const keys = 1 + (seed % 4);
    const ops = jitteredHistory(seed, 20 + (seed % 60), keys, 5 + (seed % 40), seed % 3 === 0 ? 0.1 : 0);
    const r = checkKvHistory(ops);
    expect(r, `seed ${seed}`).toEqual({ verdict: 'ok' });

    const gets = returnedGets(ops);
    if (gets.length === 0) continue;
    const rnd = prng(seed * 7919);
    const victim = gets[Math.floor(rnd() * gets.length)];
    const key = ops[victim].input.key;
    const bogus = `never-written-${seed}`;
    const bad = checkKvHistory(withValue(ops, victim, bogus));
    expect(bad.verdict, `seed ${seed}`).toBe('illegal');
    if (bad.verdict === 'illegal') {
      expect(bad.key).toBe(key);
      expect(bad.explanation).toContain(JSON.stringify(bogus));
    }

    // A value from the future: put (unique value) on the same key, called after the read returned.
    const ret = ops[victim].ret!;
    const future = ops.find((o) => o.input.op === 'put' && o.input.key === key && o.call > ret);
    if (future !== undefined && future.input.op === 'put') {
      futureCorruptions++;
      const r2 = checkKvHistory(withValue(ops, victim, future.input.value));
      expect(r2.verdict, `seed ${seed} (future value)`).toBe('illegal');
    }
  }
  expect(futureCorruptions).toBeGreaterThan(50);
});

/** Exhaustive reference: tries every order (memoized on placed set and state). One key only. */
function bruteForceLinearizable(history: Operation[]): boolean {
  const ops = history.filter((o) => !(o.input.op === 'get' && o.ret === undefined));
  const placed = ops.map(() => false);
  const failed = new Set<string>();
  const search = (state: string | null): boolean => {
    if (ops.every((o, i) => placed[i] || o.ret === undefined)) return true;
    const memoKey = `${placed.map(Number).join('')}|${state}`;
    if (failed.has(memoKey)) return false;
    for (let i = 0; i < ops.length; i++) {
      if (placed[i]) continue;
      // Every op that returned before this one was called must already be placed.
      if (ops.some((o, j) => !placed[j] && o.ret !== undefined && o.ret < ops[i].call)) continue;
      const { input, output } = ops[i];
      let next: string | null;
      if (input.op === 'get') {
        if (output === undefined || !('value' in output) || output.value !== state) continue;
        next = state;
      } else if (input.op === 'put') next = input.value;
      else if (input.op === 'delete') next = null;
      else next = (state ?? '') + input.value;
      placed[i] = true;
      const ok = search(next);
      placed[i] = false;
      if (ok) return true;
    }
    failed.add(memoKey);
    return false;
  };
  return search(null);
}

/** The prefix of a history at time t: ops called by t; responses after t unknown. */
function prefixAt(history: Operation[], t: number): Operation[] {
  return history
    .filter((o) => o.call <= t)
    .map((o) =>
      o.ret !== undefined && o.ret <= t ? o : { clientId: o.clientId, input: o.input, call: o.call },
    );
}

test('property: agrees with a brute-force reference on small histories, failure point included', () => {
  let legal = 0;
  let illegal = 0;
  for (let seed = 1; seed <= 1500; seed++) {
    const rnd = prng(seed * 31 + 7);
    const n = 4 + Math.floor(rnd() * 10);
    const jitter = 1 + Math.floor(rnd() * 40);
    const values = ['a', 'b', 'c']; // few values: collisions exercise the interchangeable-op reduction
    const planned: Planned[] = [];
    for (let i = 0; i < n; i++) {
      const point = 10 * i + 5;
      const r = rnd();
      const v = values[Math.floor(rnd() * values.length)];
      const input: KvInput =
        r < 0.45
          ? { op: 'get', key: 'x' }
          : r < 0.7
            ? { op: 'put', key: 'x', value: v }
            : r < 0.85
              ? { op: 'append', key: 'x', value: v }
              : { op: 'delete', key: 'x' };
      const call = Math.max(0, point - Math.floor(rnd() * jitter));
      if (rnd() < 0.15)
        planned.push({ op: { clientId: i, input, call }, point: rnd() < 0.5 ? point : undefined });
      else
        planned.push({
          op: { clientId: i, input, call, ret: point + Math.floor(rnd() * jitter), output: { ok: true } },
          point,
        });
    }
    let ops = realize(planned);
    const gets = returnedGets(ops);
    if (gets.length > 0 && rnd() < 0.5) {
      const bogus = ['a', 'b', 'ab', 'ba', 'aa', null][Math.floor(rnd() * 6)];
      ops = withValue(ops, gets[Math.floor(rnd() * gets.length)], bogus);
    }
    const want = bruteForceLinearizable(ops);
    const got = checkKvHistory(ops);
    expect(got.verdict, `seed ${seed}`).toBe(want ? 'ok' : 'illegal');
    if (want) {
      legal++;
      continue;
    }
    illegal++;
    // The reported failure point is the first response time whose prefix the reference rejects.
    const rets = [...new Set(ops.flatMap((o) => (o.ret === undefined ? [] : [o.ret])))].sort((a, b) => a - b);
    const firstBad = rets.find((t) => !bruteForceLinearizable(prefixAt(ops, t)));
    if (got.verdict === 'illegal')
      expect(got.explanation, `seed ${seed}`).toContain(`returned at t=${firstBad}`);
  }
  expect(legal).toBeGreaterThan(300);
  expect(illegal).toBeGreaterThan(300);
});

test('the verdict is deterministic and independent of the order of the array', () => {
  const ops = clientHistory(42, 600, 5, 8, 0.05);
  const gets = returnedGets(ops);
  const bad = withValue(ops, gets[Math.floor(gets.length / 2)], 'bogus');
  const r1 = checkKvHistory(bad);
  const r2 = checkKvHistory(bad);
  expect(r1.verdict).toBe('illegal');
  expect(r2).toEqual(r1);
  const rnd = prng(7);
  const shuffled = bad
    .map((o) => ({ o, k: rnd() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.o);
  const r3: CheckResult = checkKvHistory(shuffled);
  expect(r3.verdict).toBe('illegal');
  if (r1.verdict === 'illegal' && r3.verdict === 'illegal') expect(r3.key).toBe(r1.key);
  expect(checkKvHistory(ops.slice().reverse())).toEqual({ verdict: 'ok' });
});

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

test('performance: 5,000-op linearizable histories check well under a second', () => {
  const cases = [
    { keys: 10, clients: 5, pending: 0 },
    { keys: 10, clients: 20, pending: 0.02 },
    { keys: 20, clients: 10, pending: 0.02 },
    { keys: 50, clients: 20, pending: 0.05 },
  ];
  checkKvHistory(clientHistory(1, 2000, 10, 10, 0)); // warm up the JIT
  for (const c of cases) {
    const ops = clientHistory(1000 + c.keys + c.clients, 5000, c.keys, c.clients, c.pending);
    const [r, ms] = timed(() => checkKvHistory(ops));
    console.log(
      `5000 ops, ${c.keys} keys, ${c.clients} clients, ${c.pending * 100}% never returned: ${r.verdict} in ${ms.toFixed(1)} ms`,
    );
    expect(r).toEqual({ verdict: 'ok' });
    expect(ms).toBeLessThan(1000);
  }
});

test('performance: violations in 5,000-op histories are found and explained quickly', () => {
  for (const c of [
    { keys: 20, clients: 10, pending: 0.02 },
    { keys: 10, clients: 20, pending: 0.1 },
  ]) {
    const ops = clientHistory(77 + c.keys, 5000, c.keys, c.clients, c.pending);
    const gets = returnedGets(ops);
    const victim = gets[Math.floor(gets.length * 0.6)];
    const { key } = ops[victim].input;
    // A stale read: the value of a put on the same key that completed long before the read began.
    const stale = ops.find(
      (o) =>
        o.input.op === 'put' && o.input.key === key && o.ret !== undefined && o.ret < ops[victim].call - 200,
    );
    const corruptions: [string, string][] = [['bogus', 'bogus']];
    if (stale !== undefined && stale.input.op === 'put') corruptions.push(['stale', stale.input.value]);
    for (const [what, value] of corruptions) {
      const [r, ms] = timed(() => checkKvHistory(withValue(ops, victim, value)));
      console.log(
        `5000 ops, ${c.keys} keys, ${c.clients} clients, ${c.pending * 100}% never returned, one ${what} read: ${r.verdict} in ${ms.toFixed(1)} ms`,
      );
      expect(r.verdict).toBe('illegal');
      if (r.verdict === 'illegal') {
        expect(r.key).toBe(key);
        expect(r.explanation).toContain(`client ${ops[victim].clientId}: get(`);
        expect(r.explanation).toContain(`It read ${JSON.stringify(value)}`);
        if (what === 'stale') console.log(r.explanation);
      }
      expect(ms).toBeLessThan(2000);
    }
  }
});
