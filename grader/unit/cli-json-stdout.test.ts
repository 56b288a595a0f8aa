// `raftlab grade --json -`: the JSON report alone on standard output (for a pipe), the table on
// standard error, and no file named `-` written. Runs the real CLI on one small part.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT as ROOT } from '../paths.js';

const BIN = join(ROOT, 'grader', 'bin', 'raftlab.mjs');

test('grade --json - writes the report to stdout and the table to stderr', { timeout: 120_000 }, async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'raftlab-json-'));
  try {
    const args = [BIN, 'grade', 'lab2a', '--target', join(ROOT, 'solutions'), '--json', '-'];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const report = JSON.parse(stdout) as { total: { score: number; max: number } };
    expect(report.total.max).toBeGreaterThan(0);
    expect(report.total.score).toBe(report.total.max);
    expect(stderr).toContain('lab2a');
    expect(existsSync(join(cwd, '-'))).toBe(false);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
