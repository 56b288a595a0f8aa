// Host side. Lists the tests of some test files without running them (vitest collect mode): each test's id,
// title, part, points and tags, as declared by rule()/seededRule(). Used by `raftlab list`, and by
// the runner to know the tests of a file that cannot be loaded against the graded target.
import { describeError, ENV, type TestDescriptor } from '../contract.js';
import { descriptorOf, runLimitOf } from './descriptors.js';
import { withEnv } from './env.js';
import { openSession } from './vitest-session.js';

export interface FileListing {
  file: string;
  tests: TestDescriptor[];
  /** Collection failed (the file or the target does not load). */
  error?: string;
}

/** Collect `files` with `@target` pointing at `targetDir` (the reference solutions load everywhere). */
export async function listTests(
  files: readonly string[],
  targetDir: string,
  limits?: { stallMs: number; busyMs: number },
): Promise<FileListing[]> {
  if (files.length === 0) return [];
  const env = Object.fromEntries(Object.values(ENV).map((k) => [k, undefined as string | undefined]));
  env[ENV.target] = targetDir;
  if (limits) {
    env[ENV.stallMs] = String(limits.stallMs);
    env[ENV.busyMs] = String(limits.busyMs);
  }
  return withEnv(env, async () => {
    const session = await openSession();
    try {
      const res = await session.vitest.collectTests(session.specs(files));
      const byFile = new Map(res.testModules.map((m) => [m.moduleId, m]));
      return files.map((file) => {
        const m = byFile.get(file);
        if (!m) return { file, tests: [], error: 'not collected' };
        const errors = m.errors();
        const tests = [...m.children.allTests()].map((tc) => {
          const limit = runLimitOf(tc);
          return { ...descriptorOf(tc), ...(limit !== undefined ? { timeoutMs: limit } : {}) };
        });
        return errors.length > 0 && tests.length === 0
          ? { file, tests, error: errors.map((e) => describeError(e)).join('\n') }
          : { file, tests };
      });
    } finally {
      await session.vitest.close();
    }
  });
}
