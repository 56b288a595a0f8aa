// How the host turns a test vitest collected (a TestCase) into a TestDescriptor, the same way the
// worker describes it (contract.ts's descriptor), plus its own time limit for the committed list.
import type { TestCase } from 'vitest/node';
import { descriptor, type TestDescriptor } from '../contract.js';

export function descriptorOf(tc: TestCase): TestDescriptor {
  return descriptor(tc.meta(), tc.fullName);
}

/**
 * The time limit of one run of the test (one seed), in own time: the rule's own limit, else (a test
 * not declared with rule()) vitest's timeout.
 */
export function runLimitOf(tc: TestCase): number | undefined {
  const own = tc.meta().limitMs;
  if (typeof own === 'number') return own;
  const t = tc.options.timeout;
  if (t === undefined) return undefined;
  return tc.meta().seeded === true ? Math.max(1, t - 1_000) : t;
}
