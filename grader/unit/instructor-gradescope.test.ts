// The Gradescope autograder bundle end to end, against fake /autograder roots (RAFTLAB_AUTOGRADER_ROOT):
// the zip has setup.sh and run_autograder at its root beside the student kit and the seed set; unpacked
// as Gradescope does (setup.sh's `npm ci` replaced by a link to this checkout's node_modules), its
// run_autograder grades an honest submission (the solution, packed in a folder) to full marks and a
// hostile one (8.escape-kill-ppid) to zero, each writing a results.json that validates against
// Gradescope's schema and names the seed set without a seed.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { afterAll, expect, test } from 'vitest';
import { HOSTILE_CASES } from '../hostile/index.js';
import { applyOverlay } from '../hostile/overlay.js';
import { unpackSubmission } from '../instructor/archive.js';
import { buildAutograderBundle } from '../instructor/gradescope.js';
import type { GradescopeResults } from '../report/gradescope.js';
import { GRADESCOPE_SCHEMA } from './gradescope-schema.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'grader', 'bin', 'raftlab.mjs');
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'raftlab-gradescope-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SEEDS = [424242, 515151];

async function makeLabs(args: string[]): Promise<void> {
  await run(process.execPath, [BIN, 'make-labs', ...args], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** A fake /autograder: source/ (the unpacked bundle) shared, the submission its own. */
function fakeRoot(name: string, source: string, submission: string): string {
  const root = join(work, name);
  mkdirSync(join(root, 'submission'), { recursive: true });
  symlinkSync(source, join(root, 'source'));
  cpSync(submission, join(root, 'submission', 'my-work'), { recursive: true });
  return root;
}

async function autograde(root: string): Promise<GradescopeResults> {
  await run('bash', [join(root, 'source', 'run_autograder')], {
    cwd: root,
    env: { ...process.env, RAFTLAB_AUTOGRADER_ROOT: root, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as GradescopeResults;
}

test('run_autograder grades an honest and a hostile submission into valid results.json', {
  timeout: 240_000,
}, async () => {
  const seedFile = join(work, 'seeds.json');
  writeFileSync(seedFile, JSON.stringify({ name: 'final', seeds: SEEDS, salt: 'x' }));
  const zip = join(work, 'autograder.zip');
  await buildAutograderBundle({ out: zip, labs: ['lab2'], what: ['lab2a'], seedSet: seedFile });
  const source = join(work, 'source');
  mkdirSync(source);
  await unpackSubmission(zip, source);
  for (const f of ['setup.sh', 'run_autograder', 'seed-set.json', 'kit/package-lock.json'])
    expect(() => readFileSync(join(source, f)), `${f} in the bundle`).not.toThrow();
  expect(() => readFileSync(join(source, 'kit', 'solutions', 'raft', 'raft.ts'))).toThrow();
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'kit', 'node_modules'));

  const solved = join(work, 'solved');
  const partial = join(work, 'partial');
  await Promise.all([
    makeLabs(['--solved', 'all', '--out', solved]),
    makeLabs(['--solved', 'lab1', '--out', partial]),
  ]);
  const hostile = join(work, 'hostile');
  cpSync(partial, hostile, { recursive: true });
  const c = HOSTILE_CASES.find((h) => h.id === '8.escape-kill-ppid');
  if (c === undefined) throw new Error('no hostile case 8.escape-kill-ppid');
  applyOverlay(hostile, c.edits, { kit: join(source, 'kit'), tree: hostile, iters: 1 });

  const [honest, evil] = await Promise.all([
    autograde(fakeRoot('honest', source, solved)),
    autograde(fakeRoot('evil', source, hostile)),
  ]);
  const validate = new Ajv({ allErrors: true, strict: true }).compile(GRADESCOPE_SCHEMA);
  for (const r of [honest, evil]) {
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(r.output).toContain('instructor set final');
    for (const s of SEEDS) expect(JSON.stringify(r)).not.toContain(String(s));
  }
  const max = honest.tests.reduce((a, t) => a + t.max_score, 0);
  expect(max).toBeGreaterThan(0);
  expect(honest.score).toBe(max);
  expect(honest.tests.every((t) => t.status === 'passed')).toBe(true);
  expect(evil.score).toBe(0);
  expect(evil.output).toMatch(/Rejected .*\n.*raft\/log\.ts:\d+ \[computed-key\]/);
});
