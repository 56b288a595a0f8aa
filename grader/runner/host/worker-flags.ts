// Host side: the node flags of the test workers, and the folders modules may be loaded from. Node 20's permission model is the second wall
// (the first is the static check of region code and the sealed tree): a worker may read only the
// kit's dependencies (node_modules, minus any entry that links back into the kit, such as the
// `raftlab` self-link), the grader's own files, its run's TMPDIR and channel; it may write only the
// channel and the trace file, spawn no process and load no addon. The kit's solutions/, labs/, the
// submission and every other file of the machine stay out of its reach.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isInside } from './resolve-plugin.js';
import { REPO_ROOT } from './paths.js';
import type { RunDir } from './run-dir.js';

/** Every node_modules folder node would search from the kit's root. */
function nodeModulesDirs(): string[] {
  const dirs: string[] = [];
  for (let d = REPO_ROOT; ; d = dirname(d)) {
    const nm = join(d, 'node_modules');
    if (existsSync(nm)) dirs.push(realpathSync(nm));
    if (dirname(d) === d) return dirs;
  }
}

/** Entries of a node_modules folder that stay inside some node_modules folder once links are followed. */
function dependencyEntries(nm: string, all: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(nm)) {
    const path = join(nm, name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue; // a dangling link
    }
    if (all.some((d) => isInside(real, d)) && !isInside(REPO_ROOT, real)) out.push(path);
  }
  return out;
}

/** Folders (besides grader/) that hold test files of this run: a test's own snapshot lookups read there. */
function testDirs(files: readonly string[]): string[] {
  const grader = join(REPO_ROOT, 'grader');
  return [...new Set(files.map((f) => dirname(f)).filter((d) => !isInside(d, grader)))];
}

/** The folders the host's vite may load modules from in this run (treeWall in resolve-plugin.ts). */
export function loadRoots(run: RunDir, testFiles: readonly string[]): string[] {
  return [run.tree, join(REPO_ROOT, 'grader'), ...nodeModulesDirs(), ...testDirs(testFiles)];
}

export function workerFlags(run: RunDir, testFiles: readonly string[]): string[] {
  const nms = nodeModulesDirs();
  const reads = [
    ...nms.flatMap((nm) => dependencyEntries(nm, nms)),
    join(REPO_ROOT, 'grader'),
    ...testDirs(testFiles),
    run.tmp,
    run.channel,
  ];
  return [
    '--experimental-permission',
    // the watchdog is a worker thread; threads inherit the process's permissions
    '--allow-worker',
    '--disable-warning=ExperimentalWarning',
    '--disable-warning=SecurityWarning',
    // eval and the Function constructors throw (EvalError), however they are reached (a computed key,
    // a function's `constructor`): code cannot be made from strings in a worker
    '--disallow-code-generation-from-strings',
    ...reads.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${run.channel}`,
    `--allow-fs-write=${run.trace}`,
    `--allow-fs-write=${run.traces}`,
  ];
}
