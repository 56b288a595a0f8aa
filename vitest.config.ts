// vitest configuration of the grader. `@target` points at the graded implementation (RAFTLAB_TARGET,
// default labs/, or solutions/ for the framework's own tests); tests run in forks with a memory cap and the watchdog setup file; bare imports made
// by a target outside the repo resolve from the repo's node_modules. RAFTLAB_UNIT=1 selects the
// framework's own tests (grader/unit) instead of the lab suites.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { DEFAULT_HEAP_MB, DEFAULT_TIMEOUT_MS, ENV, positiveIntEnv } from './grader/runner/protocol.js';
import { resolveFromRepo } from './grader/runner/resolve-plugin.js';

const repo = fileURLToPath(new URL('.', import.meta.url));
const unit = (): boolean => process.env[ENV.unit] === '1';
const targetEnv = process.env[ENV.target];
const target = targetEnv
  ? isAbsolute(targetEnv)
    ? targetEnv
    : resolve(repo, targetEnv)
  : resolve(repo, unit() ? 'solutions' : 'labs');
const heapMb = positiveIntEnv(process.env[ENV.heapMb], DEFAULT_HEAP_MB);

export default defineConfig({
  root: repo,
  plugins: [resolveFromRepo(repo)],
  resolve: { alias: { '@target': target } },
  test: {
    include: unit() ? ['grader/unit/**/*.test.ts'] : ['grader/labs/**/*.test.ts'],
    pool: 'forks',
    execArgv: [`--max-old-space-size=${heapMb}`],
    setupFiles: [
      resolve(repo, 'grader/runner/watchdog-setup.ts'),
      resolve(repo, 'grader/runner/determinism-guard.ts'),
    ],
    // The determinism guard fails code of the target that calls a clock, timer or Math.random itself.
    env: { RAFTLAB_TARGET_DIR: target },
    testTimeout: DEFAULT_TIMEOUT_MS,
    hookTimeout: DEFAULT_TIMEOUT_MS,
    watch: false,
  },
});
