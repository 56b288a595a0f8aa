// Unit tests of the trace viewer's model (grader/viewer/model/build.ts, chain.ts): each rule on a
// hand-written event list — packets paired into arrows (duplicates, drops, in flight), the state series
// and down ranges, client operations and the ones a linearizability explanation names, the causal
// chains' step order with a step missing, malformed events — then the build time of 100 000 events, and
// the snapshot chain of a real run of the simulator over the reference store.
import { describe, expect, test } from 'vitest';
import { fmtOp } from '../check/lin/explain.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { SimClient } from '../sim/client.js';
import { Cluster } from '../sim/cluster.js';
import { History } from '../sim/history.js';
import { Sim } from '../sim/sim.js';
import { targetDriver } from '../sim/target.js';
import { waitForLeader } from '../sim/verify.js';
import { buildModel } from '../viewer/model/build.js';
import type { Chain, TraceEvent, TraceMeta, ViewModel } from '../viewer/model/types.js';

const META: TraceMeta = { title: 'unit' };

/** A trace line. */
function ev(
  t: number,
  node: number | string,
  kind: string,
  fields: Record<string, unknown> = {},
): TraceEvent {
  return { t, node, kind, ...fields };
}

function model(events: readonly TraceEvent[], meta: TraceMeta = META): ViewModel {
  return buildModel(events, meta);
}

/** The seen steps of a chain as "key@seq", in chain order, and the keys not seen. */
function stepsOf(c: Chain): { seen: string[]; missing: string[] } {
  return {
    seen: c.steps.filter((s) => s.seq !== undefined).map((s) => `${s.key}@${s.seq}`),
    missing: c.steps.filter((s) => s.seq === undefined).map((s) => s.key),
  };
}

describe('arrows: one per deliver or drop of a sent packet id', () => {
  const events = [
    ev(0, 1, 'send', { id: 1, to: 2, type: 'MsgAppend', term: 2 }),
    ev(1, 1, 'send', { id: 2, to: 3, type: 'MsgAppend' }),
    ev(2, 1, 'duplicate', { id: 1, to: 2, copies: 2 }),
    ev(3, 2, 'deliver', { id: 1, from: 1, type: 'MsgAppend' }),
    ev(4, 1, 'drop', { id: 2, to: 3, why: 'isolate 3' }),
    ev(5, 2, 'deliver', { id: 1, from: 1, type: 'MsgAppend' }),
    ev(6, 1, 'send', { id: 3, to: 2, type: 'MsgSnapshot' }),
    ev(7, 2, 'send', { id: 4, to: 1, type: 'SnapshotChunk' }),
    ev(8, 3, 'deliver', { id: 99, from: 1, type: 'MsgAppend' }),
  ];
  const m = model(events);

  test('a send paired with its deliver by id is a delivered arrow from sender to receiver', () => {
    expect(m.arrows[0], 'expected the first arrow to be packet 1, 1 → 2, seq 0 → 3').toMatchObject({
      id: 1,
      type: 'MsgAppend',
      from: 1,
      to: 2,
      sendSeq: 0,
      endSeq: 3,
      outcome: 'delivered',
      duplicate: false,
      snapshot: false,
    });
  });

  test('a second deliver of the same id is a second arrow, marked duplicate', () => {
    const ones = m.arrows.filter((a) => a.id === 1);
    expect(
      ones.map((a) => [a.endSeq, a.duplicate]),
      'expected packet 1 delivered twice, the second a duplicate',
    ).toEqual([
      [3, false],
      [5, true],
    ]);
  });

  test('a drop ends the arrow as dropped, with its why; the drop line takes the send’s type', () => {
    const a = m.arrows.find((x) => x.id === 2);
    expect(a, 'expected packet 2 dropped with why "isolate 3"').toMatchObject({
      outcome: 'dropped',
      endSeq: 4,
      why: 'isolate 3',
    });
    expect(m.events[4]!.label, 'expected the drop’s label to name the message type').toContain('MsgAppend');
  });

  test('a send never delivered nor dropped is in flight; snapshot messages and chunks stand out', () => {
    const inFlight = m.arrows.filter((a) => a.outcome === 'in-flight');
    expect(
      inFlight.map((a) => [a.id, a.endSeq, a.snapshot]),
      'expected packets 3 and 4 in flight, both snapshot',
    ).toEqual([
      [3, undefined, true],
      [4, undefined, true],
    ]);
  });

  test('a deliver without a send has no arrow; maxArrowSpan is the longest send → end', () => {
    expect(
      m.arrows.length,
      'expected 5 arrows: 2 deliveries and a duplicate… of packets 1, 2, and 2 in flight',
    ).toBe(5);
    expect(m.maxArrowSpan, 'expected the span of packet 1’s duplicate, 5 − 0').toBe(5);
    expect(m.messageTypes, 'expected the message types sent, sorted').toEqual([
      'MsgAppend',
      'MsgSnapshot',
      'SnapshotChunk',
    ]);
  });

  test('parts: raft messages are core, MsgSnapshot snapshot, chunks transport', () => {
    expect([0, 6, 7].map((s) => m.events[s]!.part)).toEqual(['core', 'snapshot', 'transport']);
  });
});

describe('store models', () => {
  test('term and role from role, commit from commit and state, the indexes from state; repeats collapse', () => {
    const m = model([
      ev(0, 'sim', 'cluster', { stores: 2 }),
      ev(1, 1, 'role', { state: 'Candidate', term: 2, lead: 0 }),
      ev(2, 1, 'role', { state: 'Leader', term: 2, lead: 1 }),
      ev(3, 1, 'commit', { index: 4 }),
      ev(4, 1, 'state', { commit: 4, applied: 3, first: 1, last: 5, truncated: 0 }),
      ev(5, 1, 'state', { commit: 5, applied: 5, first: 4, last: 5, truncated: 3 }),
      ev(6, 1, 'apply', { index: 9 }),
    ]);
    expect(m.stores, 'expected stores 1..2 from the cluster line').toEqual([1, 2]);
    const s = m.storeModels.get(1)!.series;
    const v = (name: keyof typeof s): number[][] => s[name].map((p) => [p.seq, p.value]);
    expect(v('term'), 'term: one point, repeated terms collapse').toEqual([[1, 2]]);
    expect(v('role'), 'role: Candidate (1) then Leader (2)').toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(v('commit'), 'commit: 4 from the commit line (the state line repeats it), then 5').toEqual([
      [3, 4],
      [5, 5],
    ]);
    expect(v('applied'), 'applied: from state only when state lines exist (not from apply)').toEqual([
      [4, 3],
      [5, 5],
    ]);
    expect(v('first'), 'first index from state').toEqual([
      [4, 1],
      [5, 4],
    ]);
    expect(m.storeModels.get(2)!.series.term, 'a store without events has empty series').toEqual([]);
  });

  test('without state lines: applied from apply, last from persist, truncated and first from compact-log', () => {
    const m = model([
      ev(0, 1, 'persist', { last: 7, n: 7 }),
      ev(1, 1, 'apply', { index: 6, cmd: 'put' }),
      ev(2, 1, 'compact-log', { index: 5, truncated: 5 }),
      ev(3, 1, 'log-gc', { endIndex: 6, deleted: 5 }),
    ]);
    const s = m.storeModels.get(1)!.series;
    expect(
      s.applied.map((p) => p.value),
      'applied from apply',
    ).toEqual([6]);
    expect(
      s.last.map((p) => p.value),
      'last from persist.last',
    ).toEqual([7]);
    expect(
      s.truncated.map((p) => [p.seq, p.value]),
      'truncated from compact-log; the log-gc repeats it',
    ).toEqual([[2, 5]]);
    expect(
      s.first.map((p) => p.value),
      'first = truncated + 1',
    ).toEqual([6]);
  });

  test('down ranges run from a crash to the next restart, start or up; an open one has no end', () => {
    const m = model([
      ev(0, 2, 'start', { incarnation: 1 }),
      ev(1, 2, 'crash', { incarnation: 1 }),
      ev(2, 2, 'crash', { incarnation: 1 }),
      ev(3, 2, 'restart', { incarnation: 2 }),
      ev(4, 2, 'up', { incarnation: 2 }),
      ev(5, 2, 'crash', { incarnation: 2 }),
    ]);
    expect(m.storeModels.get(2)!.down, 'expected [1, 3] and [5, open)').toEqual([
      { fromSeq: 1, toSeq: 3 },
      { fromSeq: 5, toSeq: undefined },
    ]);
  });
});

describe('client operations', () => {
  const events = [
    ev(100, 'c1', 'invoke', { id: 0, op: 'put', key: 'k1', value: 'c1.1' }),
    ev(110, 'c1', 'return', { id: 0, ok: true }),
    ev(120, 'c3', 'invoke', { id: 1, op: 'get', key: 'k1' }),
    ev(120, 'c3', 'invoke', { id: 2, op: 'put', key: 'k2', value: 'c3.2' }),
    ev(130, 'c2', 'invoke', { id: 3, op: 'delete', key: 'k1' }),
    ev(150, 'c3', 'return', { id: 1, value: 'c1.1' }),
    ev(160, 'c2', 'fail', { id: 3, why: 'not leader' }),
    ev(170, 'c3', 'abandon', { id: 2, why: 'timeout' }),
    ev(180, 'c4', 'invoke', { id: 4, op: 'get', key: 'k2' }),
  ];

  test('invoke → return / fail / abandon per client op id; one still open is pending', () => {
    const m = model(events);
    expect(m.clients, 'clients in order of first appearance').toEqual(['c1', 'c3', 'c2', 'c4']);
    expect(
      m.ops.map((o) => [o.client, o.id, o.outcome, o.endSeq, o.result]),
      'expected each op’s outcome, end and result',
    ).toEqual([
      ['c1', 0, 'ok', 1, 'ok'],
      ['c3', 1, 'ok', 5, '"c1.1"'],
      ['c3', 2, 'abandoned', undefined, 'timeout'],
      ['c2', 3, 'failed', 6, 'not leader'],
      ['c4', 4, 'pending', undefined, undefined],
    ]);
    expect(
      m.ops.some((o) => o.flagged),
      'expected nothing flagged without a failure',
    ).toBe(false);
  });

  test('an op named in the linearizability explanation (client and call time) is flagged', () => {
    const named = fmtOp({
      index: 0,
      clientId: 3,
      kind: 'put',
      key: 'k2',
      arg: 'c3.2',
      result: undefined,
      call: 120.001,
      ret: Infinity,
    });
    const failure = `the client history is not linearizable (key k2, 2 operations):\n  ${named}\n`;
    const m = model(events, { ...META, failure });
    expect(
      m.ops.filter((o) => o.flagged).map((o) => o.id),
      `expected only op 2 (put k2 by client 3 at t=120; op 1 was called in the same ms) flagged by: ${named}`,
    ).toEqual([2]);
  });

  test('without meta.failure, the failure event’s error is the explanation', () => {
    const named = fmtOp({
      index: 0,
      clientId: 1,
      kind: 'put',
      key: 'k1',
      arg: 'c1.1',
      result: undefined,
      call: 100,
      ret: 110,
    });
    const m = model([...events, ev(200, 'sim', 'failure', { error: `not linearizable:\n  ${named}` })]);
    expect(m.failureSeq, 'expected the failure event’s seq').toBe(events.length);
    expect(
      m.ops.filter((o) => o.flagged).map((o) => o.id),
      `expected op 0 flagged by: ${named}`,
    ).toEqual([0]);
  });
});

/** A lab-3 snapshot chain from leader 1 to follower 2 at index 9, in trace order (code order). */
function snapshotTrace(withGeneration: boolean): TraceEvent[] {
  const gen = withGeneration
    ? [ev(15, 1, 'snapshot-generated', { index: 9, term: 2, keys: 1, bytes: 10 })]
    : [];
  return [
    ev(10, 1, 'snapshot-requested', { regionId: 1 }), // 0: PeerStorage.snapshot asked first…
    ev(10, 1, 'snapshot-call', { result: 'unavailable' }), // 1: …then the caller saw "unavailable"
    ev(11, 1, 'spawn', { task: 'snapshot-gen', delay: 4 }),
    ...gen,
    ev(20, 1, 'snapshot-call', { result: 'ok', index: 9, term: 2 }),
    ev(20, 1, 'send', { id: 7, to: 2, type: 'MsgSnapshot', term: 2 }),
    ev(20, 1, 'snapshot-sent', { to: 2, index: 9, term: 2, bytes: 10 }),
    ev(20, 1, 'progress', { peer: 2, state: 'Snapshot', match: 3, next: 4, pending: 9 }),
    ev(20, 1, 'progress', { peer: 2, state: 'Probe', match: 3, next: 10 }),
    ev(22, 2, 'deliver', { id: 7, from: 1, type: 'MsgSnapshot' }),
    ev(22, 2, 'snapshot-install', { index: 9, term: 2, keys: 1 }),
    ev(22, 2, 'snapshot-installed', { index: 9, term: 2 }),
    ev(22, 2, 'send', { id: 8, to: 1, type: 'MsgAppendResponse', index: 9 }),
    ev(22, 2, 'state', { commit: 9, applied: 9, first: 10, last: 9, truncated: 9 }),
  ];
}

const SNAPSHOT_STEPS = [
  'fallback',
  'unavailable',
  'generate',
  'next-snapshot',
  'progress-snapshot',
  'message',
  'transport',
  'handle',
  'install',
  'advance',
  'ack',
  'progress-leaves',
];

describe('chains', () => {
  test('a snapshot chain lists every step in order, each at the event that shows it', () => {
    const m = model(snapshotTrace(true));
    const chains = m.chains.filter((c) => c.kind === 'snapshot');
    expect(
      chains.map((c) => c.title),
      'expected one snapshot chain',
    ).toEqual(['snapshot @9 (term 2) from store 1 to store 2']);
    const c = chains[0]!;
    expect(
      c.steps.map((s) => s.key),
      'expected the steps in causal order',
    ).toEqual(SNAPSHOT_STEPS);
    expect(stepsOf(c).seen, 'expected each step at its event (same-instant events in code order)').toEqual([
      'fallback@1',
      'unavailable@0',
      'generate@3',
      'next-snapshot@4',
      'progress-snapshot@7',
      'message@5',
      'transport@9',
      'handle@9',
      'install@10',
      'advance@13',
      'ack@12',
      'progress-leaves@8',
    ]);
    expect(c.complete, 'expected a complete chain').toBe(true);
    expect(c.steps[0]!.where, 'expected the kit’s file and function').toBe(
      'raft/raft.ts Raft.sendAppend → Raft.sendSnapshot',
    );
  });

  test('a step missing from the trace stays in the chain, not seen; the others are still found in order', () => {
    const c = model(snapshotTrace(false)).chains.find((x) => x.kind === 'snapshot')!;
    expect(
      c.steps.map((s) => s.key),
      'expected all the steps still listed',
    ).toEqual(SNAPSHOT_STEPS);
    const { seen, missing } = stepsOf(c);
    expect(missing, 'expected only the generation not seen').toEqual(['generate']);
    expect(seen.slice(0, 3), 'expected the steps after it found after the previous seen one').toEqual([
      'fallback@1',
      'unavailable@0',
      'next-snapshot@3',
    ]);
    expect(c.complete, 'expected an incomplete chain').toBe(false);
  });

  test('a snapshot asked for and never sent is a chain of its own: what happened, and where it stopped', () => {
    // the progress enters Snapshot on "temporarily unavailable" (a common mistake): the leader never asks again
    const events = [
      ev(10, 1, 'snapshot-requested', { regionId: 1 }),
      ev(10, 1, 'snapshot-call', { result: 'unavailable' }),
      ev(10, 1, 'progress', { peer: 3, state: 'Snapshot', match: 6, next: 7, pending: 16 }),
      ev(30, 1, 'spawn', { task: 'snapshot-gen', delay: 20 }),
      ev(30, 1, 'snapshot-generated', { index: 18, term: 6, keys: 3, bytes: 64 }),
      ev(900, 'sim', 'failure', { error: 'store(s) 3 did not catch up' }),
    ];
    const chains = buildModel(events, META).chains.filter((c) => c.kind === 'snapshot');
    expect(chains.map((c) => c.title)).toEqual([
      'snapshot @18 from store 1 to store 3: asked for, never sent',
    ]);
    const seen = chains[0]!.steps.filter((x) => x.seq !== undefined).map((x) => x.key);
    expect(seen).toEqual(['fallback', 'unavailable', 'generate', 'progress-snapshot']);
    expect(chains[0]!.complete).toBe(false);
  });

  test('a request followed by its send makes no extra chain', () => {
    const events = [
      ev(10, 1, 'snapshot-requested', { regionId: 1 }),
      ev(10, 1, 'snapshot-call', { result: 'unavailable' }),
      ev(30, 1, 'snapshot-generated', { index: 18, term: 6, keys: 3, bytes: 64 }),
      ev(40, 1, 'snapshot-call', { result: 'ok', index: 18, term: 6 }),
      ev(40, 1, 'send', { id: 5, to: 3, type: 'MsgSnapshot', term: 6 }),
      ev(40, 1, 'snapshot-sent', { to: 3, index: 18, term: 6, bytes: 64 }),
    ];
    const titles = buildModel(events, META)
      .chains.filter((c) => c.kind === 'snapshot')
      .map((c) => c.title);
    expect(titles).toEqual(['snapshot @18 (term 6) from store 1 to store 3']);
  });

  test('a MsgSnapshot ignored, then resent and installed: message, transport and handle are the resend', () => {
    const m = model([
      ...snapshotTrace(true).slice(0, 10), // 0…9: generated, sent as packet 7, delivered at seq 9…
      ev(22, 2, 'send', { id: 8, to: 1, type: 'MsgAppendResponse', index: 3, reject: true }), // 10: …ignored
      ev(30, 1, 'snapshot-call', { result: 'ok', index: 9, term: 2 }), // 11
      ev(30, 1, 'send', { id: 11, to: 2, type: 'MsgSnapshot', term: 2 }), // 12: the resend
      ev(30, 1, 'snapshot-sent', { to: 2, index: 9, term: 2, bytes: 10 }), // 13
      ev(30, 1, 'progress', { peer: 2, state: 'Snapshot', match: 3, next: 4, pending: 9 }), // 14
      ev(32, 2, 'deliver', { id: 11, from: 1, type: 'MsgSnapshot' }), // 15
      ev(32, 2, 'snapshot-install', { index: 9, term: 2, keys: 1 }), // 16
      ev(32, 2, 'snapshot-installed', { index: 9, term: 2 }), // 17
      ev(32, 2, 'send', { id: 12, to: 1, type: 'MsgAppendResponse', index: 9 }), // 18
      ev(32, 2, 'state', { commit: 9, applied: 9, first: 10, last: 9, truncated: 9 }), // 19
    ]);
    const chains = m.chains.filter((x) => x.kind === 'snapshot');
    expect(chains.length, 'expected one chain for the one (leader, follower, index)').toBe(1);
    const at = (key: string) => chains[0]!.steps.find((st) => st.key === key)?.seq;
    expect(
      ['message', 'transport', 'handle', 'install'].map((k) => `${k}@${at(k)}`),
      'expected the delivery steps at the attempt installed (packet 11), not the first (packet 7)',
    ).toEqual(['message@12', 'transport@15', 'handle@15', 'install@16']);
  });

  test('lab 4: a stream that failed, then one received whole and installed: the steps are the second', () => {
    const m = model([
      ev(10, 1, 'snapshot-requested', { regionId: 1 }), // 0
      ev(10, 1, 'snapshot-call', { result: 'unavailable' }), // 1
      ev(15, 1, 'snapshot-generated', { index: 9, term: 2, keys: 1, bytes: 10 }), // 2
      ev(20, 1, 'snapshot-call', { result: 'ok', index: 9, term: 2 }), // 3
      ev(20, 1, 'snapshot-stream-start', { to: 2, stream: 1, index: 9, term: 2, bytes: 10 }), // 4
      ev(20, 1, 'progress', { peer: 2, state: 'Snapshot', match: 3, next: 4, pending: 9 }), // 5
      ev(21, 2, 'deliver', { id: 5, from: 1, type: 'SnapshotChunk' }), // 6
      ev(40, 2, 'snapshot-receive-end', { from: 1, stream: 1, ok: false, reason: 'no frame' }), // 7
      ev(50, 1, 'snapshot-stream-start', { to: 2, stream: 2, index: 9, term: 2, bytes: 10 }), // 8
      ev(51, 2, 'deliver', { id: 9, from: 1, type: 'SnapshotChunk' }), // 9
      ev(52, 2, 'deliver', { id: 10, from: 1, type: 'SnapshotChunk' }), // 10
      ev(52, 2, 'snapshot-receive-end', { from: 1, stream: 2, ok: true }), // 11
      ev(52, 2, 'snapshot-install', { index: 9, term: 2, keys: 1 }), // 12
    ]);
    const chain = m.chains.find((x) => x.kind === 'snapshot')!;
    const at = (key: string) => chain.steps.find((st) => st.key === key)?.seq;
    expect(
      ['message', 'transport', 'handle', 'install'].map((k) => `${k}@${at(k)}`),
      'expected stream 2: its start, its first chunk, its whole receipt, then the install',
    ).toEqual(['message@8', 'transport@9', 'handle@11', 'install@12']);
  });

  test('a CompactLog chain: trigger, commit, then each store’s apply, first index, GC task and deletion', () => {
    const m = model([
      ev(0, 1, 'persist', { last: 8, n: 1, term: 2 }),
      ev(1, 1, 'commit', { index: 8 }),
      ev(2, 1, 'apply', { index: 8, term: 2, cmd: 'admin' }),
      ev(2, 1, 'compact-log', { index: 7, truncated: 7 }),
      ev(2, 1, 'spawn', { task: 'raftlog-gc', delay: 1 }),
      ev(2, 1, 'state', { commit: 8, applied: 8, first: 8, last: 8, truncated: 7 }),
      ev(3, 1, 'task', { task: 'raftlog-gc' }),
      ev(3, 1, 'log-gc', { endIndex: 8, deleted: 7 }),
      ev(4, 2, 'apply', { index: 8, term: 2, cmd: 'admin' }),
      ev(4, 2, 'compact-log', { index: 7, truncated: 7 }),
    ]);
    const c = m.chains.find((x) => x.kind === 'compact-log')!;
    expect(c.title).toBe('CompactLog @7 (entry 8), applied on stores 1, 2');
    expect(
      c.steps.map((s) => `${s.key}@${s.seq ?? '-'}`),
      'expected store 2’s GC steps not seen',
    ).toEqual([
      'trigger@0',
      'commit@1',
      'apply:1@3',
      'first:1@5',
      'gc-task:1@4',
      'delete:1@7',
      'apply:2@9',
      'first:2@-',
      'gc-task:2@-',
      'delete:2@-',
    ]);
  });
});

describe('malformed events', () => {
  test('odd lines are kept (seq = line) and shown raw; odd fields never throw', () => {
    const junk: unknown[] = [
      null,
      42,
      ['a'],
      { kind: 5, t: 'x' },
      { t: Number.NaN, node: { a: 1 }, kind: 'send', id: 'x', to: null },
      { t: 3, node: 1, kind: 'send', id: 5, to: 2 },
      { t: 4, node: 2, kind: 'deliver', id: 5 },
      { t: 5, node: 1, kind: 'role', state: { x: 1 }, term: 'big' },
      { t: 6, node: 'c1', kind: 'return', id: 9 },
      { t: 7, node: 'sim', kind: 'failure', error: 12 },
      { t: 8, node: 1, kind: 'snapshot-sent', to: 'x', index: null },
      { t: 9, node: 1, kind: 'apply', cmd: 'admin', index: 'q' },
      { t: 10, node: 1, kind: 'weird-kind', payload: { deep: [1, 2] }, n: 3 },
    ];
    const m = buildModel(junk as TraceEvent[], { ...META, failure: 'client x: nonsense [call t=abc' });
    expect(
      m.events.map((e) => e.seq),
      'expected one event per line',
    ).toEqual(junk.map((_, i) => i));
    expect(
      m.events.map((e) => e.label.length > 0),
      'expected every event labelled',
    ).toEqual(junk.map(() => true));
    expect(m.events[0]!.label, 'a non-object line shows raw').toBe('malformed: null');
    expect(m.events[3]!.kind, 'a line without a string kind').toBe('?');
    expect(m.events[4]!.node, 'an odd node is shown as sim').toBe('sim');
    expect(
      m.arrows.map((a) => [a.id, a.type, a.outcome]),
      'the typeless send still pairs',
    ).toEqual([[5, '?', 'delivered']]);
    expect(m.events[12]!.label, 'an unknown kind shows its scalar fields').toBe('weird-kind n=3');
    expect(m.endT, 'the last event’s t').toBe(10);
  });
});

describe('speed', () => {
  // The page's whole load budget is 3 s (measured in the browser step); this bound only catches a build
  // gone quadratic, with room for a loaded CI machine (about 0.1–0.2 s on a quiet one).
  test('100 000 events build in linear time (under 2 s even on a loaded machine)', () => {
    const events: TraceEvent[] = [];
    for (let i = 0; events.length < 100_000; i++) {
      const from = (i % 5) + 1;
      const to = ((i + 1) % 5) + 1;
      events.push(ev(i, from, 'send', { id: i, to, type: 'MsgAppend', term: 3, index: i, n: 1 }));
      events.push(ev(i + 1, to, 'deliver', { id: i, from, type: 'MsgAppend' }));
      events.push(ev(i + 1, to, 'persist', { last: i, n: 1 }));
      events.push(ev(i + 1, to, 'state', { commit: i, applied: i, first: 1, last: i, truncated: 0 }));
      if (i % 50 === 0)
        events.push(ev(i + 1, `c${from}`, 'invoke', { id: i, op: 'put', key: 'k', value: `v${i}` }));
    }
    events.length = 100_000;
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      buildModel(events, META);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`viewer model: 100 000 events built in ${best.toFixed(0)} ms (best of 3)`);
    expect(best, `expected < 2000 ms, took ${best.toFixed(0)} ms`).toBeLessThan(2000);
  });
});

describe('a real run', () => {
  test('a follower cut off past compaction is caught up by a snapshot: its chain is complete', async () => {
    const trace = new Trace();
    const sim = new Sim({ rng: new Rng(5), trace });
    const c = await Cluster.start(sim, {
      driver: targetDriver,
      stores: 3,
      tuning: { gcCountLimit: 5, gcTickInterval: 1, snapshots: true },
    });
    try {
      const leader = await waitForLeader(c, 5000, 'at start');
      const f = c.storeIds.find((id) => id !== leader)!;
      const cut = c.net.isolate(f);
      const client = new SimClient(1, c, new History(sim), new Rng(2));
      for (let i = 0; i < 30; i++) await sim.runUntil(client.put(`k${i % 3}`, `v${i}`), 5000, `put ${i}`);
      c.net.remove(cut);
      await sim.runFor(3000);
      const events = trace.lines().map((l) => JSON.parse(l) as TraceEvent);
      const m = buildModel(events, META);
      const snaps = m.chains.filter((x) => x.kind === 'snapshot' && x.title.endsWith(`to store ${f}`));
      const done = snaps.find((x) => x.complete);
      const report = snaps.map((x) => `${x.title}: missing ${stepsOf(x).missing.join(', ')}`).join('; ');
      expect(
        done,
        `expected a complete snapshot chain to store ${f}; got ${report || 'no chain'}`,
      ).toBeDefined();
      expect(done!.steps.map((s) => s.key)).toEqual(SNAPSHOT_STEPS);
      // Lab 3 reports the send right away (reportSnapshot: Snapshot → Probe), before the ack: the last
      // step is searched after progress-snapshot, every other after the step before it.
      const times = done!.steps.slice(0, -1).map((s) => s.t!);
      expect(times, 'expected the steps’ times never to go back').toEqual([...times].sort((a, b) => a - b));
      const [entered, left] = [done!.steps[4]!, done!.steps[11]!];
      expect(
        left.seq! > entered.seq!,
        `expected progress-leaves (${left.seq}) after progress-snapshot (${entered.seq})`,
      ).toBe(true);
      expect(
        m.chains.some((x) => x.kind === 'compact-log' && x.complete),
        'expected a complete CompactLog chain',
      ).toBe(true);
      expect(
        m.arrows.filter((a) => a.outcome === 'delivered').length,
        'arrows delivered = deliver lines',
      ).toBe(events.filter((e) => e.kind === 'deliver').length);
    } finally {
      c.shutdown();
      sim.dispose();
    }
  });
});
