// How the host turns a test vitest collected (a TestCase) into a TestDescriptor, the same way the
// worker describes it (contract.ts's descriptor), plus its own time limit for the committed list.
import type { TestCase } from 'vitest/node';
import { descriptor, type TestDescriptor } from '../contract.js';

export function descriptorOf(tc: TestCase): TestDescriptor {
  return descriptor(tc.meta(), tc.fullName);
}

/**
 * The time limit of one run of the test: vitest's timeout, less the second seededRule adds on top of
 * its per-seed limit (collected with one seed).
 */
export function runLimitOf(tc: TestCase): number | undefined {
  const t = tc.options.timeout;
  if (t === undefined) return undefined;
  return tc.meta().seeded === true ? Math.max(1, t - 1_000) : t;
}
