// vitest configuration of the grader. `@target` points at the graded implementation (RAFTLAB_TARGET,
// default labs/, or solutions/ for the framework's own tests); each test file runs in a forked process
// of its own with a memory cap and the worker setup files (watchdog and channel, determinism guard,
// frozen built-ins); bare imports made by a target outside the repo resolve from the repo's
// node_modules. A grading run (grader/runner/host/grade.ts) also gives the workers their node flags
// (Node's permission model) and the folders modules may be loaded from (the tree wall).
// RAFTLAB_UNIT=1 selects the framework's own tests (grader/unit) instead of the lab suites.
import { isAbsolute, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { DEFAULT_HEAP_MB, DEFAULT_TIMEOUT_MS, ENV, positiveIntEnv } from './grader/runner/contract.js';
import { REPO_ROOT } from './grader/paths.js';
import { resolveFromRepo, treeWall } from './grader/runner/host/resolve-plugin.js';

const repo = REPO_ROOT;
const unit = (): boolean => process.env[ENV.unit] === '1';
const targetEnv = process.env[ENV.target];
const target = targetEnv
  ? isAbsolute(targetEnv)
    ? targetEnv
    : resolve(repo, targetEnv)
  : resolve(repo, unit() ? 'solutions' : 'labs');
const heapMb = positiveIntEnv(process.env[ENV.heapMb], DEFAULT_HEAP_MB);
const json = (name: string): string[] => JSON.parse(process.env[name] ?? '[]') as string[];
const loadRoots = json(ENV.loadRoots);
const worker = (file: string): string => resolve(repo, 'grader/runner/worker', file);

export default defineConfig({
  root: repo,
  plugins: [...(loadRoots.length > 0 ? [treeWall(target, loadRoots)] : []), resolveFromRepo(repo)],
  resolve: { alias: { '@target': target } },
  test: {
    // The demos (`raftlab demo`) are vitest files too; a grading run names its files, so they never run there.
    include: unit() ? ['grader/unit/**/*.test.ts'] : ['grader/labs/**/*.test.ts', 'grader/labs/**/*.demo.ts'],
    pool: 'forks',
    // One process per test file: the watchdog, the channel key and the frozen built-ins are per process.
    isolate: true,
    execArgv: [`--max-old-space-size=${heapMb}`, ...json(ENV.workerArgv)],
    setupFiles: [
      worker('watchdog-setup.ts'),
      worker('determinism-guard.ts'),
      ...(unit() ? [] : [worker('freeze-builtins.ts')]),
    ],
    // The determinism guard fails code of the target that calls a clock, timer or Math.random itself.
    env: { RAFTLAB_TARGET_DIR: target },
    testTimeout: DEFAULT_TIMEOUT_MS,
    hookTimeout: DEFAULT_TIMEOUT_MS,
    watch: false,
  },
});
