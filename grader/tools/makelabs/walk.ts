// Lists the files of a tree in a byte-stable order (relative paths with forward slashes), skipping
// node_modules folders: the one traversal both the generator and the checker use.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules']);

/** Code-unit order, independent of locale. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All files under `root`, relative, sorted. Symlinks are followed. A missing root gives []. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(abs).isDirectory());
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(abs, relPath);
      } else {
        out.push(relPath);
      }
    }
  };
  if (isDirectory(root)) visit(root, '');
  return out.sort(byPath);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
