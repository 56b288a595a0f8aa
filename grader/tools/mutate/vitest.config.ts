// The vitest configuration Stryker runs a part's tests with (grader/tools/mutate/main.ts points
// Stryker's vitest runner at it): the repository's own vitest.config.ts (same setup files, `@target`
// alias and resolver), with `include` narrowed to the part's test files (RAFTLAB_MUTATE_FILES, a JSON
// list set by main.ts). RAFTLAB_TARGET (solutions, inside Stryker's sandbox) and RAFTLAB_SELECT (the
// part) are set by main.ts too; tests of other parts in those files skip themselves. Stryker runs
// vitest's `threads` pool (it overrides `pool`), and worker threads refuse node flags, so the heap cap
// (`execArgv`) is left out.
import { defineConfig } from 'vitest/config';
import base from '../../../vitest.config.js';

const files = JSON.parse(process.env['RAFTLAB_MUTATE_FILES'] ?? '[]') as string[];
if (files.length === 0) throw new Error('RAFTLAB_MUTATE_FILES is not set: run `npm run mutate <part>`');

export default defineConfig({ ...base, test: { ...base.test, include: files, execArgv: [] } });
