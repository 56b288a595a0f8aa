// Where the kit is: the repository root and the folders and files every tool finds from it, and the
// one test of whether a module is the program being run. The only place that derives the root from a
// module's own location; everything else imports it from here.
import { realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file is grader/paths.ts). */
export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const SOLUTIONS_DIR = join(REPO_ROOT, 'solutions');
export const LABS_DIR = join(REPO_ROOT, 'labs');
export const LAB_TESTS_DIR = join(REPO_ROOT, 'grader', 'labs');
export const VITEST_CONFIG = join(REPO_ROOT, 'vitest.config.ts');
/** The generated list of the labs' marked regions, in labs/. */
export const MANIFEST_FILE = join(LABS_DIR, 'MANIFEST.json');

/**
 * Is the module at `moduleUrl` (its import.meta.url) the script node was started with? Follows
 * symbolic links (npx runs the bin through node_modules/.bin).
 */
export function isEntryPoint(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (argv1 === undefined) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(resolve(argv1))).href;
  } catch {
    return false;
  }
}
