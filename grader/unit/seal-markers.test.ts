// Unit tests of the helpers-region rule in make-labs (grader/tools/makelabs/): every file with parts'
// regions has one module-level `// BEGIN helpers` region, empty in solutions/, copied (never stubbed)
// into labs/ and listed in MANIFEST.json's `helpers`; code in it counts as a student's work.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MarkerError } from '../tools/makelabs/errors.js';
import { type Fixture, makeFixture } from '../tools/makelabs/fixture.js';
import { generate } from '../tools/makelabs/generate.js';
import { findStudentWork, writeTree } from '../tools/makelabs/output.js';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

const FN = 'export function f(): number {\n  // BEGIN lab1c: x\n  return 1;\n  // END lab1c\n}\n';

function problems(extra: Record<string, string>): string[] {
  fx = makeFixture(extra);
  try {
    generate({ solutionsDir: fx.solutions });
  } catch (e) {
    if (e instanceof MarkerError) return e.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('helpers regions in make-labs', () => {
  test('copied into labs/ as they are and listed in MANIFEST.json with their marker lines', () => {
    fx = makeFixture();
    const tree = generate({ solutionsDir: fx.solutions });
    expect(tree.manifest.helpers).toEqual([
      { file: 'raft/raft.ts', begin: 24, end: 25 },
      { file: 'store/gc/worker.ts', begin: 10, end: 11 },
    ]);
    const lines = (tree.files.get('raft/raft.ts')?.toString('utf8') ?? '').split('\n');
    expect(lines[23]).toBe('// BEGIN helpers: your own functions, constants and imports');
    expect(lines[24]).toBe('// END helpers');
    expect(tree.files.get('README.md')?.toString('utf8')).toContain('`// BEGIN helpers`');
  });

  test.each([
    [
      'a file with parts but no helpers region',
      { 'x.ts': `// x\n${FN}` },
      'x.ts:3: file has marked regions but no helpers region',
    ],
    [
      'helpers in a file without parts',
      { 'x.ts': '// x\n// BEGIN helpers: h\n// END helpers\n' },
      'x.ts:2: a helpers region in a file without',
    ],
    [
      'two helpers regions',
      { 'x.ts': `// x\n${FN}// BEGIN helpers: h\n// END helpers\n// BEGIN helpers: h\n// END helpers\n` },
      'at most one helpers region',
    ],
    [
      'an indented helpers region',
      { 'x.ts': `// x\n${FN}  // BEGIN helpers: h\n  // END helpers\n` },
      'must be at module level',
    ],
    [
      'code in the helpers region of solutions/',
      { 'x.ts': `// x\n${FN}// BEGIN helpers: h\nconst a = 1;\n// END helpers\n` },
      'holds no code',
    ],
  ])('%s', (_name, extra, expected) => {
    const found = problems(extra);
    expect(
      found.some((p) => p.includes(expected)),
      found.join('\n'),
    ).toBe(true);
  });

  test('comments in a helpers region are fine; code there is a student work that make-labs will not overwrite', () => {
    fx = makeFixture({ 'x.ts': `// x\n${FN}// BEGIN helpers: h\n// a note\n// END helpers\n` });
    const labs = join(fx.root, 'labs');
    writeTree(labs, generate({ solutionsDir: fx.solutions }), true);
    expect(findStudentWork(labs, 'labs/')).toEqual([]);
    const abs = join(labs, 'x.ts');
    writeFileSync(abs, readFileSync(abs, 'utf8').replace('// a note', 'const mine = 2;'));
    expect(findStudentWork(labs, 'labs/')).toEqual(['labs/x.ts:8 (helpers)']);
  });
});
