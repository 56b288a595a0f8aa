// A run of many seeds reports every failing seed: seededRule goes on past a failing seed (the first
// one's message leads, then the list of all of them, bounded), stops at a seed that timed out (its run
// cannot be cancelled), and the JSON report carries the list; a run of one seed is unchanged. Graded
// end to end on a small fixture lab outside the repo, with and without sharding the seeds across workers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderFailure } from '../report/failures.js';
import { allTests, type Report, type TestReport } from '../report/model.js';
import { MAX_LISTED_SEEDS, sweepLines } from '../runner/contract.js';
import { runGrade } from '../runner/host/grade.js';
import type { GradeOptions } from '../runner/host/options.js';
import { REPO_ROOT } from '../runner/host/paths.js';

const RULE = JSON.stringify(join(REPO_ROOT, 'grader/harness/rule.ts'));
const TESTS = `import { check, rule, seededRule } from ${RULE};
seededRule('lab1b.sweep.odd', 'fails on odd seeds', { part: 'lab1b', points: 2 }, ({ seed, trace }) => {
  trace.record({ seed });
  check(seed % 2 === 0, \`seed \${seed} is odd\`, { expected: 'an even seed', actual: seed });
});
seededRule('lab1b.sweep.ok', 'always passes', { part: 'lab1b', points: 1 }, ({ rng, trace }) => {
  trace.record({ x: rng.int(1000) });
});
seededRule('lab1b.sweep.hang', 'fails at 1, hangs at 2', { part: 'lab1b', points: 1, timeoutMs: 300 }, async ({ seed }) => {
  check(seed !== 1, 'seed 1 fails');
  if (seed === 2) await new Promise(() => {});
});
rule('lab1b.sweep.plain', 'a plain rule beside them', { part: 'lab1b', points: 1 }, () => {});
`;

let root = '';
let file = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'raftlab-sweep-'));
  for (const d of ['target', 'tests']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'target', 'index.ts'), 'export const x = 1;\n');
  file = join(root, 'tests', 'sweep.test.ts');
  writeFileSync(file, TESTS);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function grade(seeds: number[], extra: Partial<GradeOptions> = {}): Promise<Report> {
  const target = join(root, 'target');
  return runGrade({
    target: { arg: target, dir: target },
    referenceTarget: target,
    seal: false,
    typecheck: false,
    files: [file],
    seeds,
    maxWorkers: 2,
    ...extra,
  });
}

function get(r: Report, id: string): TestReport {
  const t = allTests(r).find((x) => x.id === id);
  if (!t) throw new Error(`${id} missing`);
  return t;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('the summary lines', () => {
  test('list at most MAX_LISTED_SEEDS seeds and count the rest', () => {
    const seeds = range(1, 60).map((seed) => ({ seed, what: `w${seed}` }));
    const lines = sweepLines({ ran: 100, notRun: 0, failed: 60, seeds });
    expect(lines[0]).toBe('  failed on 60 of 100 seeds (the first is shown above; replay any with --seed):');
    expect(lines[1]).toBe('    seed 1: w1');
    expect(lines).toHaveLength(1 + MAX_LISTED_SEEDS + 1);
    expect(lines.at(-1)).toBe('    … and 10 more failing seeds (all of them in the JSON report)');
  });
});

describe.each([
  ['one worker (no sharding)', 1],
  ['two workers (seeds sharded)', 2],
])('a run of many seeds, %s', (_, maxWorkers) => {
  let report: Report;
  const runs: string[] = [];
  beforeAll(async () => {
    report = await grade(range(1, 12), {
      maxWorkers,
      onProgress: (e) => {
        if (e.kind === 'file') runs.push(e.file);
      },
    });
  }, 120_000);

  test('the file ran in one process per worker, each named as the test file', () => {
    expect(runs).toEqual(Array.from({ length: maxWorkers }, () => file));
    expect(report.problems).toEqual([]);
    expect(allTests(report)).toHaveLength(4);
  });

  test('reports every failing seed after the first one’s whole message', () => {
    const t = get(report, 'lab1b.sweep.odd');
    expect(t.status).toBe('failed');
    expect(t.seed).toBe(1);
    const lines = (t.error ?? '').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '[lab1b.sweep.odd] seed 1 is odd',
      '  expected: an even seed',
      '  actual:   1',
      '  seed: 1',
      `  replay: npx raftlab replay lab1b.sweep.odd --seed 1 --target ${join(root, 'target')}`,
    ]);
    expect(lines.slice(5)).toEqual([
      '  failed on 6 of 12 seeds (the first is shown above; replay any with --seed):',
      ...[1, 3, 5, 7, 9, 11].map((s) => `    seed ${s}: seed ${s} is odd`),
    ]);
    expect(t.sweep).toEqual({
      ran: 12,
      notRun: 0,
      failed: 6,
      seeds: [1, 3, 5, 7, 9, 11].map((s) => ({ seed: s, what: `seed ${s} is odd` })),
    });
    expect(t.traceDigest).toMatch(/^[0-9a-f]{64}$/);
    // the terminal shows the list too
    expect(renderFailure(t).join('\n')).toContain('seed 11: seed 11 is odd');
  });

  test('passing seeded and plain rules are unchanged', () => {
    expect(get(report, 'lab1b.sweep.ok')).toMatchObject({ status: 'passed', seed: 12, points: 1 });
    expect(get(report, 'lab1b.sweep.ok').sweep).toBeUndefined();
    expect(get(report, 'lab1b.sweep.plain')).toMatchObject({ status: 'passed', points: 1 });
  });

  test('a seed that times out stops its run and says how many seeds did not run', () => {
    const t = get(report, 'lab1b.sweep.hang');
    expect(t.status).toBe('failed');
    expect(t.seed).toBe(1);
    expect(t.sweep?.seeds.map((s) => s.seed)).toEqual([1, 2]);
    expect(t.sweep?.seeds[1]?.what).toMatch(/timed out after 300 ms/);
    expect(t.error).toMatch(/the run stopped at a seed that timed out: \d+ seeds did not run/);
  });
});

test('the same seeds give the same verdicts and digests with one worker and with two', async () => {
  const [one, two] = [await grade(range(1, 12), { maxWorkers: 1 }), await grade(range(1, 12))];
  const sig = (r: Report) =>
    allTests(r)
      .filter((t) => t.id !== 'lab1b.sweep.hang')
      .map((t) => [t.id, t.status, t.seed, t.traceDigest, t.sweep?.failed]);
  expect(sig(two)).toEqual(sig(one));
}, 120_000);

test('a run of one seed is unchanged: no summary, no list', async () => {
  const t = get(await grade([3]), 'lab1b.sweep.odd');
  expect(t.status).toBe('failed');
  expect(t.error?.split('\n').slice(0, 4)).toEqual([
    '[lab1b.sweep.odd] seed 3 is odd',
    '  expected: an even seed',
    '  actual:   3',
    '  seed: 3',
  ]);
  expect(t.error).not.toContain('failed on');
  expect(t.sweep).toBeUndefined();
}, 60_000);
