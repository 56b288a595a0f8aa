// Unit test of the host's guard against vitest's listener-less "Worker exited unexpectedly" event
// (passes.ts): while the passes run, that one error becomes a report problem instead of ending the host;
// any other uncaught error is left alone, and the guard is gone once the passes end.
import { expect, test } from 'vitest';
import { guardIdleWorkerExits } from '../runner/host/passes.js';

function idleExit(): Error {
  const err = new Error('Worker exited unexpectedly');
  err.stack = `Error: Worker exited unexpectedly\n    at ChildProcess.emitUnexpectedExit (file:///x/vitest/cli-api.js:1:1)`;
  return err;
}

test('an idle worker exit is a problem, not the end of the host; the guard is removed afterwards', () => {
  const problems: string[] = [];
  const before = process.listenerCount('uncaughtException');
  const unguard = guardIdleWorkerExits({ problem: (m: string) => problems.push(m) });
  expect(process.listenerCount('uncaughtException')).toBe(before + 1);
  process.listeners('uncaughtException').at(-1)?.(idleExit(), 'uncaughtException');
  expect(problems).toEqual([expect.stringContaining('exited while idle')]);
  unguard();
  expect(process.listenerCount('uncaughtException')).toBe(before);
});

test('any other uncaught error still propagates', () => {
  const unguard = guardIdleWorkerExits({ problem: () => {} });
  try {
    const listener = process.listeners('uncaughtException').at(-1);
    expect(() => listener?.(new Error('something else'), 'uncaughtException')).toThrow('something else');
  } finally {
    unguard();
  }
});
