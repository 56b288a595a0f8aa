// Host side: the private folder of one grading run (mkdtemp, mode 0700, never a shared path). It
// holds the graded tree (for a sealed run: the kit's skeleton with only the submission's regions,
// built by grader/seal), the channel file, the trace of a replay, and the TMPDIR of vitest and of its
// workers. Everything in it is removed when the run ends; no worker is told any path outside it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGradedTree } from '../../seal/graded-tree.js';
import type { GradedTree } from '../../seal/model.js';
import { REPO_ROOT, type Target } from './paths.js';

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
    const channel = join(root, 'channel.jsonl');
    writeFileSync(channel, '', { mode: 0o600, flag: 'wx' });
    const dirs = {
      root,
      channel,
      trace: join(root, 'trace.jsonl'),
      tmp,
      key: randomBytes(32).toString('hex'),
    };
    if (!seal) return { ...dirs, tree: realpathSync(target.dir) };
    const tree = join(root, 'tree');
    const result = await buildGradedTree({ kitRoot: REPO_ROOT, submission: target.dir, out: tree });
    return { ...dirs, tree, seal: result };
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

export function removeRunDir(run: RunDir): void {
  rmSync(run.root, { recursive: true, force: true });
}
