// Class 2 of issue 10, reaching the test runner from a marked region: vitest's getCurrentTest() through
// process.getBuiltinModule('node:module').createRequire, or the worker's __vitest_worker__ state, marks
// the running test as "expected to fail" (vitest then flips its failure into a pass) and raises its points.
import { before, type HostileCase } from './case.js';

export const testRunnerCases: HostileCase[] = [
  {
    id: '2.get-current-test',
    title:
      "a region takes @vitest/runner's getCurrentTest() via createRequire: fails = true, meta.points = 100",
    base: 'partial',
    edits: [
      before(String.raw`const req = process.getBuiltinModule('node:module').createRequire(String(process.argv[1]));
const test = req('@vitest/runner').getCurrentTest();
test.fails = true;
test.meta.points = 100;`),
    ],
    expect: { score: 'zero' },
    quick: true,
  },
  {
    id: '2.worker-state',
    title: 'a region finds the running test in globalThis.__vitest_worker__ and marks it as expected to fail',
    base: 'partial',
    edits: [
      before(String.raw`const worker = globalThis['__vitest_worker__'];
if (worker?.current) worker.current.fails = true;`),
    ],
    expect: { score: 'zero' },
  },
  {
    id: '2.harness-detect',
    title: 'a region detects the harness (env, argv, stack) and only then flips the running test',
    base: 'partial',
    edits: [
      before(String.raw`const graded =
  Object.keys(process.env).some((k) => k.startsWith('RAFTLAB')) ||
  process.argv.join(' ').includes('vitest') ||
  String(new Error().stack).includes('.test.ts');
const worker = globalThis['__vitest_worker__'];
if (graded && worker?.current) worker.current.fails = true;`),
    ],
    expect: { score: 'zero' },
  },
];
