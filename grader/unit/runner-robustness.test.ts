// Robustness of the runner against hostile student code. Builds, in a temp dir outside the repo, a
// fake lab (test files using rule()) and a fake target whose functions loop forever (sync and
// await), throw, reject unhandled, call process.exit from a timer or directly, call reallyExit,
// exhaust the heap or the process memory, hang in a beforeAll hook, never settle, hang or fail at
// import time — then grades it and checks
// that each is reported with the right status, quickly, and that the other tests are still graded.
// Also: a target outside the repo resolves protobufjs/memdown, seeds and replay lines, selection,
// replay with a trace file, and --check-determinism.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report, TestReport } from '../report/model.js';
import { allTests } from '../report/model.js';
import { gradeTwice } from '../runner/host/determinism.js';
import { runGrade } from '../runner/host/grade.js';
import type { GradeOptions } from '../runner/host/options.js';
import { REPO_ROOT } from '../runner/host/paths.js';

const RULE = JSON.stringify(join(REPO_ROOT, 'grader/harness/rule.ts'));
const LIMITS = { stallMs: 1500, heapMb: 160, rssMb: 700 };
/** Generous bound for the whole hostile run (measured ≈ 10–15 s on a 2-core machine). */
const RUN_BUDGET_MS = 45_000;

const TARGET: Record<string, string> = {
  'labtodo.ts': `export class LabTodo extends Error {
  override readonly name = 'LabTodo';
  constructor(readonly part: string, hint: string) { super(\`LabTodo(\${part}): not implemented yet: \${hint}\`); }
}`,
  'faults.ts': `import $protobuf from 'protobufjs/minimal.js';
import memdown from 'memdown';
import { setImmediate as soon, setTimeout as later } from 'node:timers';
import { LabTodo } from './labtodo.js';
export function depsResolve(): boolean { return typeof $protobuf.Writer === 'function' && typeof memdown === 'function'; }
export function spin(): number { let i = 0; for (;;) i++; }
export async function awaitLoop(): Promise<void> { for (;;) await Promise.resolve(); }
export function typeError(): void { const o: { f?: () => void } = {}; (o.f as () => void)(); }
export function todo(): void { throw new LabTodo('lab1a', 'count the votes'); }
export function rejectLater(): void { void Promise.reject(new Error('nobody catches me')); }
export function exitFromTimer(): void { later(() => process.exit(3), 5); }
export function random(): number { return Math.random(); }
export function exitNow(): void { process.exit(0); }
export function reallyExit(): void { (process as unknown as { reallyExit(code: number): void }).reallyExit(4); }
export function heapBlowUp(): void { const xs: number[][] = []; for (;;) xs.push(new Array(100_000).fill(1)); }
export async function bufferBlowUp(): Promise<void> {
  const keep: Buffer[] = [];
  for (;;) {
    keep.push(Buffer.allocUnsafe(32 << 20).fill(1));
    await new Promise((r) => soon(r));
  }
}`,
  'hang-import.ts': 'let i = 0;\nfor (;;) i++;\nexport const ready = true;\n',
  'broken.ts': 'export const ready: boolean = ;\n',
};

const REFERENCE: Record<string, string> = {
  'hang-import.ts': 'export const ready = true;\n',
  'broken.ts': 'export const ready = true;\n',
};

const TESTS: Record<string, string> = {
  't1-loop.test.ts': `import { check, rule } from ${RULE};
import { depsResolve, spin } from '@target/faults.js';
rule('lab1a.fx.deps', 'a target outside the repo resolves protobufjs and memdown', { part: 'lab1a', points: 1 }, () => {
  check(depsResolve(), 'protobufjs/minimal.js and memdown resolve from the repo');
});
rule('lab1a.fx.spin', 'sync infinite loop', { part: 'lab1a', points: 2 }, () => { spin(); });
rule('lab1a.fx.after-spin', 'runs after the loop', { part: 'lab1a', points: 1 }, () => {});`,
  't2-await.test.ts': `import { rule } from ${RULE};
import { awaitLoop } from '@target/faults.js';
rule('lab1a.fx.await-loop', 'microtask loop', { part: 'lab1a', points: 2 }, async () => { await awaitLoop(); });
rule('lab1a.fx.after-await', 'runs after the loop', { part: 'lab1a', points: 1 }, () => {});`,
  't3-errors.test.ts': `import { rule } from ${RULE};
import { exitFromTimer, exitNow, random, rejectLater, todo, typeError } from '@target/faults.js';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
rule('lab1a.fx.type-error', 'throws a TypeError', { part: 'lab1a', points: 1 }, () => { typeError(); });
rule('lab1a.fx.todo', 'hits a stub', { part: 'lab1a', points: 1 }, () => { todo(); });
rule('lab1a.fx.reject', 'leaves an unhandled rejection', { part: 'lab1a', points: 1 }, async () => { rejectLater(); await sleep(20); });
rule('lab1a.fx.exit-timer', 'process.exit from a timer', { part: 'lab1a', points: 1 }, async () => { exitFromTimer(); await sleep(50); });
rule('lab1a.fx.random', 'calls Math.random()', { part: 'lab1a', points: 1 }, () => { random(); });
rule('lab1a.fx.exit-now', 'process.exit in the test', { part: 'lab1a', points: 1 }, () => { exitNow(); });
rule('lab1b.fx.fine', 'a passing test next to them', { part: 'lab1b', points: 1 }, () => {});`,
  't4-really-exit.test.ts': `import { rule } from ${RULE};
import { reallyExit } from '@target/faults.js';
rule('lab1a.fx.before-exit', 'runs before the exit', { part: 'lab1a', points: 1 }, () => {});
rule('lab1a.fx.really-exit', 'process.reallyExit', { part: 'lab1a', points: 1 }, () => { reallyExit(); });
rule('lab1a.fx.after-exit', 'runs after the exit', { part: 'lab1a', points: 1 }, () => {});`,
  't5-heap.test.ts': `import { rule } from ${RULE};
import { heapBlowUp } from '@target/faults.js';
rule('lab1a.fx.heap', 'heap blow-up', { part: 'lab1a', points: 1 }, () => { heapBlowUp(); });
rule('lab1a.fx.after-heap', 'runs after the blow-up', { part: 'lab1a', points: 1 }, () => {});`,
  't6-rss.test.ts': `import { rule } from ${RULE};
import { bufferBlowUp } from '@target/faults.js';
rule('lab1a.fx.rss', 'off-heap memory blow-up', { part: 'lab1a', points: 1 }, async () => { await bufferBlowUp(); });
rule('lab1a.fx.after-rss', 'runs after the blow-up', { part: 'lab1a', points: 1 }, () => {});`,
  't7-seeded.test.ts': `import { check, seededRule } from ${RULE};
seededRule('lab1b.seeded.fails-at-2', 'fails for seed 2 only', { part: 'lab1b', points: 3 }, ({ seed, rng, trace }) => {
  for (let i = 0; i < 5; i++) trace.record({ i, x: rng.int(100) });
  check(seed !== 2, 'seed 2 is unlucky', { expected: 'seed != 2', actual: seed });
});
seededRule('lab1b.seeded.ok', 'always passes', { part: 'lab1b', points: 2 }, ({ rng, trace }) => {
  trace.record({ x: rng.int(1000) });
});
seededRule('lab1b.seeded.random', 'records Math.random', { part: 'lab1b', points: 1 }, ({ trace }) => {
  trace.record({ x: Math.random() });
});`,
  't8-hang-import.test.ts': `import { rule } from ${RULE};
import { ready } from '@target/hang-import.js';
rule('lab1a.fx.import-hang-1', 'imports a module that hangs', { part: 'lab1a', points: 2 }, () => { void ready; });
rule('lab1a.fx.import-hang-2', 'same file', { part: 'lab1a', points: 1 }, () => {});`,
  't10-hooks.test.ts': `import { beforeAll, describe } from 'vitest';
import { rule } from ${RULE};
import { spin } from '@target/faults.js';
rule('lab1a.fx.never-settles', 'awaits a promise that never settles', { part: 'lab1a', points: 1, timeoutMs: 300 }, async () => {
  await new Promise(() => {});
});
describe('cluster', () => {
  beforeAll(() => { spin(); });
  rule('lab1a.fx.hook-1', 'after a hanging beforeAll', { part: 'lab1a', points: 1 }, () => {});
  rule('lab1a.fx.hook-2', 'same describe', { part: 'lab1a', points: 1 }, () => {});
});
rule('lab1a.fx.after-hook', 'outside the hanging describe', { part: 'lab1a', points: 1 }, () => {});`,
  't9-broken.test.ts': `import { rule } from ${RULE};
import { ready } from '@target/broken.js';
rule('lab1a.fx.broken', 'imports a module with a syntax error', { part: 'lab1a', points: 2 }, () => { void ready; });`,
};

function writeAll(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

let root = '';
const dirs = { target: '', reference: '', tests: '' };
const testFile = (name: string) => join(dirs.tests, name);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'raftlab-robust-'));
  dirs.target = join(root, 'target');
  dirs.reference = join(root, 'reference');
  dirs.tests = join(root, 'tests');
  writeAll(dirs.target, TARGET);
  writeAll(dirs.reference, { ...TARGET, ...REFERENCE });
  writeAll(dirs.tests, TESTS);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function options(extra: Partial<GradeOptions>): GradeOptions {
  return {
    target: { arg: dirs.target, dir: dirs.target },
    referenceTarget: dirs.reference,
    // a fixture target of its own, not a submission of the kit's labs: graded as it is
    seal: false,
    limits: LIMITS,
    maxWorkers: 2,
    ...extra,
  };
}

function byId(report: Report): Map<string, TestReport> {
  return new Map(allTests(report).map((t) => [t.id, t]));
}

describe('runner robustness', () => {
  let report: Report;
  let wallMs = 0;
  const get = (id: string): TestReport => {
    const t = byId(report).get(id);
    if (!t) throw new Error(`test ${id} missing from the report`);
    return t;
  };

  beforeAll(async () => {
    const started = performance.now();
    report = await runGrade(options({ files: Object.keys(TESTS).map(testFile), seeds: [1, 2, 3] }));
    wallMs = performance.now() - started;
    console.log(`hostile run: ${Math.round(wallMs)} ms`);
  }, 120_000);

  test('finishes within its budget with every test reported', () => {
    expect(wallMs).toBeLessThan(RUN_BUDGET_MS);
    const ids = allTests(report)
      .map((t) => t.id)
      .sort();
    expect(ids).toHaveLength(29);
    expect(report.total.max).toBe(allTests(report).reduce((a, t) => a + t.max, 0));
  });

  test('a target outside the repo resolves protobufjs/minimal.js and memdown', () => {
    expect(get('lab1a.fx.deps').status).toBe('passed');
  });

  test('infinite loops (sync and await) time out via the watchdog; the rest of the file still runs', () => {
    for (const id of ['lab1a.fx.spin', 'lab1a.fx.await-loop']) {
      const t = get(id);
      expect(t.status).toBe('timeout');
      expect(t.error).toMatch(
        new RegExp(`^\\[${id.replaceAll('.', '\\.')}\\] timed out: the code never yielded`),
      );
      expect(t.durationMs).toBeLessThan(LIMITS.stallMs + 3000);
      expect(t.points).toBe(0);
    }
    expect(get('lab1a.fx.after-spin').status).toBe('passed');
    expect(get('lab1a.fx.after-await').status).toBe('passed');
  });

  test('thrown errors fail with their name; LabTodo names its part', () => {
    expect(get('lab1a.fx.type-error')).toMatchObject({ status: 'failed' });
    expect(get('lab1a.fx.type-error').error).toMatch(/^\[lab1a\.fx\.type-error\] TypeError: /);
    expect(get('lab1a.fx.todo').error).toMatch(
      /^\[lab1a\.fx\.todo\] LabTodo\(lab1a\): not implemented yet: count the votes\n {2}where: \S*faults\.ts:\d+$/,
    );
  });

  test('unhandled rejections and process.exit (from a timer or direct) fail the test, not pass it', () => {
    expect(get('lab1a.fx.reject').status).toBe('failed');
    expect(get('lab1a.fx.reject').error).toContain('nobody catches me');
    expect(get('lab1a.fx.random').status).toBe('failed');
    expect(get('lab1a.fx.random').error).toMatch(
      /NondeterminismError: faults\.ts:\d+ called Math\.random\(\)/,
    );
    expect(get('lab1a.fx.exit-timer').status).toBe('failed');
    expect(get('lab1a.fx.exit-timer').error).toContain('process.exit');
    expect(get('lab1a.fx.exit-now').status).toBe('failed');
    expect(get('lab1b.fx.fine').status).toBe('passed');
  });

  test('reallyExit crashes that test only; tests before and after are graded', () => {
    expect(get('lab1a.fx.really-exit').status).toBe('crashed');
    expect(get('lab1a.fx.really-exit').error).toMatch(
      /crashed while this test was running: the test process died/,
    );
    expect(get('lab1a.fx.before-exit').status).toBe('passed');
    expect(get('lab1a.fx.after-exit').status).toBe('passed');
  });

  test('heap and off-heap memory blow-ups crash that test with an out-of-memory reason', () => {
    for (const id of ['lab1a.fx.heap', 'lab1a.fx.rss']) {
      expect(get(id).status).toBe('crashed');
      expect(get(id).error).toMatch(/out of memory/);
    }
    expect(get('lab1a.fx.after-heap').status).toBe('passed');
    expect(get('lab1a.fx.after-rss').status).toBe('passed');
  });

  test('a file that hangs or fails while importing the target: its tests come from the reference listing', () => {
    for (const id of ['lab1a.fx.import-hang-1', 'lab1a.fx.import-hang-2']) {
      expect(get(id).status).toBe('timeout');
      expect(get(id).error).toMatch(/while loading the test file/);
    }
    expect(get('lab1a.fx.import-hang-1').max).toBe(2);
    expect(get('lab1a.fx.broken').status).toBe('failed');
    expect(get('lab1a.fx.broken').error).toMatch(/could not be loaded/);
  });

  test('a test timeout and a hanging beforeAll: only that test / that describe is charged', () => {
    expect(get('lab1a.fx.never-settles')).toMatchObject({ status: 'timeout' });
    expect(get('lab1a.fx.never-settles').error).toMatch(/timed out after 300 ms/);
    for (const id of ['lab1a.fx.hook-1', 'lab1a.fx.hook-2']) {
      expect(get(id).status).toBe('timeout');
      expect(get(id).error).toContain('in a hook of "cluster"');
    }
    expect(get('lab1a.fx.after-hook').status).toBe('passed');
  });

  test('a seeded rule names its first failing seed, with the replay command', () => {
    const t = get('lab1b.seeded.fails-at-2');
    expect(t.status).toBe('failed');
    expect(t.seed).toBe(2);
    expect(t.error).toContain(
      '[lab1b.seeded.fails-at-2] seed 2 is unlucky\n  expected: seed != 2\n  actual:   2\n  seed: 2\n',
    );
    expect(t.replay).toBe(`npx raftlab replay lab1b.seeded.fails-at-2 --seed 2 --target ${dirs.target}`);
    expect(t.traceDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(get('lab1b.seeded.ok')).toMatchObject({ status: 'passed', seed: 3, points: 2 });
  });

  test('scores add up per part and lab', () => {
    const lab1 = report.labs.find((l) => l.id === 'lab1');
    expect(lab1?.parts.map((p) => p.id)).toEqual(['lab1a', 'lab1b']);
    const passedPoints = allTests(report)
      .filter((t) => t.status === 'passed')
      .reduce((a, t) => a + t.max, 0);
    expect(report.total.score).toBe(passedPoints);
  });
});

describe('selection, replay and determinism', () => {
  test('parts select tests; --check-determinism flags exactly the nondeterministic test', async () => {
    const r = await gradeTwice(
      options({ files: [testFile('t3-errors.test.ts'), testFile('t7-seeded.test.ts')], parts: ['lab1b'] }),
    );
    expect(
      allTests(r)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['lab1b.fx.fine', 'lab1b.seeded.fails-at-2', 'lab1b.seeded.ok', 'lab1b.seeded.random']);
    expect(r.determinism?.ok).toBe(false);
    expect(r.determinism?.differences.map((d) => d.id)).toEqual(['lab1b.seeded.random']);
  }, 60_000);

  test('replay runs exactly one test with one seed and writes its trace', async () => {
    const trace = join(root, 'trace.jsonl');
    const r = await runGrade(
      options({
        files: [testFile('t7-seeded.test.ts')],
        only: 'lab1b.seeded.fails-at-2',
        seeds: [2],
        traceFile: trace,
      }),
    );
    const tests = allTests(r);
    expect(tests.map((t) => [t.id, t.status, t.seed])).toEqual([['lab1b.seeded.fails-at-2', 'failed', 2]]);
    expect(existsSync(trace)).toBe(true);
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    // the seed's five events, then the failing check as the last event
    expect(lines).toHaveLength(6);
    expect(JSON.parse(lines[0] ?? '')).toHaveProperty('i', 0);
    expect(JSON.parse(lines[5] ?? '')).toHaveProperty('kind', 'failure');
  }, 60_000);
});
