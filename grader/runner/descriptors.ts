// How a vitest TestCase (main-process view) becomes a TestDescriptor, the same shape the workers
// write to the sidecar: key = rule id, or the full name for a plain vitest test.
import type { TestCase } from 'vitest/node';
import type { TestDescriptor } from './protocol.js';

export function descriptorOf(tc: TestCase): TestDescriptor {
  const m = tc.meta();
  return {
    key: m.id ?? tc.fullName,
    name: tc.fullName,
    id: m.id,
    part: m.part,
    points: m.points,
    tags: m.tags,
    seeded: m.seeded,
  };
}
