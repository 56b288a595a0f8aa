// What one part's mutation run covers: the lines Stryker may mutate (the bodies of the part's marked
// regions in solutions/, as `file:first-last` ranges) and the test files holding the part's own tests
// (from the committed test list, grader/tests.json).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PART_IDS } from '../../registry.js';
import { REPO_ROOT } from '../../paths.js';
import { loadTestList } from '../../runner/host/test-list.js';
import { scanRegions } from '../makelabs/markers.js';
import { listFiles } from '../makelabs/walk.js';

export interface PartScope {
  part: string;
  /** Stryker `mutate` patterns, relative to the repo: `solutions/raft/log.ts:123-130` (1-based, inclusive). */
  mutate: string[];
  /** Number of region lines covered (between the markers, markers excluded). */
  lines: number;
  /** Test files (relative to the repo) that declare at least one test of the part. */
  testFiles: string[];
  /** Number of the part's own tests in those files. */
  tests: number;
}

/** The part's region bodies in solutions/ as Stryker ranges; throws if solutions/ has marker problems. */
export function regionRanges(part: string, root = REPO_ROOT): { mutate: string[]; lines: number } {
  const dir = join(root, 'solutions');
  const mutate: string[] = [];
  let lines = 0;
  for (const file of listFiles(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
    const scan = scanRegions(file, readFileSync(join(dir, file), 'utf8'), new Set(PART_IDS));
    if (scan.problems.length > 0) {
      const p = scan.problems[0];
      throw new Error(`solutions/${file}:${p?.line}: ${p?.message} (run npx raftlab make-labs --check)`);
    }
    for (const r of scan.regions) {
      if (r.part !== part) continue;
      // 0-based marker indexes: the body is 1-based lines begin+2 .. end.
      mutate.push(`solutions/${file}:${r.begin + 2}-${r.end}`);
      lines += r.end - r.begin - 1;
    }
  }
  return { mutate, lines };
}

export function partScope(part: string, root = REPO_ROOT): PartScope {
  const byFile = loadTestList();
  const testFiles: string[] = [];
  let tests = 0;
  for (const [file, list] of byFile) {
    const own = list.filter((t) => t.part === part).length;
    if (own === 0) continue;
    testFiles.push(relative(root, file));
    tests += own;
  }
  return { part, ...regionRanges(part, root), testFiles: testFiles.sort(), tests };
}
