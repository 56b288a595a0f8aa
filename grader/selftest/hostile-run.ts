// Grades one hostile case with the kit copy's own CLI, in its own process: builds the tree (base tree from
// `make-labs --out`, the case's overlay, its placement), runs `raftlab grade … --target T --json F` under
// a wall-clock limit, and keeps the report as it was when the grader exited (and a moment later).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Base, DEFAULT_LIMIT_MS, DEFAULT_WHAT, type HostileCase } from '../hostile/case.js';
import { applyOverlay, OverlayError } from '../hostile/overlay.js';
import { type ExecResult, exec } from './exec.js';

/** How long after the grader's exit a report must still be unchanged (a rewriter would have struck). */
const SETTLE_MS = 2_000;
/** How long the victim of a parallel case waits for the attacker to be in place. */
const READY_WAIT_MS = 60_000;

export interface RunEnv {
  /** The kit copy that grades. */
  kit: string;
  /** Where trees and reports go (outside the kit copy). */
  work: string;
  /** The base trees, by name. */
  bases: Record<Base, string>;
  /** Loop iterations for SLOW_WORK_MS of CPU (the slow case). */
  iters: number;
  verbose: boolean;
}

export interface Grading {
  exit: ExecResult;
  /** The report's text when the grader exited (undefined: none written). */
  atExit?: string;
  /** The report's text SETTLE_MS later (cases that expect a stable report). */
  later?: string;
}

export interface CaseRun {
  hostile: HostileCase;
  target: string;
  grading?: Grading;
  /** The case could not be built (its overlay no longer fits the tree). */
  error?: string;
  /** The pristine skeleton graded in the same kit copy right after (expect.regrade). */
  regrade?: Grading;
  victim?: CaseRun;
  /** Files of the kit copy found changed after this case (or a case running beside it). */
  tampered: string[];
}

function readMaybe(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Copies the base tree to the case's place and applies its overlay; returns the --target path. */
export function buildTree(env: RunEnv, c: HostileCase): string {
  const slug = c.id.replace(/[^\w.-]/g, '_');
  const place = c.place ?? 'plain';
  const dir =
    place === 'spaces' ? join(env.work, 'trees', 'with spaces (1)', slug) : join(env.work, 'trees', slug);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, '..'), { recursive: true });
  cpSync(env.bases[c.base], dir, { recursive: true });
  let target = dir;
  if (place === 'symlink') {
    target = join(env.work, 'trees', `link-${slug}`);
    rmSync(target, { force: true });
    symlinkSync(dir, target, 'dir');
  }
  applyOverlay(dir, c.edits, { kit: env.kit, tree: target, iters: env.iters });
  return target;
}

export async function grade(
  env: RunEnv,
  what: readonly string[],
  target: string,
  tag: string,
  opts: { limitMs: number; settle: boolean },
): Promise<Grading> {
  const json = join(env.work, 'reports', `${tag}.json`);
  mkdirSync(join(env.work, 'reports'), { recursive: true });
  rmSync(json, { force: true });
  const cli = join(env.kit, 'grader', 'bin', 'raftlab.mjs');
  // A private TMPDIR: what a case leaves in the temporary folder (or looks for there) stays in this run.
  const tmp = join(env.work, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const exit = await exec(
    process.execPath,
    [cli, 'grade', ...what, '--target', target, '--json', json, '--pages', join(env.work, 'pages')],
    {
      cwd: env.kit,
      env: { NO_COLOR: '1', TMPDIR: tmp },
      timeoutMs: opts.limitMs,
      stream: env.verbose,
    },
  );
  const atExit = readMaybe(json);
  if (!opts.settle) return { exit, ...(atExit !== undefined ? { atExit } : {}) };
  await sleep(SETTLE_MS);
  const later = readMaybe(json);
  return { exit, ...(atExit !== undefined ? { atExit } : {}), ...(later !== undefined ? { later } : {}) };
}

async function waitFor(path: string, until: Promise<unknown>, ms: number): Promise<void> {
  let over = false;
  void until.finally(() => {
    over = true;
  });
  for (let waited = 0; !over && waited < ms && !existsSync(path); waited += 100) await sleep(100);
}

/** Grades the case (with its victim alongside, for a parallel case). Never throws for a bad case. */
export async function runCase(env: RunEnv, c: HostileCase): Promise<CaseRun> {
  let target: string;
  try {
    target = buildTree(env, c);
  } catch (e) {
    if (!(e instanceof OverlayError)) throw e;
    return { hostile: c, target: '', error: e.message, tampered: [] };
  }
  const opts = { limitMs: c.expect.limitMs ?? DEFAULT_LIMIT_MS, settle: c.expect.stable === true };
  const attack = grade(env, c.what ?? DEFAULT_WHAT, target, c.id, opts);
  let victim: CaseRun | undefined;
  if (c.victim !== undefined) {
    await waitFor(join(target, '.ready'), attack, READY_WAIT_MS);
    victim = await runCase(env, c.victim);
    writeFileSync(join(target, '.stop'), '');
  }
  const grading = await attack;
  return { hostile: c, target, grading, ...(victim !== undefined ? { victim } : {}), tampered: [] };
}
