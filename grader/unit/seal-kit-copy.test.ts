// End to end, in a copy of the kit: a self-learner's work in the checkout's labs/ does not stop the
// grading of another tree. `raftlab grade <part> --target solutions` seals solutions/ into a skeleton
// generated afresh, so it still gets full marks with nothing listed as changed. Runs the real CLI of
// the copy on one small test.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../paths.js';

/** Top-level entries of the checkout that are not the kit (node_modules is linked, not copied). */
const SKIPPED = new Set(['.git', '.raftlab', 'node_modules', 'tmp', 'coverage']);
const TEST_ID = 'lab1a.term.same-term-keeps-vote';

interface JsonReport {
  total: { score: number; max: number };
  submission?: { ignored: unknown[]; problems: unknown[] };
}

test("a kit whose labs/ holds a student's work grades --target solutions to full marks", {
  timeout: 240_000,
}, async () => {
  const work = mkdtempSync(join(tmpdir(), 'raftlab-kit-copy-'));
  try {
    const kit = join(work, 'kit');
    cpSync(REPO_ROOT, kit, {
      recursive: true,
      filter: (src) => !SKIPPED.has(relative(REPO_ROOT, src).split(sep)[0] ?? ''),
    });
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(kit, 'node_modules'), 'dir');
    const raft = join(kit, 'labs/raft/raft.ts');
    const text = readFileSync(raft, 'utf8');
    const stub = /^(\s*)throw new LabTodo\('lab1a'/m;
    expect(text).toMatch(stub);
    writeFileSync(raft, text.replace(stub, "$1const mine = 'a student was here';\n$&"));
    const args = ['grader/bin/raftlab.mjs', 'grade', 'lab1a', '--target', 'solutions'];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...args, '--tests', TEST_ID, '--json', '-'],
      { cwd: kit, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
    );
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.total.max).toBeGreaterThan(0);
    expect(report.total.score).toBe(report.total.max);
    expect(report.submission).toMatchObject({ ignored: [], problems: [] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
