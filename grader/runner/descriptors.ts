// How a test becomes a TestDescriptor, in the runner (a vitest TestCase) and in the workers (which
// write it to the sidecar): key = rule id, or the full name for a plain vitest test.
import type { TaskMeta } from 'vitest';
import type { TestCase } from 'vitest/node';
import type { TestDescriptor } from './protocol.js';

/** The descriptor of a test from its meta and full name (both the workers and the runner use it). */
export function descriptor(m: TaskMeta, fullName: string): TestDescriptor {
  return {
    key: m.id ?? fullName,
    name: fullName,
    id: m.id,
    part: m.part,
    points: m.points,
    tags: m.tags,
    seeded: m.seeded,
  };
}

export function descriptorOf(tc: TestCase): TestDescriptor {
  return descriptor(tc.meta(), tc.fullName);
}
