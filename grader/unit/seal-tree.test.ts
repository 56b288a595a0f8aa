// Unit tests of buildGradedTree (grader/seal/graded-tree.ts) on a temp kit made from the make-labs
// fixture: region bodies spliced into the pristine skeleton, changes outside regions ignored and listed,
// edited or missing markers and static findings as per-file problems (that file graded as its stubs),
// the student's line numbers, symbolic links, and the kit-side errors.
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildGradedTree } from '../seal/graded-tree.js';
import { type GradedTree, SealError } from '../seal/model.js';
import { type Fixture, makeFixture } from '../tools/makelabs/fixture.js';
import { generate } from '../tools/makelabs/generate.js';
import { writeTree } from '../tools/makelabs/output.js';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

const STUB_1A = "throw new LabTodo('lab1a', 'count the votes');";
const STUB_1B = "throw new LabTodo('lab1b', 'append and return the last index');";
const STUB_2A = "throw new LabTodo('lab2a', 'compact the log');";

interface Kit {
  f: Fixture;
  sub: string;
  out: string;
  /** Edits a file of the submission. */
  edit(rel: string, from: string, to: string): void;
  skeleton(rel: string): string;
  graded(rel: string): string;
  build(): Promise<GradedTree>;
}

/** A kit whose labs/ is generated, and a submission that starts as a copy of labs/. */
function kit(): Kit {
  const f = makeFixture();
  fx = f;
  writeTree(join(f.root, 'labs'), generate({ solutionsDir: f.solutions }), true);
  const sub = join(f.root, 'submission');
  const out = join(f.root, 'out');
  cpSync(join(f.root, 'labs'), sub, { recursive: true });
  return {
    f,
    sub,
    out,
    edit(rel, from, to) {
      const abs = join(sub, rel);
      const text = readFileSync(abs, 'utf8');
      expect(text).toContain(from);
      writeFileSync(abs, text.replace(from, to));
    },
    skeleton: (rel) => readFileSync(join(f.root, 'labs', rel), 'utf8'),
    graded: (rel) => readFileSync(join(out, rel), 'utf8'),
    build: () => buildGradedTree({ kitRoot: f.root, submission: sub, out }),
  };
}

function solveAll(k: Kit): void {
  k.edit('raft/raft.ts', STUB_1A, 'const votes = x + a;\n  return votes;');
  k.edit('raft/raft.ts', STUB_1B, 'return b(e) + 1;');
  k.edit('store/gc/worker.ts', STUB_2A, 'return 8;');
}

describe('splicing', () => {
  test('the skeleton itself: every file as the kit has it, nothing ignored, no problems', async () => {
    const k = kit();
    const r = await k.build();
    expect(r).toEqual({ ignored: [], problems: [], graded: ['raft/raft.ts', 'store/gc/worker.ts'] });
    for (const rel of ['raft/raft.ts', 'raft/plain.ts', 'labtodo.ts', 'proto/gen/pb.js', 'MANIFEST.json']) {
      expect(k.graded(rel)).toBe(k.skeleton(rel));
    }
  });

  test("the submission's region bodies replace the stubs, everything else is the kit's", async () => {
    const k = kit();
    solveAll(k);
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([]);
    const raft = k.graded('raft/raft.ts');
    expect(raft).toBe(
      k
        .skeleton('raft/raft.ts')
        .replace(STUB_1A, 'const votes = x + a;\n  return votes;')
        .replace(STUB_1B, 'return b(e) + 1;'),
    );
    expect(k.graded('store/gc/worker.ts')).toContain(
      '  // BEGIN lab2a: compact the log\n  return 8;\n  // END lab2a',
    );
  });

  test('the helpers region is spliced too, and region code may call what it declares', async () => {
    const k = kit();
    k.edit(
      'raft/raft.ts',
      '// BEGIN helpers: your own functions, constants and imports\n',
      '// BEGIN helpers: your own functions, constants and imports\nfunction twice(n: number): number {\n  return 2 * n;\n}\n',
    );
    k.edit('raft/raft.ts', STUB_1A, 'return twice(x);');
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(k.graded('raft/raft.ts')).toContain('function twice(n: number): number {');
    expect(k.graded('raft/raft.ts')).toContain('return twice(x);');
  });

  test('CRLF line endings in a submission are read as lines', async () => {
    const k = kit();
    solveAll(k);
    const abs = join(k.sub, 'store/gc/worker.ts');
    writeFileSync(abs, readFileSync(abs, 'utf8').replaceAll('\n', '\r\n'));
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(k.graded('store/gc/worker.ts')).toBe(
      k.skeleton('store/gc/worker.ts').replace(STUB_2A, 'return 8;'),
    );
  });
});

describe('ignored changes', () => {
  test('a change outside the regions of a student file is ignored, listed with its line, and the kit text is graded', async () => {
    const k = kit();
    solveAll(k);
    k.edit('raft/raft.ts', 'if (x < 0) return 0;', 'if (x < 0) return 99;');
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([
      { file: 'raft/raft.ts', change: 'modified', detail: expect.stringContaining('first at line 10') },
    ]);
    expect(k.graded('raft/raft.ts')).toContain('if (x < 0) return 0;');
    expect(k.graded('raft/raft.ts')).toContain('return b(e) + 1;');
  });

  test("no change of the student's: a solved tree without make-labs' LabTodo import and generated files", async () => {
    const k = kit();
    solveAll(k);
    const raft = readFileSync(join(k.sub, 'raft/raft.ts'), 'utf8');
    expect(raft).toMatch(/^import \{ LabTodo \} from '\.\.\/labtodo\.js';$/m);
    writeFileSync(
      join(k.sub, 'raft/raft.ts'),
      raft.replace(/^import \{ LabTodo \} from '\.\.\/labtodo\.js';\n/m, ''),
    );
    for (const f of ['MANIFEST.json', 'README.md']) rmSync(join(k.sub, f), { force: true });
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([]);
    expect(k.graded('raft/raft.ts')).toContain('return b(e) + 1;');
  });

  test('framework files modified, added or deleted: listed, and the kit copy is graded', async () => {
    const k = kit();
    k.edit('raft/plain.ts', 'export const x = 1;', 'export const x = 2;');
    writeFileSync(join(k.sub, 'extra.ts'), 'export {};\n');
    rmSync(join(k.sub, 'proto/raftpb.proto'));
    mkdirSync(join(k.sub, 'node_modules/x'), { recursive: true });
    writeFileSync(join(k.sub, 'node_modules/x/index.js'), '');
    mkdirSync(join(k.sub, '.git'));
    writeFileSync(join(k.sub, '.git/HEAD'), '');
    const r = await k.build();
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([
      {
        file: 'proto/raftpb.proto',
        change: 'deleted',
        detail: expect.stringContaining('missing from the submission'),
      },
      { file: 'raft/plain.ts', change: 'modified', detail: expect.stringContaining('from line 2') },
      { file: 'extra.ts', change: 'added', detail: expect.stringContaining('not graded') },
    ]);
    expect(k.graded('raft/plain.ts')).toBe(k.skeleton('raft/plain.ts'));
    expect(k.graded('proto/raftpb.proto')).toBe(k.skeleton('proto/raftpb.proto'));
  });
});

describe('per-file problems (that file graded as its stubs, the others spliced)', () => {
  async function stubbed(k: Kit): Promise<GradedTree> {
    k.edit('store/gc/worker.ts', STUB_2A, 'return 8;');
    const r = await k.build();
    expect(k.graded('raft/raft.ts')).toBe(k.skeleton('raft/raft.ts'));
    expect(k.graded('store/gc/worker.ts')).toContain('return 8;');
    expect(r.graded).toEqual(['store/gc/worker.ts']);
    return r;
  }

  test.each([
    ['an END marker renamed', '// END lab1a', '// END lab1b', 'END lab1b does not match BEGIN lab1a'],
    [
      'a BEGIN marker deleted',
      '  // BEGIN lab1a: count the votes\n',
      '',
      'END lab1a without a matching BEGIN',
    ],
    [
      'both markers of a region deleted',
      `  // BEGIN lab1a: count the votes\n  ${STUB_1A}\n  // END lab1a\n`,
      '',
      'region lab1a (region 1 of 3',
    ],
    [
      'a region of another part',
      '// BEGIN lab1a: count the votes',
      '// BEGIN lab2a: count the votes',
      'END lab1a does not match',
    ],
    [
      'a part renamed in both markers',
      '// BEGIN lab1a: count the votes',
      '// BEGIN lab1c: x',
      'END lab1a does not match BEGIN lab1c',
    ],
  ])('%s', async (_name, from, to, message) => {
    const k = kit();
    k.edit('raft/raft.ts', from, to);
    const r = await stubbed(k);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'labs/raft/raft.ts', rule: 'markers' });
    expect(r.problems[0]?.message).toContain(message);
    expect(r.problems[0]?.message).toContain('graded as their stubs');
  });

  test('regions swapped: expected region names the kit region', async () => {
    const k = kit();
    k.edit('raft/raft.ts', '// BEGIN lab1a: count the votes', '// BEGIN lab1b: x');
    k.edit('raft/raft.ts', '// END lab1a', '// END lab1b');
    k.edit('raft/raft.ts', '// BEGIN lab1b: append and return the last index', '// BEGIN lab1a: y');
    k.edit('raft/raft.ts', '    // END lab1b', '    // END lab1a');
    const r = await stubbed(k);
    expect(r.problems).toEqual([
      {
        file: 'labs/raft/raft.ts',
        line: 11,
        rule: 'markers',
        message: expect.stringContaining('expected region lab1a here'),
      },
    ]);
  });

  test('a static finding names the student line; the file is graded as its stubs', async () => {
    const k = kit();
    k.edit(
      'raft/raft.ts',
      '// Raft (fixture)',
      '// three lines the student added\n//\n//\n// Raft (fixture)',
    );
    k.edit('raft/raft.ts', STUB_1A, 'const a2 = a;\n  return a2 + Date.now();');
    const r = await stubbed(k);
    expect(r.problems).toEqual([
      { file: 'labs/raft/raft.ts', line: 16, rule: 'clock', message: expect.stringContaining('`Date`') },
    ]);
    expect(readFileSync(join(k.sub, 'raft/raft.ts'), 'utf8').split('\n')[15]).toContain('Date.now()');
  });

  test('a syntax error in a region', async () => {
    const k = kit();
    k.edit('raft/raft.ts', STUB_1A, 'return (;');
    const r = await stubbed(k);
    expect(r.problems).toMatchObject([{ file: 'labs/raft/raft.ts', line: 12, rule: 'syntax' }]);
  });

  test('a region that escapes its function', async () => {
    const k = kit();
    k.edit('raft/raft.ts', STUB_1A, 'return 1;\n}\nexport function evil(): number {\n  return 2;');
    const r = await stubbed(k);
    expect(r.problems).toMatchObject([{ file: 'labs/raft/raft.ts', rule: 'structure' }]);
  });

  test('a missing student file', async () => {
    const k = kit();
    rmSync(join(k.sub, 'raft/raft.ts'));
    const r = await stubbed(k);
    expect(r.problems).toEqual([
      {
        file: 'labs/raft/raft.ts',
        line: 0,
        rule: 'missing-file',
        message: expect.stringContaining('missing'),
      },
    ]);
  });

  test('a student file that is a symbolic link is not followed', async () => {
    const k = kit();
    const elsewhere = join(k.f.root, 'elsewhere.ts');
    writeFileSync(elsewhere, readFileSync(join(k.sub, 'raft/raft.ts'), 'utf8').replace(STUB_1A, 'return 1;'));
    rmSync(join(k.sub, 'raft/raft.ts'));
    symlinkSync(elsewhere, join(k.sub, 'raft/raft.ts'));
    const r = await stubbed(k);
    expect(r.problems).toEqual([
      {
        file: 'labs/raft/raft.ts',
        line: 0,
        rule: 'not-a-file',
        message: expect.stringContaining('symbolic link'),
      },
    ]);
  });

  test('a student file inside a linked folder is not followed either', async () => {
    const k = kit();
    const elsewhere = join(k.f.root, 'elsewhere');
    cpSync(join(k.sub, 'raft'), elsewhere, { recursive: true });
    const abs = join(elsewhere, 'raft.ts');
    writeFileSync(abs, readFileSync(abs, 'utf8').replace(STUB_1A, 'return 1;'));
    rmSync(join(k.sub, 'raft'), { recursive: true });
    symlinkSync(elsewhere, join(k.sub, 'raft'));
    const r = await stubbed(k);
    expect(r.problems).toMatchObject([{ file: 'labs/raft/raft.ts', rule: 'not-a-file' }]);
    expect(r.ignored).toContainEqual({
      file: 'raft',
      change: 'added',
      detail: expect.stringContaining('not graded'),
    });
  });
});

describe('the kit side', () => {
  test('a labs/ with code in a region is not a skeleton: SealError', async () => {
    const k = kit();
    const abs = join(k.f.root, 'labs/raft/raft.ts');
    writeFileSync(abs, readFileSync(abs, 'utf8').replace(STUB_1A, 'return 1;'));
    await expect(k.build()).rejects.toThrow(SealError);
    await expect(
      buildGradedTree({ kitRoot: k.f.root, submission: k.sub, out: join(k.f.root, 'o2') }),
    ).rejects.toThrow(/region lab1a is not a stub/);
  });

  test("the kit's own labs/, with work in it, graded against a fresh skeleton", async () => {
    const k = kit();
    const labs = join(k.f.root, 'labs');
    const abs = join(labs, 'store/gc/worker.ts');
    writeFileSync(abs, readFileSync(abs, 'utf8').replace(STUB_2A, 'return 9;'));
    const skeleton = join(k.f.root, 'skeleton');
    writeTree(skeleton, generate({ solutionsDir: k.f.solutions }), true);
    const r = await buildGradedTree({ kitRoot: k.f.root, skeleton, submission: labs, out: k.out });
    expect(r).toEqual({ ignored: [], problems: [], graded: ['raft/raft.ts', 'store/gc/worker.ts'] });
    expect(k.graded('store/gc/worker.ts')).toContain('return 9;');
  });

  test('a non-empty output folder is refused', async () => {
    const k = kit();
    mkdirSync(k.out);
    writeFileSync(join(k.out, 'x'), '');
    await expect(k.build()).rejects.toThrow(/not empty/);
  });
});
