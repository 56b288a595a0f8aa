// Where things are (the repository root and its folders, from grader/paths.ts), and how a
// --target argument (`labs`, `solutions` or a path) becomes a directory.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { REPO_ROOT } from '../../paths.js';
import { isInside } from './resolve-plugin.js';

export { LAB_TESTS_DIR, REPO_ROOT, VITEST_CONFIG } from '../../paths.js';

/** The --target argument cannot be used. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

export interface Target {
  /** As the user gave it; shown in replay commands. */
  arg: string;
  dir: string;
}

export function resolveTarget(arg = 'labs', cwd = process.cwd()): Target {
  const dir = arg === 'labs' || arg === 'solutions' ? resolve(REPO_ROOT, arg) : resolve(cwd, arg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const hint = arg === 'labs' ? ' (generate it first: npx raftlab make-labs)' : '';
    throw new TargetError(`target "${arg}" is not a directory: ${dir}${hint}`);
  }
  return { arg, dir };
}

/** A path for display: relative to the repository when inside it. */
export function displayPath(file: string): string {
  return isInside(file, REPO_ROOT) ? relative(REPO_ROOT, file) : file;
}
