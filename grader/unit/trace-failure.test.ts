// Unit test of a failed run's trace: its last event is the failure, stamped with the time of the event
// before it, in the simulator's format (docs/debugging.md); a failure the run already recorded is not
// recorded twice.
import { describe, expect, test } from 'vitest';
import { Trace } from '../harness/trace.js';

describe('Trace.fail', () => {
  test('records the failing check as the last event, at the last event’s time', () => {
    const trace = new Trace();
    trace.record({ t: 7, node: 1, kind: 'role', state: 'Leader', term: 2, lead: 1 });
    trace.record({ kind: 'untimed' });
    trace.fail(new RangeError('two leaders in term 2'));
    const last = JSON.parse(trace.lines().at(-1) ?? '{}') as Record<string, unknown>;
    expect(last).toEqual({ t: 7, node: 'sim', kind: 'failure', error: 'RangeError: two leaders in term 2' });
  });

  test('a failure the simulator recorded already stays the last event, once', () => {
    const trace = new Trace();
    trace.record({ t: 3, node: 'sim', kind: 'failure', error: 'SimStallError: nothing left to simulate' });
    trace.fail(new Error('nothing left to simulate'));
    expect(trace.length).toBe(1);
  });
});
