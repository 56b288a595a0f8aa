// Unit tests of where a sealed run's pristine skeleton comes from (grader/runner/host/run-dir.ts): never
// the checkout's labs/, which may hold a student's work, but a fresh one generated from solutions/, or an
// exported kit's grader/skeleton/; a kit or submission that cannot be sealed is exit 2, not an internal
// error. And that trees made at any hint level, solved or not, are graded with nothing listed as changed
// (grader/seal/splice.ts compares BEGIN lines by part), while hint text never carries code into the tree.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXIT, exitCodeOf } from '../cli/exit.js';
import { TargetError } from '../runner/host/paths.js';
import { createRunDir, removeRunDir, SHIPPED_SKELETON, sealSkeleton } from '../runner/host/run-dir.js';
import { buildGradedTree } from '../seal/graded-tree.js';
import { SealError } from '../seal/model.js';
import { type Fixture, makeFixture, NO_IMPORTS } from '../tools/makelabs/fixture.js';
import { type GenerateOptions, generate } from '../tools/makelabs/generate.js';
import { writeTree } from '../tools/makelabs/output.js';
import type { HintLevel } from '../tools/makelabs/stub.js';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

const STUB_1A = "throw new LabTodo('lab1a', 'count the votes');";

/** The fixture's raft.ts with brief hints (make-labs --hints brief needs one on every part's region). */
const BRIEFED = `// Raft (fixture): two parts in one file, with brief hints.
import { a } from './a.js';

export function elect(x: number): number {
  if (x < 0) return 0;
  // BEGIN lab1a: count the votes
  // brief: every vote counts, yours too
  const votes = x + a;
  return votes;
  // END lab1a
}

export class Log {
  append(e: number): number {
    // BEGIN lab1b: append and return the last index
    // brief: the new entry goes last
    return e + 1;
    // END lab1b
  }
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`;

/** A kit with brief hints everywhere, its labs/ generated at the default level (full). */
function briefKit(): Fixture {
  const f = makeFixture({
    'raft/raft.ts': BRIEFED,
    'store/gc/worker.ts': NO_IMPORTS.replace(
      '// BEGIN lab2a: compact the log\n',
      '// BEGIN lab2a: compact the log\n  // brief: drop what every peer has\n',
    ),
  });
  fx = f;
  writeTree(join(f.root, 'labs'), generate({ solutionsDir: f.solutions }), true);
  return f;
}
/** Writes a generated tree at `dir` (as make-labs --out does) and returns it. */
function tree(f: Fixture, dir: string, opts: Omit<GenerateOptions, 'solutionsDir'>): string {
  const out = join(f.root, dir);
  writeTree(out, generate({ solutionsDir: f.solutions, ...opts }), true);
  return out;
}

function edit(abs: string, from: string, to: string): void {
  const text = readFileSync(abs, 'utf8');
  expect(text, abs).toContain(from);
  writeFileSync(abs, text.replace(from, to));
}

describe("a sealed run's skeleton is never the checkout's labs/", () => {
  test('labs/ with work in a region: the skeleton is generated from solutions/, and solutions/ grades in full', async () => {
    const f = briefKit();
    edit(join(f.root, 'labs/raft/raft.ts'), STUB_1A, 'return 42;');
    const out = join(f.root, 'out');
    // the checkout's labs/ as the skeleton is what failed: it is no longer pristine
    await expect(buildGradedTree({ kitRoot: f.root, submission: f.solutions, out })).rejects.toThrow(
      /region lab1a is not a stub/,
    );
    const skeleton = sealSkeleton(f.root);
    expect(typeof skeleton).not.toBe('string');
    const r = await buildGradedTree({ kitRoot: f.root, skeleton, submission: f.solutions, out: `${out}2` });
    expect(r).toEqual({ ignored: [], problems: [], graded: ['raft/raft.ts', 'store/gc/worker.ts'] });
    const graded = readFileSync(join(`${out}2`, 'raft/raft.ts'), 'utf8');
    expect(graded).toContain('  const votes = x + a;\n  return votes;\n  // END lab1a');
    expect(graded).not.toContain('return 42;');
  });

  test('an exported kit (no solutions/) seals with its grader/skeleton/, whatever its labs/ holds', async () => {
    const f = briefKit();
    const shipped = join(f.root, SHIPPED_SKELETON);
    cpSync(join(f.root, 'labs'), shipped, { recursive: true });
    const submission = join(f.root, 'submission');
    cpSync(join(f.root, 'labs'), submission, { recursive: true });
    rmSync(f.solutions, { recursive: true });
    edit(join(f.root, 'labs/raft/raft.ts'), STUB_1A, 'return 42;');
    edit(join(submission, 'raft/raft.ts'), STUB_1A, 'return 7;');
    expect(sealSkeleton(f.root)).toBe(shipped);
    const out = join(f.root, 'out');
    const r = await buildGradedTree({ kitRoot: f.root, skeleton: sealSkeleton(f.root), submission, out });
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([]);
    expect(readFileSync(join(out, 'raft/raft.ts'), 'utf8')).toContain('return 7;');
  });

  test('a kit with neither grader/skeleton/ nor solutions/ cannot seal: a target error (exit 2)', () => {
    const f = briefKit();
    rmSync(f.solutions, { recursive: true });
    let thrown: unknown;
    try {
      sealSkeleton(f.root);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TargetError);
    expect(String(thrown)).toMatch(/neither grader\/skeleton\/ nor solutions\//);
    expect(exitCodeOf(thrown)).toBe(EXIT.usage);
  });

  test('a target the seal refuses is a target error (exit 2), never an internal one', async () => {
    const f = briefKit();
    const notAFolder = join(f.root, 'file.ts');
    writeFileSync(notAFolder, '');
    let thrown: unknown;
    try {
      removeRunDir(await createRunDir({ arg: 'file.ts', dir: notAFolder }, true));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TargetError);
    expect(thrown).not.toBeInstanceOf(SealError);
    expect(String(thrown)).toMatch(/cannot grade file\.ts: the submission .* is not a folder/);
    expect(exitCodeOf(thrown)).toBe(EXIT.usage);
  });
});

describe('trees of make-labs --out, at any hint level, are graded with nothing listed as changed', () => {
  const cases: [string, { hints?: HintLevel; solved?: string[] }][] = [
    ['full, solved', { solved: ['lab1a', 'lab1b', 'lab2a'] }],
    ['brief', { hints: 'brief' }],
    ['brief, solved', { hints: 'brief', solved: ['lab1a'] }],
    ['none', { hints: 'none' }],
    ['none, solved', { hints: 'none', solved: ['lab1b', 'lab2a'] }],
  ];
  test.each(cases)('%s', async (_, opts) => {
    const f = briefKit();
    const submission = tree(f, 'submission', opts);
    const out = join(f.root, 'out');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out });
    expect(r).toEqual({ ignored: [], problems: [], graded: ['raft/raft.ts', 'store/gc/worker.ts'] });
    const raft = readFileSync(join(out, 'raft/raft.ts'), 'utf8');
    // the kit's BEGIN lines (full hints) are graded, whatever the submission's say
    expect(raft).toContain('  // BEGIN lab1a: count the votes\n');
    expect(raft).toContain('    // BEGIN lab1b: append and return the last index\n');
    expect(raft.includes('const votes = x + a;')).toBe(opts.solved?.includes('lab1a') === true);
  });

  test("a submission's own MANIFEST.json and README.md are not listed: they are make-labs' (the kit's are graded)", async () => {
    const f = briefKit();
    const submission = tree(f, 'submission', {});
    writeFileSync(join(submission, 'MANIFEST.json'), '{"edited": true}\n');
    writeFileSync(join(submission, 'README.md'), '# my notes\n');
    const out = join(f.root, 'out');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out });
    expect(r.ignored).toEqual([]);
    expect(readFileSync(join(out, 'MANIFEST.json'), 'utf8')).toBe(f.read('labs/MANIFEST.json'));
  });

  test('a change outside the regions is still listed (the comparison skips BEGIN lines only)', async () => {
    const f = briefKit();
    const submission = tree(f, 'submission', { hints: 'brief' });
    edit(join(submission, 'raft/raft.ts'), 'if (x < 0) return 0;', 'if (x < 0) return 1;');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out: join(f.root, 'out') });
    expect(r.ignored).toEqual([
      { file: 'raft/raft.ts', change: 'modified', detail: expect.stringContaining('first at line 6') },
    ]);
  });
});

describe('hint text carries no code into the graded tree', () => {
  test("a BEGIN line's hint, whatever it says, is replaced by the kit's line and not listed", async () => {
    const f = briefKit();
    const submission = tree(f, 'submission', {});
    edit(
      join(submission, 'raft/raft.ts'),
      '// BEGIN lab1a: count the votes',
      '// BEGIN lab1a: */ globalThis.leak = Date.now(); /*',
    );
    const out = join(f.root, 'out');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out });
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual([]);
    const raft = readFileSync(join(out, 'raft/raft.ts'), 'utf8');
    expect(raft).not.toContain('leak');
    expect(raft).toContain('  // BEGIN lab1a: count the votes\n');
  });

  test('a `// brief:` line in a region is a comment: it shields none of the code after it from the static check', async () => {
    const f = briefKit();
    const submission = tree(f, 'submission', { hints: 'brief' });
    const raft = join(submission, 'raft/raft.ts');
    edit(raft, "throw new LabTodo('lab1a'", '// brief: the clock is fine here\n  return Date.now();\n  //');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out: join(f.root, 'out') });
    expect(r.problems).toMatchObject([{ file: 'labs/raft/raft.ts', rule: 'clock' }]);
  });

  test('code written on a `// brief:` line stays a comment in the graded tree', async () => {
    const f = briefKit();
    const submission = tree(f, 'submission', { hints: 'brief', solved: ['lab1a'] });
    edit(join(submission, 'raft/raft.ts'), '// brief: every vote counts', '// brief: */ Date.now(); /*');
    const out = join(f.root, 'out');
    const r = await buildGradedTree({ kitRoot: f.root, submission, out });
    expect(r.problems).toEqual([]);
    expect(readFileSync(join(out, 'raft/raft.ts'), 'utf8')).toContain(
      '  // brief: */ Date.now(); /*, yours too\n  const votes = x + a;',
    );
  });
});
