// Unit tests of the synthetic trace (grader/viewer/synthetic.ts), the browser step's 100 000-event page:
// exactly the events asked for, the same for the same seed, every kind the viewer draws, and packets that
// make sense (each deliver, drop or duplicate follows the send of its packet id, time never goes back).
import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../viewer/model/types.js';
import { syntheticTrace } from '../viewer/synthetic.js';

const KINDS = [
  'send',
  'deliver',
  'drop',
  'duplicate',
  'persist',
  'commit',
  'apply',
  'state',
  'role',
  'tick',
  'progress',
  'compact-log',
  'log-gc',
  'snapshot-generated',
  'snapshot-installed',
  'invoke',
  'return',
];

/** The first event that breaks the packet rules, as text; undefined when all hold. */
function packetProblem(events: readonly TraceEvent[]): string | undefined {
  const sent = new Set<unknown>();
  let t = 0;
  for (const [seq, e] of events.entries()) {
    if (e.t < t) return `event ${seq} at t=${e.t} after t=${t}`;
    t = e.t;
    if (e.kind === 'send') sent.add(e.id);
    else if (['deliver', 'drop', 'duplicate'].includes(e.kind) && !sent.has(e.id))
      return `event ${seq} (${e.kind} of packet ${String(e.id)}) before its send`;
  }
  return undefined;
}

describe('syntheticTrace', () => {
  const big = syntheticTrace({ events: 100_000, stores: 5, seed: 1 });

  test('has exactly the events asked for, from 5 stores', () => {
    expect(big.length, 'events').toBe(100_000);
    const stores = new Set(big.filter((e) => typeof e.node === 'number').map((e) => e.node));
    expect([...stores].sort(), 'stores').toEqual([1, 2, 3, 4, 5]);
  });

  test('is the same for the same seed, and differs for another seed', () => {
    const a = JSON.stringify(syntheticTrace({ events: 5_000, seed: 4 }));
    expect(JSON.stringify(syntheticTrace({ events: 5_000, seed: 4 })) === a, 'seed 4 twice').toBe(true);
    expect(JSON.stringify(syntheticTrace({ events: 5_000, seed: 5 })) === a, 'seeds 4 and 5').toBe(false);
  });

  test('holds every kind of event the viewer draws', () => {
    const kinds = new Set(big.map((e) => e.kind));
    expect(
      KINDS.filter((k) => !kinds.has(k)),
      'kinds missing',
    ).toEqual([]);
    const types = new Set(big.filter((e) => e.kind === 'send').map((e) => e.type));
    expect(types.has('MsgSnapshot') && types.has('MsgAppend'), `message types ${[...types]}`).toBe(true);
  });

  test('keeps time in order, and every packet event follows its send', () => {
    expect(packetProblem(big), 'first broken rule').toBeUndefined();
  });
});
