// Host side. The words the runner uses for what it (not the test) observed: a timeout, a watchdog kill, a dead
// test process, an error that escaped a test. Each message says what happened and gives a hint.
import type { TestStatus } from '../../report/model.js';
import type { Limits } from '../contract.js';
import type { SidecarRecord } from '../contract.js';

export const HINT_LOOP =
  'hint: look for a loop that never ends: a while/for whose condition never changes, or an async loop that only awaits already-resolved promises';
export const HINT_EXIT = 'hint: lab code must never call process.exit or process.reallyExit';
export const HINT_MEMORY =
  'hint: something grows without bound: a log, queue or map never trimmed, or a loop that keeps allocating';
export const HINT_ESCAPED =
  'hint: a promise nobody awaited or caught, or a timer/callback that threw after the test finished';
export const HINT_PENDING = 'hint: a promise that never settles, or a cluster that never makes progress';

/** Why a test process stopped, independent of where (which test, which hook) it happened. */
export interface Cause {
  status: TestStatus;
  /** e.g. "the code never yielded to the event loop for 8.0 s (an infinite loop?)…" */
  reason: string;
  hint?: string;
}

/** `timed out: <reason>` / `crashed <where>: <reason>`, then the hint on its own line. */
export function describeCause(c: Cause, where = ''): string {
  const verb = c.status === 'timeout' ? 'timed out' : c.status === 'crashed' ? 'crashed' : 'failed';
  const at = where === '' ? '' : ` ${where}`;
  return `${verb}${at}: ${c.reason}${c.hint ? `\n  ${c.hint}` : ''}`;
}

export function killCause(r: Extract<SidecarRecord, { t: 'hung' | 'oom' }>, limits: Limits): Cause {
  if (r.t === 'hung') {
    const s = (r.stallMs / 1000).toFixed(1);
    const why =
      r.stallMs < limits.stallMs
        ? 'while computing without pause'
        : `(the limit is ${(limits.stallMs / 1000).toFixed(1)} s)`;
    return {
      status: 'timeout',
      reason: `the code never yielded to the event loop for ${s} s ${why} — an infinite loop? — so the watchdog stopped it`,
      hint: HINT_LOOP,
    };
  }
  const used =
    r.what === 'heap'
      ? `its JavaScript heap was ${r.mb}% full of live objects (cap ${limits.heapMb} MiB)`
      : `it used ${r.mb} MiB of memory, over its ${limits.rssMb} MiB cap`;
  return { status: 'crashed', reason: `out of memory (${used})`, hint: HINT_MEMORY };
}

export const DIED: Cause = {
  status: 'crashed',
  reason: 'the test process died (process.exit/reallyExit, or a native crash)',
  hint: HINT_EXIT,
};

/** vitest reported a pass that the channel never confirmed with a verified end record. */
export const UNVERIFIED: Cause = {
  status: 'failed',
  reason:
    'vitest reported a pass, but the grader never received the verified end record of this test (a result forged or lost inside the test process)',
  hint: 'hint: code under test must not reach the test runner or the grader; see "What a submission may change" in docs/grading.md',
};

/** The host's supervisor killed the test process: `what` ran past `limitMs` of wall-clock time. */
export function wallCause(what: string, limitMs: number): Cause {
  return {
    status: 'timeout',
    reason: `${what} ran past its wall-clock limit of ${(limitMs / 1000).toFixed(1)} s, so the grader killed its test process`,
    hint: HINT_PENDING,
  };
}

export function heapOomCause(limits: Limits): Cause {
  return {
    status: 'crashed',
    reason: `out of memory (the test process hit its ${limits.heapMb} MiB JavaScript heap cap)`,
    hint: HINT_MEMORY,
  };
}

export function vitestTimeout(ms: string): string {
  return `timed out after ${ms} ms\n  ${HINT_PENDING}`;
}

export function escaped(error: string): string {
  const hint = /process\.exit/.test(error) ? HINT_EXIT : HINT_ESCAPED;
  return `an error escaped this test (uncaught exception or unhandled rejection): ${error}\n  ${hint}`;
}
