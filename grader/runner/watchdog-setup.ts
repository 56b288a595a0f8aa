// vitest setupFiles entry, evaluated in every forks worker before each test file. It (1) starts,
// once per process, the watchdog thread (watchdog-thread.mjs) and the heartbeat it watches, and
// (2) appends to the run's sidecar, synchronously, the file's test list, each test's start and end,
// and uncaught errors, so that the runner can still grade a file whose worker died.
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RunnerTestCase, RunnerTestFile, RunnerTestSuite } from 'vitest';
import { beforeAll, beforeEach } from 'vitest';
import { descriptor } from './descriptors.js';
import { currentTestFile } from './gate.js';
import {
  DEFAULT_RSS_MB,
  DEFAULT_BUSY_MS,
  DEFAULT_STALL_MS,
  describeError,
  ENV,
  positiveIntEnv,
  type SidecarRecord,
  type SidecarState,
  type TestDescriptor,
} from './protocol.js';
import { appendRecord } from './sidecar.js';

const MAX_LEN = 4096;
const KEY_OFFSET = 16;
const FILE_OFFSET = KEY_OFFSET + MAX_LEN;
const HEARTBEAT_MS = 100;

interface Watchdog {
  words: Int32Array;
  bytes: Uint8Array;
  /** Key of the running test, else of the last finished one (for errors thrown after a test). */
  lastKey: string | null;
}

const WATCHDOG = Symbol.for('raftlab.watchdog');
type WatchdogGlobal = { [WATCHDOG]?: Watchdog };

const sidecar = process.env[ENV.sidecar];
const encoder = new TextEncoder();

function writeString(w: Watchdog, lengthWord: number, offset: number, s: string | null): void {
  if (s === null) {
    Atomics.store(w.words, lengthWord, -1);
    return;
  }
  const { written } = encoder.encodeInto(s, w.bytes.subarray(offset, offset + MAX_LEN));
  Atomics.store(w.words, lengthWord, written);
}

function record(r: SidecarRecord): void {
  appendRecord(sidecar, r);
}

function start(): Watchdog {
  const sab = new SharedArrayBuffer(FILE_OFFSET + MAX_LEN);
  const w: Watchdog = { words: new Int32Array(sab, 0, 4), bytes: new Uint8Array(sab), lastKey: null };
  Atomics.store(w.words, 1, -1);
  setInterval(() => {
    Atomics.add(w.words, 0, 1);
    const h = getHeapStatistics();
    Atomics.store(w.words, 3, Math.round((100 * h.used_heap_size) / h.heap_size_limit));
  }, HEARTBEAT_MS).unref();
  const thread = new Worker(new URL('./watchdog-thread.mjs', import.meta.url), {
    workerData: {
      sab,
      sidecar: sidecar ?? '',
      stallMs: positiveIntEnv(process.env[ENV.stallMs], DEFAULT_STALL_MS),
      busyMs: positiveIntEnv(process.env[ENV.busyMs], DEFAULT_BUSY_MS),
      rssMb: positiveIntEnv(process.env[ENV.rssMb], DEFAULT_RSS_MB),
      keyOffset: KEY_OFFSET,
      fileOffset: FILE_OFFSET,
      maxLen: MAX_LEN,
    },
  });
  thread.unref();
  const onError = (e: unknown) =>
    record({
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

const g = globalThis as WatchdogGlobal;
g[WATCHDOG] ??= start();
const wd = g[WATCHDOG];
const file = currentTestFile();
writeString(wd, 2, FILE_OFFSET, file);
writeString(wd, 1, KEY_OFFSET, null);
wd.lastKey = null;
record({ t: 'load', file, pid: process.pid });

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
  record({ t: 'file', file, pid: process.pid, tests: tests.map(describe) });
});

beforeEach((ctx) => {
  const key = describe(ctx.task).key;
  const startedAt = performance.now();
  wd.lastKey = key;
  writeString(wd, 1, KEY_OFFSET, key);
  record({ t: 'start', file, pid: process.pid, key });
  ctx.onTestFinished(() => {
    const result = ctx.task.result;
    const state: SidecarState =
      result?.state === 'pass' ? 'pass' : result?.state === 'skip' ? 'skip' : 'fail';
    const err = result?.errors?.[0];
    record({
      t: 'end',
      file,
      pid: process.pid,
      key,
      state,
      durationMs: Math.round(performance.now() - startedAt),
      ...(ctx.task.meta.seed !== undefined ? { seed: ctx.task.meta.seed } : {}),
      ...(ctx.task.meta.traceDigest !== undefined ? { traceDigest: ctx.task.meta.traceDigest } : {}),
      ...(err ? { error: describeError(err) } : {}),
    });
    writeString(wd, 1, KEY_OFFSET, null);
  });
});
