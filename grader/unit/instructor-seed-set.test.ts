// Unit tests of instructor seed sets (grader/instructor/seed-set.ts): the file format's checks, the
// seeds of each lab, the salted digest, grading per group of labs with merged reports, and the student
// view, which shows no hidden seed and no replay command while the instructor's report keeps them.
import { describe, expect, test } from 'vitest';
import {
  gradeWithSeedSet,
  parseSeedSet,
  type SeedSet,
  SeedSetError,
  seedSetDigest,
  seedsFor,
  studentView,
} from '../instructor/seed-set.js';
import { buildReport, type Report, type TestReport } from '../report/model.js';
import type { GradeOptions } from '../runner/host/options.js';

const SET: SeedSet = { name: 'final-2025', seeds: [918273, 5550123], labs: { lab3: [7771234] } };

function test1(part: string, seed: number): TestReport {
  return {
    id: `${part}.x.y`,
    name: 'a test',
    part,
    tags: ['system'],
    points: 0,
    max: 2,
    status: 'failed',
    durationMs: 1,
    file: `grader/labs/${part.slice(0, 4)}/${part}-x.test.ts`,
    seed,
    error: `[${part}.x.y] two leaders in term 3 (seed ${seed})\n  seed: ${seed}\n  replay: npx raftlab replay ${part}.x.y --seed ${seed} --target sub`,
    replay: `npx raftlab replay ${part}.x.y --seed ${seed} --target sub`,
  };
}

describe('the seed set file', () => {
  test('a set needs a name and seeds for every lab or per lab', () => {
    expect(parseSeedSet({ name: 'a', seeds: [1, 2, 2] }, 'f').seeds).toEqual([1, 2]);
    for (const bad of [
      [],
      { seeds: [1] },
      { name: 'a' },
      { name: 'a b', seeds: [1] },
      { name: 'a', seeds: [] },
      { name: 'a', seeds: [-1] },
      { name: 'a', seeds: [1.5] },
      { name: 'a', labs: { lab9: [1] } },
      { name: 'a', seeds: [1], extra: true },
    ])
      expect(() => parseSeedSet(bad, 'f.json'), JSON.stringify(bad)).toThrow(SeedSetError);
  });

  test("a lab's own list wins over the set's seeds; a lab with neither is an error", () => {
    expect(seedsFor(SET, 'lab3')).toEqual([7771234]);
    expect(seedsFor(SET, 'lab1')).toEqual([918273, 5550123]);
    expect(() => seedsFor({ name: 'x', labs: { lab1: [1] } }, 'lab2')).toThrow(/no seeds for lab2/);
  });

  test('the digest depends on the seeds and the salt, not on the order of the labs', () => {
    const d = seedSetDigest(SET);
    expect(d).toMatch(/^[0-9a-f]{16}$/);
    expect(seedSetDigest({ ...SET, seeds: [918273] })).not.toBe(d);
    expect(seedSetDigest({ ...SET, salt: 'pepper' })).not.toBe(d);
    expect(seedSetDigest({ ...SET, labs: { lab3: [7771234] } })).toBe(d);
  });
});

describe('grading with a set', () => {
  test('labs sharing a seed list run together; the merged report records the set and its seeds', async () => {
    const runs: { seeds: number[]; files: string[] }[] = [];
    const fake = async (o: GradeOptions): Promise<Report> => {
      runs.push({ seeds: o.seeds ?? [], files: o.files ?? [] });
      const part = (o.files?.[0] ?? '').includes('/lab3/') ? 'lab3a' : 'lab1a';
      const header = { target: 'sub', targetDir: '/sub', seeds: o.seeds ?? [], wallMs: 5, problems: [] };
      return buildReport(header, [test1(part, o.seeds?.[0] ?? 0)], o.showParts ?? []);
    };
    const files = [
      '/k/grader/labs/lab1/a.test.ts',
      '/k/grader/labs/lab2/b.test.ts',
      '/k/grader/labs/lab3/c.test.ts',
    ];
    const r = await gradeWithSeedSet(SET, { target: 'sub', files, showParts: ['lab1a', 'lab3a'] }, fake);
    expect(runs).toEqual([
      { seeds: [918273, 5550123], files: files.slice(0, 2) },
      { seeds: [7771234], files: files.slice(2) },
    ]);
    expect(r.wallMs).toBe(10);
    expect(r.labs.flatMap((l) => l.tests.map((t) => t.part))).toEqual(['lab1a', 'lab3a']);
    expect(r.seedSet).toEqual({
      name: 'final-2025',
      digest: seedSetDigest(SET),
      seeds: { lab1: [918273, 5550123], lab2: [918273, 5550123], lab3: [7771234] },
    });
  });
});

describe("the student's view", () => {
  test('no hidden seed and no replay command; the set is named; the instructor report keeps them', () => {
    const report: Report = {
      ...buildReport(
        { target: 'sub', targetDir: '/sub', seeds: [918273], wallMs: 1, problems: ['seed 918273 hung'] },
        [test1('lab1a', 918273)],
        ['lab1a'],
      ),
      seedSet: { name: 'final-2025', digest: 'abc', seeds: { lab1: [918273] } },
    };
    const shown = studentView(report);
    const text = JSON.stringify(shown);
    expect(text).not.toContain('918273');
    expect(text).not.toContain('replay');
    expect(shown.seedSet).toEqual({ name: 'final-2025', digest: 'abc' });
    const t = shown.labs[0]?.tests[0];
    expect(t?.error).toContain('seed: from instructor set final-2025');
    expect(t?.error).toContain('two leaders in term 3');
    expect(JSON.stringify(report)).toContain('918273');
    const plain = { ...report, seedSet: undefined };
    expect(studentView(plain)).toBe(plain);
  });
});
