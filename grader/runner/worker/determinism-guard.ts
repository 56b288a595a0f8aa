// Worker side, a vitest setup file: makes the graded code's direct use of a clock, a timer or unseeded randomness a
// loud, teaching failure instead of a silent source of nondeterminism (principle 2: a run is a pure
// function of code and seed). Math.random, Date.now, performance.now, setTimeout, setInterval and
// setImmediate throw NondeterminismError when their immediate caller is a file of the target;
// every other caller (vitest, the grader, libraries) is served as usual. The target's folder arrives as
// a real path (the host resolves symbolic links), and frames are parsed whatever the folder is called
// (spaces, parentheses, file: URLs with escapes).
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The target's real-world adapters may use Node's clock and timers: they are not run by the grader. */
const ALLOWED = new Set(['runtime/realtime.ts', 'store/tcp-transport.ts']);

/** Code under test called a clock, timer or random source directly. */
export class NondeterminismError extends Error {
  override readonly name = 'NondeterminismError';
}

const targetDir = process.env['RAFTLAB_TARGET_DIR'];

/** The file and line of one V8 stack frame (`at f (/a (b)/x.ts:1:2)`, `at file:///a%20b/x.ts:1:2`). */
export function frameLocation(frame: string): { file: string; line: string } | undefined {
  const m = /[\s(]((?:file:\/\/)?\/.+?):(\d+):\d+\)?\s*$/.exec(frame);
  if (m === null) return undefined;
  const where = m[1] as string;
  try {
    return { file: where.startsWith('file://') ? fileURLToPath(where) : where, line: m[2] as string };
  } catch {
    return undefined;
  }
}

/** The file:line of the code that called `fn`, if it is a file of the target (and not an allowed one). */
function targetCaller(fn: (...args: never[]) => unknown): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  const at = frameLocation(holder.stack?.split('\n')[1] ?? '');
  if (targetDir === undefined || at === undefined || !at.file.startsWith(targetDir + sep)) return undefined;
  const rel = relative(targetDir, at.file);
  return ALLOWED.has(rel) ? undefined : `${rel}:${at.line}`;
}

function guard<A extends unknown[], R>(
  name: string,
  instead: string,
  original: (...args: A) => R,
): (...args: A) => R {
  const wrapped = (...args: A): R => {
    const at = targetCaller(wrapped as (...args: never[]) => unknown);
    if (at !== undefined) {
      throw new NondeterminismError(
        `${at} called ${name}: code under test must not read the clock, set timers or draw random numbers ` +
          `itself — ${instead}. Otherwise a run is no longer a pure function of (code, seed) and a failure ` +
          'could not be replayed.',
      );
    }
    return original(...args);
  };
  return wrapped;
}

if (targetDir !== undefined) {
  const RUNTIME = 'use the injected Runtime (runtime.now(), runtime.setTimer(), runtime.spawn())';
  Math.random = guard('Math.random()', 'use config.random / runtime.random (seeded)', Math.random);
  Date.now = guard('Date.now()', RUNTIME, Date.now);
  performance.now = guard('performance.now()', RUNTIME, performance.now.bind(performance));
  globalThis.setTimeout = guard('setTimeout()', RUNTIME, globalThis.setTimeout) as typeof setTimeout;
  globalThis.setInterval = guard('setInterval()', RUNTIME, globalThis.setInterval) as typeof setInterval;
  globalThis.setImmediate = guard('setImmediate()', RUNTIME, globalThis.setImmediate) as typeof setImmediate;
}
