// The hostile suite's private kit copy: hostile submissions may rewrite the checkout that grades them, so
// they are only ever graded by a copy of the kit in a fresh temporary folder (never the developer's
// checkout). A content fingerprint of the copy shows what a grading changed; repair() puts it back.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

/** Top-level entries of the checkout that are not part of the kit (VCS data, caches, scratch). */
const SKIP_TOP = new Set(['.git', '.raftlab', 'tmp', 'coverage']);
/** Caches that vitest and vite write while grading: not the kit. */
const SKIP_ANY = [`node_modules${sep}.vite`, `node_modules${sep}.vite-temp`, `node_modules${sep}.cache`];

export interface Sandbox {
  /** The temporary folder holding everything of this run. */
  work: string;
  /** The kit copy that grades (its own node_modules). */
  kit: string;
}

function kept(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '') return true;
  if (SKIP_TOP.has(rel.split(sep)[0] ?? '')) return false;
  return !SKIP_ANY.some((s) => rel === s || rel.startsWith(`${s}${sep}`) || rel.includes(`${sep}${s}`));
}

export function makeSandbox(root: string): Sandbox {
  const work = mkdtempSync(join(tmpdir(), 'raftlab-hostile-'));
  const kit = join(work, 'kit');
  cpSync(root, kit, { recursive: true, verbatimSymlinks: true, filter: (src) => kept(root, src) });
  return { work, kit };
}

export function removeSandbox(s: Sandbox): void {
  rmSync(s.work, { recursive: true, force: true });
}

/** Relative path → sha1 (size:mtime in node_modules) of every file and symlink of the kit copy, caches excluded. */
export type Fingerprint = Map<string, string>;

export function fingerprint(kit: string): Fingerprint {
  const out: Fingerprint = new Map();
  // Dependencies by size and mtime (a rewrite changes them; hashing 200 MB per case would be slow).
  const deps = join(kit, 'node_modules') + sep;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!kept(kit, path)) continue;
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isSymbolicLink()) out.set(relative(kit, path), `-> ${readlinkSync(path)}`);
      else if (path.startsWith(deps)) out.set(relative(kit, path), `${st.size}:${st.mtimeMs}`);
      else out.set(relative(kit, path), createHash('sha1').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(kit);
  return out;
}

/** Files added, changed or deleted between two fingerprints (sorted). */
export function changedFiles(before: Fingerprint, after: Fingerprint): string[] {
  const changed = new Set<string>();
  for (const [f, h] of after) if (before.get(f) !== h) changed.add(f);
  for (const f of before.keys()) if (!after.has(f)) changed.add(f);
  return [...changed].sort();
}

/** Puts `files` of the kit copy back as they are in `root` (removes those `root` does not have). */
export function repair(kit: string, root: string, files: readonly string[]): void {
  for (const f of files) {
    const dst = join(kit, f);
    rmSync(dst, { recursive: true, force: true });
    const src = join(root, f);
    if (existsSync(src)) cpSync(src, dst, { recursive: true, verbatimSymlinks: true });
  }
}
