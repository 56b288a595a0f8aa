// Host side: the private folder of one grading run (mkdtemp, mode 0700, never a shared path). It
// holds the graded tree (for a sealed run: the kit's pristine skeleton with only the submission's
// regions, built by grader/seal; the skeleton is never the checkout's labs/), the channel file, the trace of a replay, and the TMPDIR of vitest and of its
// workers. Everything in it is removed when the run ends; no worker is told any path outside it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGradedTree, type SkeletonFiles } from '../../seal/graded-tree.js';
import { type GradedTree, SealError } from '../../seal/model.js';
import { generate } from '../../tools/makelabs/generate.js';
import { isDirectory } from '../../tools/makelabs/walk.js';
import { REPO_ROOT, type Target, TargetError } from './paths.js';

export interface RunDir {
  root: string;
  /** The folder `@target` points at (a real path): the graded tree, or the target itself when unsealed. */
  tree: string;
  /** The worker → host channel (JSON lines with a MAC). */
  channel: string;
  /** The channel's key (hex). */
  key: string;
  /** Where a replayed test's trace is written (the host copies it to where the user asked). */
  trace: string;
  /** Where workers write the traces of failing tests (GradeOptions.failureTraces). */
  traces: string;
  /** TMPDIR of vitest (its transformed modules) and of the workers. */
  tmp: string;
  /** What sealing found; undefined for an unsealed run. */
  seal?: GradedTree;
}

/** Creates the run's folder; with `seal`, builds the graded tree of `target` in it. */
export async function createRunDir(target: Target, seal: boolean): Promise<RunDir> {
  const root = mkdtempSync(join(realpathSync(tmpdir()), 'raftlab-run-'));
  try {
    const tmp = join(root, 'tmp');
    mkdirSync(tmp, { mode: 0o700 });
    const traces = join(root, 'traces');
    mkdirSync(traces, { mode: 0o700 });
    const channel = join(root, 'channel.jsonl');
    writeFileSync(channel, '', { mode: 0o600, flag: 'wx' });
    const dirs = {
      root,
      channel,
      trace: join(root, 'trace.jsonl'),
      traces,
      tmp,
      key: randomBytes(32).toString('hex'),
    };
    if (!seal) return { ...dirs, tree: realpathSync(target.dir) };
    const tree = join(root, 'tree');
    return { ...dirs, tree, seal: await sealTree(target, tree) };
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

/** Where an exported kit (which has no solutions/) keeps its copy of the pristine skeleton. */
export const SHIPPED_SKELETON = join('grader', 'skeleton');

/**
 * The pristine skeleton a sealed run splices a submission into. Never the checkout's labs/, which may
 * hold a student's work: an exported kit's grader/skeleton/, else one generated from solutions/ (in
 * memory: about 60 ms once warm, so nothing is cached).
 */
export function sealSkeleton(kitRoot: string = REPO_ROOT): string | SkeletonFiles {
  const shipped = join(kitRoot, SHIPPED_SKELETON);
  if (isDirectory(shipped)) return shipped;
  const solutions = join(kitRoot, 'solutions');
  if (isDirectory(solutions)) return generate({ solutionsDir: solutions }).files;
  throw new TargetError(
    `cannot grade a submission: this kit has neither ${SHIPPED_SKELETON}/ nor solutions/ to take the pristine skeleton from`,
  );
}

/** Builds the graded tree; a submission or kit that cannot be sealed is the target's problem (exit 2), not a bug. */
async function sealTree(target: Target, out: string): Promise<GradedTree> {
  try {
    return await buildGradedTree({
      kitRoot: REPO_ROOT,
      skeleton: sealSkeleton(),
      submission: target.dir,
      out,
    });
  } catch (e) {
    if (e instanceof SealError)
      throw new TargetError(`cannot grade ${target.arg}: ${e.message}`, { cause: e });
    throw e;
  }
}

export function removeRunDir(run: RunDir): void {
  rmSync(run.root, { recursive: true, force: true });
}
