// Worker side, the first vitest setup file, evaluated in every forks worker before its test file. It
// (1) starts the watchdog thread (watchdog-thread.mjs) and the heartbeat it watches, and (2) appends to
// the run's channel, synchronously, the file's test list, each test's start and end, and uncaught
// errors, so that the host can still grade a file whose worker died.
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RunnerTestCase, RunnerTestFile, RunnerTestSuite } from 'vitest';
import { beforeAll, beforeEach } from 'vitest';
import {
  DEFAULT_BUSY_MS,
  DEFAULT_RSS_MB,
  DEFAULT_STALL_MS,
  descriptor,
  describeError,
  ENV,
  positiveIntEnv,
  type SidecarState,
  type TestDescriptor,
  WATCHDOG,
} from '../contract.js';
import { appendRecord, channel } from './channel.js';
import { currentTestFile } from './gate.js';

interface Watchdog {
  words: Int32Array;
  bytes: Uint8Array;
  /** Key of the running test, else of the last finished one (for errors thrown after a test). */
  lastKey: string | null;
}

const encoder = new TextEncoder();

function writeString(w: Watchdog, lengthWord: number, offset: number, s: string | null): void {
  if (s === null) {
    Atomics.store(w.words, lengthWord, -1);
    return;
  }
  const { written } = encoder.encodeInto(s, w.bytes.subarray(offset, offset + WATCHDOG.maxLen));
  Atomics.store(w.words, lengthWord, written);
}

/** Once per process: vitest runs each test file in a process of its own (isolate: true). */
function start(): Watchdog {
  const sab = new SharedArrayBuffer(WATCHDOG.bytes);
  const w: Watchdog = {
    words: new Int32Array(sab, 0, WATCHDOG.words),
    bytes: new Uint8Array(sab),
    lastKey: null,
  };
  Atomics.store(w.words, WATCHDOG.keyLength, -1);
  setInterval(() => {
    Atomics.add(w.words, WATCHDOG.heartbeat, 1);
    const h = getHeapStatistics();
    Atomics.store(w.words, WATCHDOG.heapPercent, Math.round((100 * h.used_heap_size) / h.heap_size_limit));
  }, WATCHDOG.heartbeatMs).unref();
  const { sidecar, key } = channel();
  const thread = new Worker(new URL('./watchdog-thread.mjs', import.meta.url), {
    workerData: {
      sab,
      sidecar: sidecar ?? '',
      key: key ?? '',
      stallMs: positiveIntEnv(process.env[ENV.stallMs], DEFAULT_STALL_MS),
      busyMs: positiveIntEnv(process.env[ENV.busyMs], DEFAULT_BUSY_MS),
      rssMb: positiveIntEnv(process.env[ENV.rssMb], DEFAULT_RSS_MB),
      layout: WATCHDOG,
    },
  });
  thread.unref();
  const onError = (e: unknown) =>
    appendRecord({
      t: 'uncaught',
      file: currentTestFile(),
      pid: process.pid,
      key: w.lastKey,
      error: describeError(e),
    });
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return w;
}

const wd = start();
const file = currentTestFile();
writeString(wd, WATCHDOG.fileLength, WATCHDOG.fileOffset, file);
writeString(wd, WATCHDOG.keyLength, WATCHDOG.keyOffset, null);
appendRecord({ t: 'load', file, pid: process.pid });

/** Like vitest's TestCase.fullName: enclosing describe names and the test name, joined by ' > '. */
function fullName(task: RunnerTestCase): string {
  const names: string[] = [task.name];
  for (let s: RunnerTestSuite | undefined = task.suite; s && s !== task.file; s = s.suite)
    names.unshift(s.name);
  return names.join(' > ');
}

function allTests(suite: RunnerTestFile | RunnerTestSuite): RunnerTestCase[] {
  return suite.tasks.flatMap((t) => (t.type === 'test' ? [t] : t.type === 'suite' ? allTests(t) : []));
}

function describe(task: RunnerTestCase): TestDescriptor {
  return descriptor(task.meta, fullName(task));
}

// biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructured first argument (fixtures)
beforeAll(({}, suite) => {
  const tests = allTests(suite).filter((t) => t.mode === 'run' || t.mode === 'queued');
  appendRecord({ t: 'file', file, pid: process.pid, tests: tests.map(describe) });
});

beforeEach((ctx) => {
  const key = describe(ctx.task).key;
  const startedAt = performance.now();
  wd.lastKey = key;
  writeString(wd, WATCHDOG.keyLength, WATCHDOG.keyOffset, key);
  // Every test starts with a fresh CPU budget, even when the tests before it never yielded.
  Atomics.add(wd.words, WATCHDOG.heartbeat, 1);
  appendRecord({ t: 'start', file, pid: process.pid, key });
  ctx.onTestFinished(() => {
    const result = ctx.task.result;
    const state: SidecarState =
      result?.state === 'pass' ? 'pass' : result?.state === 'skip' ? 'skip' : 'fail';
    const err = result?.errors?.[0];
    appendRecord({
      t: 'end',
      file,
      pid: process.pid,
      key,
      state,
      durationMs: Math.round(performance.now() - startedAt),
      ...(ctx.task.meta.seed !== undefined ? { seed: ctx.task.meta.seed } : {}),
      ...(ctx.task.meta.traceDigest !== undefined ? { traceDigest: ctx.task.meta.traceDigest } : {}),
      ...(ctx.task.meta.sweep !== undefined ? { sweep: ctx.task.meta.sweep } : {}),
      ...(err ? { error: describeError(err) } : {}),
    });
    writeString(wd, WATCHDOG.keyLength, WATCHDOG.keyOffset, null);
  });
});
