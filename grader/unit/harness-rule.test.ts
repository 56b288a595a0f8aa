// Unit tests of the rule API: the teaching failure format (rule id, what, expected/actual, seed and
// replay line, the original error's name kept — LabTodo above all), rule validation, and how
// seededRule runs one seed after the other and records seed and trace digest in the test's meta.
import { afterAll, describe, expect, test } from 'vitest';
import { Rng } from '../harness/rng.js';
import {
  check,
  formatFailure,
  RuleDefinitionError,
  RuleFailure,
  RuleViolation,
  rule,
  seededRule,
  verify,
} from '../harness/rule.js';
import { ENV } from '../runner/contract.js';
import { LabTodo } from '../../solutions/labtodo.js';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('failure messages', () => {
  test('a check() violation shows what, expected, actual and hint', () => {
    const e = thrown(() =>
      check(1 + 1 === 3, 'at most one leader per term', { expected: 1, actual: [1, 2], hint: 'see §5.2' }),
    );
    expect(e).toBeInstanceOf(RuleViolation);
    expect(formatFailure('lab1a.vote.one-per-term', e)).toBe(
      '[lab1a.vote.one-per-term] at most one leader per term\n  expected: 1\n  actual:   [ 1, 2 ]\n  hint: see §5.2',
    );
    expect(() => verify(true, 'fine')).not.toThrow();
    expect(() => verify(false, 'not fine')).toThrow(RuleViolation);
  });

  test('a seeded failure ends with the seed and the replay command for the graded target', () => {
    const saved = process.env[ENV.targetArg];
    process.env[ENV.targetArg] = '/tmp/my submission';
    try {
      const msg = formatFailure('lab1a.vote.one-per-term', new RuleViolation('two leaders'), 7);
      expect(msg).toBe(
        "[lab1a.vote.one-per-term] two leaders\n  seed: 7\n  replay: npx raftlab replay lab1a.vote.one-per-term --seed 7 --target '/tmp/my submission'",
      );
    } finally {
      if (saved === undefined) delete process.env[ENV.targetArg];
      else process.env[ENV.targetArg] = saved;
    }
    expect(formatFailure('lab1a.x.y', new RuleViolation('w'), 3)).toContain('--seed 3 --target labs');
  });

  test('a LabTodo keeps its name and part, other errors their name', () => {
    expect(formatFailure('lab1a.x.y', new LabTodo('lab1a', 'count the votes'))).toBe(
      '[lab1a.x.y] LabTodo(lab1a): not implemented yet: count the votes',
    );
    // a built-in error is a bug wherever it is thrown: it shows where, and a short stack
    const typeError = formatFailure('lab1a.x.y', new TypeError('r.step is not a function')).split('\n');
    expect(typeError[0]).toBe('[lab1a.x.y] TypeError: r.step is not a function');
    expect(typeError[1]).toMatch(/^ {2}where: grader\/unit\/harness-rule\.test\.ts:\d+/);
    expect(typeError[2]).toBe('  stack:');
    expect(formatFailure('lab1a.x.y', 'a string')).toBe('[lab1a.x.y] thrown value: a string');
    const assertion = thrown(() => expect(2).toBe(3));
    const msg = formatFailure('lab1a.x.y', assertion);
    expect(msg).toMatch(/^\[lab1a\.x\.y\] AssertionError: expected 2 to be 3/);
    expect(msg).toContain('  expected: 3\n  actual:   2');
  });

  test('RuleFailure keeps the original name and stack frames', () => {
    const original = new LabTodo('lab1b', 'append');
    const f = new RuleFailure('lab1b.a.b', undefined, original, formatFailure('lab1b.a.b', original));
    expect(f.name).toBe('LabTodo');
    expect(f.message).toContain('LabTodo(lab1b)');
    expect(f.original).toBe(original);
    expect(Object.keys(f)).not.toContain('original');
    expect(f.stack?.split('\n').slice(1)).toEqual(
      original.stack?.split('\n').filter((l) => /^\s+at /.test(l)),
    );
  });
});

describe('rule validation', () => {
  test('bad ids, unknown parts, bad points and duplicates are refused', () => {
    const ok = { part: 'lab1a', points: 1 };
    expect(() => rule('Lab1a Vote', 't', ok, () => {})).toThrow(RuleDefinitionError);
    expect(() => rule('lab1a', 't', ok, () => {})).toThrow(/dotted/);
    expect(() => rule('lab1a.v.x', 't', { part: 'lab9z', points: 1 }, () => {})).toThrow(
      /unknown part "lab9z"/,
    );
    expect(() => rule('lab1a.v.y', 't', { part: 'lab1a', points: -1 }, () => {})).toThrow(/points/);
    expect(() => seededRule('lab1a.v.z', 't', { part: 'lab1a', points: 1, timeoutMs: 0 }, () => {})).toThrow(
      /timeoutMs/,
    );
    expect(() => rule('lab1a.unit.plain', 'dup', ok, () => {})).toThrow(/declared twice/);
  });
});

// Real registrations: a plain rule, and a seeded rule run with seeds 3 and 4.
const savedSeeds = process.env[ENV.seeds];
process.env[ENV.seeds] = '3,4';
const seen: { seed: number; first: number; traceLength: number }[] = [];
rule('lab1a.unit.plain', 'a plain rule runs its body', { part: 'lab1a', points: 2, tags: ['unit'] }, () => {
  check(true, 'fine');
});
seededRule(
  'lab1a.unit.seeded',
  'a seeded rule runs once per seed',
  { part: 'lab1a', points: 1 },
  ({ seed, rng, trace }) => {
    seen.push({ seed, first: rng.int(1000), traceLength: trace.length });
    trace.record({ seed });
  },
);
if (savedSeeds === undefined) delete process.env[ENV.seeds];
else process.env[ENV.seeds] = savedSeeds;

describe('registered rules', () => {
  test('name, meta, seeds and trace digest', ({ task }) => {
    const tasks = task.file.tasks;
    const plain = tasks.find((t) => t.name.startsWith('lab1a.unit.plain '));
    const seeded = tasks.find((t) => t.name.startsWith('lab1a.unit.seeded '));
    expect(plain?.name).toBe('lab1a.unit.plain a plain rule runs its body');
    expect(plain?.meta).toMatchObject({
      id: 'lab1a.unit.plain',
      part: 'lab1a',
      points: 2,
      tags: ['unit'],
      seeded: false,
    });
    expect(seeded?.meta).toMatchObject({ id: 'lab1a.unit.seeded', seeded: true, seed: 4 });
    expect(seen).toEqual([
      { seed: 3, first: new Rng(3).int(1000), traceLength: 0 },
      { seed: 4, first: new Rng(4).int(1000), traceLength: 0 },
    ]);
    expect(seeded?.meta.traceDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});

afterAll(() => {
  expect(seen.length).toBe(2);
});
