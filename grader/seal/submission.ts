// Reads a submission folder without trusting it: lists its entries without following symbolic links
// (a link could point at the kit's solutions/ or loop), skips node_modules and .git, and caps how many
// entries and how many bytes per file it takes.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Entries beyond this many are not listed (a submission is a few dozen files). */
export const MAX_ENTRIES = 5000;
/** A student file larger than this is not read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const SKIPPED = new Set(['node_modules', '.git']);

export type EntryKind = 'file' | 'symlink' | 'other';

export interface Listing {
  /** Tree-relative path (forward slashes) → kind; directories are walked, not listed. */
  entries: Map<string, EntryKind>;
  /** True when MAX_ENTRIES was reached. */
  truncated: boolean;
}

export function listSubmission(root: string): Listing {
  const entries = new Map<string, EntryKind>();
  let truncated = false;
  const visit = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (entries.size >= MAX_ENTRIES) {
        truncated = true;
        return;
      }
      const abs = join(dir, name);
      const path = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (!SKIPPED.has(name)) visit(abs, path);
      } else {
        entries.set(path, st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other');
      }
    }
  };
  visit(root, '');
  return { entries, truncated };
}

/** The kind of one path of the submission, checking every folder on the way (a linked folder is a link). */
export function kindOf(root: string, path: string): EntryKind | undefined {
  let abs = root;
  const parts = path.split('/');
  for (const [i, name] of parts.entries()) {
    abs = join(abs, name);
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(abs);
    } catch {
      return undefined;
    }
    if (st.isSymbolicLink()) return 'symlink';
    if (i === parts.length - 1) return st.isFile() ? 'file' : st.isDirectory() ? undefined : 'other';
    if (!st.isDirectory()) return undefined;
  }
  return undefined;
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; why: 'symlink' | 'other' | 'too-large' };

/** A regular file of the submission, read if it is not too large. */
export function readEntry(root: string, path: string, kind: EntryKind): ReadResult {
  if (kind !== 'file') return { ok: false, why: kind };
  const abs = join(root, path);
  if (lstatSync(abs).size > MAX_FILE_BYTES) return { ok: false, why: 'too-large' };
  return { ok: true, bytes: readFileSync(abs) };
}
