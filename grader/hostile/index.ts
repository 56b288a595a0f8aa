// Every hostile case, in class order (issue 10's classes 1–11, then the robustness cases); within a
// class, in the order of the files below.
import { builtinCases } from './builtins.js';
import type { HostileCase } from './case.js';
import { channelCases } from './channel.js';
import { checkoutCases } from './checkout.js';
import { escapeCases } from './escape.js';
import { nonRegionCases } from './non-region.js';
import { parallelCases } from './parallel.js';
import { pathCases } from './paths.js';
import { referenceCases } from './reference.js';
import { reportCases } from './report-forgery.js';
import { robustnessCases } from './robustness.js';
import { slowCases } from './slow.js';
import { testRunnerCases } from './test-runner.js';
import { watchdogCases } from './watchdog.js';

/** Class number of a case id (`8.heartbeat` → 8); robustness cases (`r.…`) last. */
function classOf(c: HostileCase): number {
  const n = Number(c.id.split('.')[0]);
  return Number.isInteger(n) ? n : Number.POSITIVE_INFINITY;
}

const ALL: HostileCase[] = [
  ...referenceCases,
  ...testRunnerCases,
  ...builtinCases,
  ...channelCases,
  ...reportCases,
  ...checkoutCases,
  ...nonRegionCases,
  ...watchdogCases,
  ...pathCases,
  ...parallelCases,
  ...slowCases,
  ...robustnessCases,
  ...escapeCases,
];

export const HOSTILE_CASES: readonly HostileCase[] = ALL.map((c, i) => ({ c, i }))
  .sort((a, b) => classOf(a.c) - classOf(b.c) || a.i - b.i)
  .map(({ c }) => c);
