// Unpacks one submission (a folder, a .zip, a .tar.gz/.tgz) into a fresh private folder, safely: only
// regular files and folders are written (no symlink, hard link or device is ever created), every path is
// checked to stay inside the destination, files are created exclusively, and the number of entries and
// the bytes written are bounded. Then finds the submission's root (the folder that looks like `labs/`).
import { createReadStream, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import yauzl from 'yauzl';

/** The submission cannot be unpacked (not an archive, too big, corrupt): it is not graded. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxFileBytes: number;
}

/** Generous for a tree of ~60 source files; an archive with node_modules in it is skipped, not refused. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFileBytes: 16 * 1024 * 1024,
};

/** Folders never taken from a submission (dependencies, VCS data): skipped without a word. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.raftlab']);

export type SubmissionKind = 'folder' | 'zip' | 'tar.gz';

/** The kind of a submission path, or undefined when it is neither a folder nor a known archive. */
export function submissionKind(path: string): SubmissionKind | undefined {
  const st = lstatSync(path);
  if (st.isDirectory()) return 'folder';
  if (!st.isFile()) return undefined;
  const name = path.toLowerCase();
  if (name.endsWith('.zip')) return 'zip';
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'tar.gz';
  return undefined;
}

/** The student's name for a submission path: its base name without the archive extension. */
export function studentName(path: string): string {
  return basename(path).replace(/(\.tar\.gz|\.tgz|\.zip)$/i, '');
}

export interface Unpacked {
  /** Entries not written: symlinks, links, devices, oversized files, skipped folders (with why). */
  skipped: string[];
  files: number;
}

/** Writes entries under `dest`, enforcing the path rules and the limits. */
class SafeWriter {
  readonly skipped: string[] = [];
  private entries = 0;
  private bytes = 0;
  files = 0;

  constructor(
    private readonly dest: string,
    private readonly limits: ArchiveLimits,
  ) {}

  /** The checked relative path of an entry name, or undefined (skipped) when it is not a plain path. */
  private relPath(name: string): string[] | undefined {
    if (++this.entries > this.limits.maxEntries)
      throw new ArchiveError(`more than ${this.limits.maxEntries} entries`);
    const parts = name
      .replaceAll('\\', '/')
      .split('/')
      .filter((p) => p !== '' && p !== '.');
    if (
      name.startsWith('/') ||
      /^[A-Za-z]:/.test(name) ||
      parts.some((p) => p === '..' || p.includes('\0'))
    ) {
      this.skipped.push(`${name}: a path outside the submission`);
      return undefined;
    }
    if (parts.some((p) => SKIPPED_DIRS.has(p))) return undefined;
    return parts;
  }

  dir(name: string): void {
    const parts = this.relPath(name);
    if (parts && parts.length > 0) mkdirSync(join(this.dest, ...parts), { recursive: true });
  }

  /** True when the entry of `size` bytes will be taken (then call file()). */
  accepts(name: string, size: number): boolean {
    if (size > this.limits.maxFileBytes) {
      this.skipped.push(`${name}: ${size} bytes, over the ${this.limits.maxFileBytes}-byte limit`);
      return false;
    }
    if (this.bytes + size > this.limits.maxTotalBytes)
      throw new ArchiveError(`more than ${this.limits.maxTotalBytes} bytes unpacked`);
    return true;
  }

  file(name: string, data: Buffer): void {
    const parts = this.relPath(name);
    if (!parts || parts.length === 0 || !this.accepts(name, data.length)) return;
    this.bytes += data.length;
    const path = join(this.dest, ...parts);
    mkdirSync(join(path, '..'), { recursive: true });
    // Exclusive: a duplicate entry cannot overwrite, and nothing pre-existing is followed.
    try {
      writeFileSync(path, data, { flag: 'wx', mode: 0o644 });
      this.files++;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
      this.skipped.push(`${name}: a duplicate entry`);
    }
  }

  other(name: string, what: string): void {
    if (this.relPath(name) !== undefined) this.skipped.push(`${name}: ${what}, not unpacked`);
  }
}

async function readLimited(
  stream: AsyncIterable<Buffer | string>,
  max: number,
  name: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    n += b.length;
    // A zip entry whose data inflates past its declared size (a zip bomb) stops here.
    if (n > max) throw new ArchiveError(`${name}: more than ${max} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function unzip(file: string, w: SafeWriter, limits: ArchiveLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new ArchiveError(`not a readable zip: ${err?.message ?? 'unknown'}`));
      const fail = (e: unknown): void => {
        zip.close();
        reject(e instanceof ArchiveError ? e : new ArchiveError(`corrupt zip: ${String(e)}`));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
        try {
          if (name.endsWith('/')) {
            w.dir(name);
            zip.readEntry();
            return;
          }
          if (mode !== 0 && mode !== 0o100000) {
            w.other(name, mode === 0o120000 ? 'a symbolic link' : 'not a regular file');
            zip.readEntry();
            return;
          }
          if (!w.accepts(name, entry.uncompressedSize)) {
            zip.readEntry();
            return;
          }
        } catch (e) {
          return fail(e);
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(e2);
          readLimited(stream, limits.maxFileBytes, name)
            .then((data) => {
              w.file(name, data);
              zip.readEntry();
            })
            .catch(fail);
        });
      });
      zip.readEntry();
    });
  });
}

function untar(file: string, w: SafeWriter, limits: ArchiveLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: unknown;
    const pending: Promise<void>[] = [];
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const name = entry.path;
        try {
          if (entry.type === 'Directory') w.dir(name);
          else if (entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile') {
            if (w.accepts(name, entry.size)) {
              pending.push(
                readLimited(entry, limits.maxFileBytes, name)
                  .then((d) => w.file(name, d))
                  .catch((e: unknown) => {
                    failed ??= e;
                  }),
              );
              return;
            }
          } else w.other(name, entry.type === 'SymbolicLink' ? 'a symbolic link' : `a ${entry.type} entry`);
        } catch (e) {
          failed ??= e;
        }
        entry.resume();
      },
    });
    parser.on('error', (e: unknown) => {
      failed ??= e;
    });
    parser.on('close', () => {
      void Promise.all(pending).then(() =>
        failed === undefined ? resolve() : reject(asArchiveError(failed)),
      );
    });
    const input = createReadStream(file);
    input.on('error', (e) => reject(asArchiveError(e)));
    input.pipe(parser);
  });
}

function asArchiveError(e: unknown): ArchiveError {
  return e instanceof ArchiveError ? e : new ArchiveError(`corrupt archive: ${String(e)}`);
}

/** Copies a folder's regular files (symlinks are not followed: they are listed as skipped). */
function copyFolder(src: string, w: SafeWriter, rel = ''): void {
  for (const name of readdirSync(join(src, rel)).sort()) {
    const relName = rel === '' ? name : `${rel}/${name}`;
    if (SKIPPED_DIRS.has(name)) continue;
    const st = lstatSync(join(src, relName));
    if (st.isDirectory()) {
      w.dir(relName);
      copyFolder(src, w, relName);
    } else if (st.isFile()) {
      if (w.accepts(relName, st.size)) w.file(relName, readFileSync(join(src, relName)));
    } else w.other(relName, st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file');
  }
}

/** Unpacks `src` into the (empty, private) folder `dest`. */
export async function unpackSubmission(
  src: string,
  dest: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<Unpacked> {
  const kind = submissionKind(src);
  const w = new SafeWriter(dest, limits);
  if (kind === 'folder') copyFolder(src, w);
  else if (kind === 'zip') await unzip(src, w, limits);
  else if (kind === 'tar.gz') await untar(src, w, limits);
  else throw new ArchiveError(`${basename(src)} is neither a folder, a .zip nor a .tar.gz`);
  return { skipped: w.skipped, files: w.files };
}

/** A folder that holds a lab tree itself (the layout of labs/). */
function isLabTree(dir: string): boolean {
  return ['raft', 'store'].some((d) => {
    try {
      return lstatSync(join(dir, d)).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * The folder to grade in an unpacked submission: the tree itself, or the one folder it was packed in
 * (repeatedly), or its `labs/` when the student packed the whole kit.
 */
export function submissionRoot(dir: string): string {
  let root = dir;
  for (let depth = 0; depth < 4 && !isLabTree(root); depth++) {
    const labs = join(root, 'labs');
    if (isLabTree(labs)) return labs;
    const entries = readdirSync(root).filter((n) => !n.startsWith('.') && n !== '__MACOSX');
    const only = entries.length === 1 ? join(root, entries[0] ?? '') : undefined;
    if (only === undefined || !lstatSync(only).isDirectory()) break;
    root = only;
  }
  return root.endsWith(sep) ? root.slice(0, -1) : root;
}
