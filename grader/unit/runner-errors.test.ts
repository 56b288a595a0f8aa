// Errors of the student's code, as the report shows them: an error thrown in a region names the
// student's file and line (`labs/raft/raft.ts:123`, mapped back from the sealed copy that is graded)
// with a short stack, in the failure list and in the JSON report; a type error of the graded code is a
// problem at the student's file:line, from a cached type check; a `make-labs --out` tree ships the
// tsconfig.json an editor and tsc need. Also the pieces: the line map of a sealed file, the short
// stack, the type-check cache.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stackLines } from '../harness/stack.js';
import { renderFailures, renderProblems } from '../report/failures.js';
import { allTests, type Report } from '../report/model.js';
import { runGrade } from '../runner/host/grade.js';
import { REPO_ROOT } from '../runner/host/paths.js';
import { lineMap } from '../runner/host/tree-paths.js';
import { typecheckTree } from '../runner/host/typecheck.js';
import { makeLabsCommand } from '../tools/make-labs.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'raftlab-errors-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the line map of a sealed file', () => {
  // graded: the skeleton (an import make-labs adds, one-line stubs) with the student's bodies spliced in
  const graded = [
    "import { LabTodo } from './labtodo.js';", // 1
    'export function f(): number {', // 2
    '  // BEGIN lab1a: hint', // 3
    '  const a = 1;', // 4
    '  return a;', // 5
    '  // END lab1a', // 6
    '}', // 7
    'export function g(): void {', // 8
    '  // BEGIN lab1b: hint', // 9
    '  throw new LabTodo("lab1b", "hint");', // 10
    '  // END lab1b', // 11
    '}', // 12
  ].join('\n');
  // the student's file: no generated import, a longer lab1b body
  const student = [
    'export function f(): number {', // 1
    '  // BEGIN lab1a: hint', // 2
    '  const a = 1;', // 3
    '  return a;', // 4
    '  // END lab1a', // 5
    '}', // 6
    'export function g(): void {', // 7
    '  // BEGIN lab1b: hint', // 8
    '  // my notes', // 9
    '  // more notes', // 10
    '  throw new Error("x");', // 11
    '  // END lab1b', // 12
    '}', // 13
  ].join('\n');

  test('region bodies map line for line, the framework by its offset from the nearest marker', () => {
    const m = lineMap('f.ts', graded, student);
    expect(m).toBeDefined();
    const at = m as (l: number) => number;
    expect([2, 3, 4, 5, 6, 7].map(at)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([8, 9, 10].map(at)).toEqual([7, 8, 9]);
    expect([11, 12].map(at)).toEqual([12, 13]);
  });

  test('files whose regions differ are not mapped', () => {
    expect(lineMap('f.ts', graded, 'export const x = 1;\n')).toBeUndefined();
  });
});

describe('the short stack of an error', () => {
  const tree = '/tmp/run-x/tree';
  const err = (name: string, frames: string[]): Error => {
    const e = new Error('boom');
    e.name = name;
    e.stack = [`${name}: boom`, ...frames.map((f) => `    at ${f}`)].join('\n');
    return e;
  };
  const kit = (f: string) => join(REPO_ROOT, f);

  test('starts at the innermost frame of the tree and stops at the first kit frame that called it', () => {
    const lines = stackLines(
      err('TypeError', [
        `Raft.becomeCandidate (${tree}/raft/raft.ts:172:34)`,
        `file://${tree}/raft/raft.ts:291:10`,
        `Writer.finish (${kit('node_modules/protobufjs/src/writer.js')}:1:1)`,
        `${kit('grader/labs/lab1/lab1a-votes.test.ts')}:134:10`,
        `${kit('grader/harness/rule.ts')}:200:5`,
        'process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ]),
      tree,
    );
    expect(lines).toEqual([
      `where: ${tree}/raft/raft.ts:172 (Raft.becomeCandidate)`,
      'stack:',
      `  at Raft.becomeCandidate (${tree}/raft/raft.ts:172:34)`,
      `  at ${tree}/raft/raft.ts:291:10`,
      '  at grader/labs/lab1/lab1a-votes.test.ts:134:10',
    ]);
  });

  test("a kit error thrown outside the tree keeps its message alone; a kit TypeError shows the kit's frames", () => {
    const frames = [
      `Monitor.check (${kit('grader/sim/observers.ts')}:10:3)`,
      `Peer.send (${tree}/store/peer.ts:50:7)`,
    ];
    expect(stackLines(err('InvariantViolation', frames), tree)).toEqual([]);
    expect(stackLines(err('TypeError', frames), tree)[0]).toBe(
      'where: grader/sim/observers.ts:10 (Monitor.check)',
    );
  });
});

describe('the type-check cache', () => {
  test('a second check of the same files is answered from the cache', async () => {
    const tree = join(root, 'small');
    mkdirSync(tree, { recursive: true });
    writeFileSync(join(tree, 'a.ts'), "export const n: number = 'one';\n");
    const cache = join(root, 'cache');
    const cold = await typecheckTree(tree, cache);
    const warm = await typecheckTree(tree, cache);
    expect(cold).toMatchObject({ ok: true, cached: false, total: 1 });
    expect(warm).toMatchObject({ ok: true, cached: true, total: 1 });
    if (!cold.ok || !warm.ok) return;
    expect(warm.errors).toEqual(cold.errors);
    expect(cold.errors[0]).toMatchObject({ file: 'a.ts', line: 1, col: 14, code: 2322 });
    console.log(`type check of one file: cold ${cold.ms} ms, cached ${warm.ms} ms`);
  }, 120_000);
});

describe('make-labs --out', () => {
  test("the tree ships a tsconfig.json reaching the kit's options and node_modules from wherever it is", async () => {
    const out = join(root, 'out');
    const io = { out: () => {}, err: () => {} };
    expect(await makeLabsCommand(['--out', out], { io })).toBe(0);
    const config = JSON.parse(readFileSync(join(out, 'tsconfig.json'), 'utf8')) as {
      extends: string;
      compilerOptions: { typeRoots: string[]; paths: Record<string, string[]> };
    };
    expect(resolve(out, config.extends)).toBe(join(REPO_ROOT, 'tsconfig.json'));
    expect(existsSync(join(resolve(out, config.compilerOptions.typeRoots[0] ?? ''), 'node'))).toBe(true);
    const [types, modules] = config.compilerOptions.paths['*'] ?? [];
    expect(existsSync(resolve(out, (types ?? '').replace('*', 'memdown')))).toBe(true);
    expect(existsSync(resolve(out, (modules ?? '').replace('*', 'protobufjs')))).toBe(true);
    expect(await makeLabsCommand(['--check', '--out', out], { io })).toBe(0);
  });
});

describe('a graded tree whose region throws', () => {
  const id = 'lab1a.vote.candidate-and-leader-refuse';
  let report: Report;
  let tree = '';
  /** 1-based line of the student's file that contains `text`. */
  const lineOf = (text: string): number =>
    readFileSync(join(tree, 'raft/raft.ts'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;

  beforeAll(async () => {
    // a copy of solutions/ with lab1a's becomeCandidate reading a missing peer's Progress, and a
    // type error in becomeFollower (solutions/ lacks the import make-labs adds, so lines shift)
    tree = join(root, 'labs');
    cpSync(join(REPO_ROOT, 'solutions'), tree, { recursive: true });
    const file = join(tree, 'raft/raft.ts');
    const text = readFileSync(file, 'utf8')
      .replace(
        '    this.vote = this.id;\n',
        '    // a student note\n    this.vote = (this.prs.get(-1) as Progress).match;\n',
      )
      .replace(
        '    this.lead = lead;\n',
        "    const typo: number = 'x';\n    void typo;\n    this.lead = lead;\n",
      );
    writeFileSync(file, text);
    report = await runGrade({ target: { arg: tree, dir: tree }, idPrefixes: [id], parts: ['lab1a'] });
  }, 180_000);

  test('the failure names the student file:line, with a short stack, in the output and the JSON report', () => {
    const t = allTests(report).find((x) => x.id === id);
    expect(t?.status).toBe('failed');
    const line = lineOf('this.prs.get(-1)');
    const where = `labs/raft/raft.ts:${line}`;
    const rendered = renderFailures(report).join('\n');
    expect(rendered).toContain("TypeError: Cannot read properties of undefined (reading 'match')");
    expect(rendered).toContain(`where: ${tree}/raft/raft.ts:${line} (Raft.becomeCandidate)`);
    expect(rendered).toContain('stack:');
    expect(rendered).toContain('grader/labs/lab1/lab1a-votes.test.ts:');
    const json = JSON.parse(JSON.stringify(report)) as Report;
    const error = allTests(json).find((x) => x.id === id)?.error ?? '';
    expect(error).toContain(where);
    expect(error).toMatch(new RegExp(`at Raft\\.becomeCandidate \\(\\S*${where}:\\d+\\)`));
    // nothing of the private run folder leaks
    expect(`${rendered}\n${JSON.stringify(report)}`).not.toContain('raftlab-run-');
  });

  test('the type error is a problem at the student file:line', () => {
    const problems = renderProblems(report).join('\n');
    expect(problems).toContain('type errors: 1 in the graded code');
    expect(problems).toContain(
      `labs/raft/raft.ts:${lineOf("const typo: number = 'x'")}:11 TS2322: Type 'string' is not assignable to type 'number'.`,
    );
    expect(report.problems[0]).toMatch(/^type errors: /);
  });
});
