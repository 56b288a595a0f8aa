// Unit tests of `make-labs --hints full|brief|none` (grader/tools/makelabs/): what each level writes in
// the BEGIN lines, the stubs and the manifest, the `// brief:` marker rules, that a tree at any level
// is graded like labs/ (the seal splices it), and that every region of the real solutions/ has a brief
// hint that states its rule in words.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LABS } from '../registry.js';
import { spliceFile } from '../seal/splice.js';
import { HINT_LEVELS, type HintLevel, NO_HINT } from '../tools/makelabs/stub.js';
import {
  type GeneratedTree,
  generate,
  MarkerError,
  makeLabsCommand,
  UsageError,
} from '../tools/make-labs.js';
import { parseHintLevel } from '../tools/makelabs/generate.js';
import { captureIO, type Fixture, makeFixture } from '../tools/makelabs/fixture.js';
import { scanRegions } from '../tools/makelabs/markers.js';

/** A file whose two regions carry brief hints (one of two lines); lab2a's has a full hint only. */
const BRIEFED = `// Votes (fixture): regions with brief hints.

export function tally(x: number): number {
  // BEGIN lab1a: votes = x + 1, then return votes
  // brief: count your own vote too
  const votes = x + 1;
  return votes;
  // END lab1a
}

export function grow(n: number): number {
  // BEGIN lab1b: return n * 2
  // brief: the log doubles,
  // brief:   every time
  return n * 2;
  // END lab1b
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`;

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

/** The fixture tree with raft/raft.ts and store/gc/worker.ts removed from view: only BRIEFED counts. */
function briefFixture(): Fixture {
  fx = makeFixture({ 'raft/raft.ts': BRIEFED, 'store/gc/worker.ts': '// no regions here\n' });
  return fx;
}

function text(tree: GeneratedTree, file: string): string {
  const bytes = tree.files.get(file);
  if (bytes === undefined) throw new Error(`${file} not generated`);
  return bytes.toString('utf8');
}

function at(level: HintLevel, solved: string[] = []): GeneratedTree {
  return generate({ solutionsDir: briefFixture().solutions, hints: level, solved });
}

describe('hint levels', () => {
  test('full (the default) keeps the BEGIN line and its hint, and drops the brief lines with the body', () => {
    const full = at('full');
    expect(text(full, 'raft/raft.ts')).toContain(
      "  // BEGIN lab1a: votes = x + 1, then return votes\n  throw new LabTodo('lab1a', 'votes = x + 1, then return votes');\n  // END lab1a",
    );
    expect(text(full, 'raft/raft.ts')).not.toContain('// brief:');
    expect(full.manifest.command).toBe('raftlab make-labs');
    const byDefault = generate({ solutionsDir: fx!.solutions });
    expect(text(byDefault, 'raft/raft.ts')).toBe(text(full, 'raft/raft.ts'));
  });

  test('brief puts the joined brief lines in the BEGIN line, the stub and the manifest', () => {
    const tree = at('brief');
    const raft = text(tree, 'raft/raft.ts');
    expect(raft).toContain(
      "  // BEGIN lab1a: count your own vote too\n  throw new LabTodo('lab1a', 'count your own vote too');\n  // END lab1a",
    );
    expect(raft).toContain(
      "  // BEGIN lab1b: the log doubles, every time\n  throw new LabTodo('lab1b', 'the log doubles, every time');",
    );
    expect(raft).not.toMatch(/x \+ 1|n \* 2/);
    expect(raft).toContain('// BEGIN helpers: your own functions, constants and imports\n// END helpers');
    expect(tree.manifest.parts.find((p) => p.id === 'lab1b')?.hints).toEqual(['the log doubles, every time']);
    expect(tree.manifest.command).toBe('raftlab make-labs --hints brief');
  });

  test('none leaves `// BEGIN <part>` and a stub that only points at the handout', () => {
    const tree = at('none');
    const raft = text(tree, 'raft/raft.ts');
    expect(raft).toContain(`  // BEGIN lab1a\n  throw new LabTodo('lab1a', '${NO_HINT}');\n  // END lab1a`);
    expect(raft).not.toMatch(/votes =|count your own|doubles/);
    expect(raft).toContain('// BEGIN helpers: your own functions, constants and imports');
    expect(tree.manifest.parts.find((p) => p.id === 'lab1a')?.hints).toEqual([NO_HINT]);
    expect(tree.manifest.command).toBe('raftlab make-labs --hints none');
  });

  test('the marker lines stay where they are, so the manifest lines are the same at every level', () => {
    const lines = HINT_LEVELS.map((l) =>
      at(l).manifest.parts.flatMap((p) => p.regions.map((r) => [r.begin, r.end])),
    );
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[2]).toEqual(lines[0]);
  });

  test('a solved region keeps its reference code at every level', () => {
    for (const level of HINT_LEVELS) {
      expect(text(at(level, ['lab1a']), 'raft/raft.ts')).toContain(
        '  const votes = x + 1;\n  return votes;\n',
      );
    }
  });

  test('editing a brief hint changes no fingerprint: labs/ (full) does not hold it', () => {
    const f = briefFixture();
    const before = generate({ solutionsDir: f.solutions }).manifest;
    f.write('solutions/raft/raft.ts', BRIEFED.replace('count your own vote too', 'count yourself'));
    expect(generate({ solutionsDir: f.solutions }).manifest).toEqual(before);
  });

  test('parseHintLevel accepts the three levels and names them otherwise', () => {
    for (const level of HINT_LEVELS) expect(parseHintLevel(level)).toBe(level);
    expect(() => parseHintLevel('short')).toThrow(UsageError);
    expect(() => parseHintLevel('short')).toThrow(/known: full, brief, none/);
  });
});

describe('raftlab make-labs --hints', () => {
  test('the option reaches the generator; a wrong level is a usage error that names the levels', async () => {
    const f = briefFixture();
    const out = join(f.root, 'student');
    const io = captureIO();
    expect(await makeLabsCommand(['--root', f.root, '--out', out, '--hints', 'none'], { io })).toBe(0);
    expect(f.read('student/raft/raft.ts')).toContain(
      `  // BEGIN lab1a\n  throw new LabTodo('lab1a', '${NO_HINT}');`,
    );
    expect(
      await makeLabsCommand(['--root', f.root, '--check', '--out', out, '--hints', 'none'], { io }),
    ).toBe(0);
    expect(await makeLabsCommand(['--root', f.root, '--check', '--out', out], { io })).toBe(1);
    const bad = captureIO();
    expect(await makeLabsCommand(['--root', f.root, '--hints', 'breif'], { io: bad })).toBe(2);
    expect(bad.text()).toContain("--hints: unknown level 'breif' (did you mean brief?)");
  });
});

describe('brief markers', () => {
  const problems = (source: string, level: HintLevel = 'full'): string[] => {
    fx = makeFixture({ 'raft/raft.ts': source, 'store/gc/worker.ts': '// no regions here\n' });
    try {
      generate({ solutionsDir: fx.solutions, hints: level });
    } catch (e) {
      if (e instanceof MarkerError) return e.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
      throw e;
    }
    return [];
  };

  test('--hints brief refuses a region without a brief hint, at its first body line', () => {
    const source = BRIEFED.replace('  // brief: count your own vote too\n', '');
    expect(problems(source)).toEqual([]);
    expect(problems(source, 'brief')).toEqual([
      expect.stringMatching(/^raft\/raft\.ts:5: region lab1a has no brief hint \(needed by --hints brief\)/),
    ]);
  });

  test('a brief line below the code, or an empty one, is a problem at any level', () => {
    const late = BRIEFED.replace('  return votes;\n', '  return votes;\n  // brief: too late\n');
    expect(problems(late)).toEqual([
      'raft/raft.ts:8: a `// brief:` line must be among the lines right after BEGIN lab1a',
    ]);
    const empty = BRIEFED.replace('// brief: count your own vote too', '// brief:   ');
    expect(problems(empty)).toEqual([
      'raft/raft.ts:5: an empty `// brief:` line: write the rule in words, or drop it',
    ]);
  });

  test('a submission may keep or move brief lines: only solutions/ is strict about them', () => {
    const late = BRIEFED.replace('  return votes;\n', '  return votes;\n  // brief: too late\n');
    expect(scanRegions('raft.ts', late, new Set(['lab1a', 'lab1b']), { submission: true }).problems).toEqual(
      [],
    );
  });
});

describe('a tree at any level is graded like labs/', () => {
  test.each(['brief', 'none'] as const)('the seal splices a %s-level file into the skeleton', (level) => {
    const f = briefFixture();
    const skeleton = generate({ solutionsDir: f.solutions });
    const student = generate({ solutionsDir: f.solutions, hints: level });
    const kit = (skeleton.regions.get('raft/raft.ts') ?? []).map((r) => ({
      part: r.part,
      begin: r.begin,
      end: r.end,
    }));
    const spliced = spliceFile(
      'raft/raft.ts',
      text(skeleton, 'raft/raft.ts'),
      kit,
      text(student, 'raft/raft.ts').replace(/throw new LabTodo\('lab1a'.*/, 'return x + 1;'),
      new Set(['lab1a', 'lab1b']),
    );
    expect(spliced.ok).toBe(true);
    if (spliced.ok)
      expect(spliced.text).toContain('  // BEGIN lab1a: votes = x + 1, then return votes\n  return x + 1;\n');
  });
});

describe('the brief hints of solutions/', () => {
  const solutionsDir = join(import.meta.dirname, '..', '..', 'solutions');
  const tree = generate({ solutionsDir, hints: 'brief' });
  const regions = [...tree.regions.entries()].flatMap(([file, rs]) =>
    rs.filter((r) => r.part !== 'helpers').map((r) => ({ file, ...r })),
  );

  test('every part of the registry has regions, and every region has a brief hint', () => {
    const parts = LABS.flatMap((l) => l.parts.map((p) => p.id));
    expect(new Set(regions.map((r) => r.part))).toEqual(new Set(parts));
    for (const r of regions) expect(r.hint, `${r.file}:${r.begin} (${r.part})`).not.toBe('');
  });

  test('a brief hint states the rule in words: no code, and not the full hint again', () => {
    const full = generate({ solutionsDir });
    const code = /[=<>`{}[\]]|\bthis\.|\w\(|\w\.\w+\(|&&|\|\|/;
    regions.forEach((r) => {
      const where = `${r.file}:${r.begin} (${r.part}): ${r.hint}`;
      expect(code.test(r.hint), where).toBe(false);
      const fullHint = full.regions.get(r.file)?.find((p) => p.begin === r.begin)?.hint;
      expect(r.hint, where).not.toBe(fullHint);
    });
  });
});
