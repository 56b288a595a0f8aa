// Puts a generated tree on disk and compares one with what is on disk: write (only changed files,
// pruning stale ones), diff (first differing line per file), and the safety checks that come first.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StudentWorkError, UnsafeOutputError } from './errors.js';
import type { GeneratedTree } from './generate.js';
import { GENERATED_NOTE, MANIFEST_FILE } from './manifest.js';
import { HELPERS, scanRegions, splitLines } from './markers.js';
import { byPath, isDirectory, listFiles, SKIPPED_DIRS } from './walk.js';

export type Difference =
  | { file: string; kind: 'missing' }
  | { file: string; kind: 'stale' }
  | { file: string; kind: 'differs'; line?: number; expected?: string; found?: string; region?: string };

/** Compares `dir` with the tree; [] when identical. Never writes. */
export function diffTree(dir: string, tree: GeneratedTree): Difference[] {
  const out: Difference[] = [];
  const onDisk = new Set(listFiles(dir));
  for (const [file, want] of tree.files) {
    if (!onDisk.has(file)) {
      out.push({ file, kind: 'missing' });
      continue;
    }
    const have = readFileSync(join(dir, file));
    if (have.equals(want)) continue;
    if (have.includes(0) || want.includes(0)) {
      out.push({ file, kind: 'differs' });
      continue;
    }
    const a = splitLines(want.toString('utf8'));
    const b = splitLines(have.toString('utf8'));
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const line = i + 1;
    const region = tree.regions.get(file)?.find((r) => r.begin <= line && line <= r.end)?.part;
    out.push({
      file,
      kind: 'differs',
      line,
      expected: a[i] ?? '<end of file>',
      found: b[i] ?? '<end of file>',
      ...(region === undefined ? {} : { region }),
    });
  }
  for (const file of onDisk) {
    if (!tree.files.has(file)) out.push({ file, kind: 'stale' });
  }
  return out.sort((x, y) => byPath(x.file, y.file));
}

function clip(s: string, max = 100): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** Human-readable lines for one difference; `label` is how the folder is named (e.g. 'labs/'). */
export function formatDifference(d: Difference, label: string): string[] {
  const where = `${label}${d.file}`;
  switch (d.kind) {
    case 'missing':
      return [`${where}: missing`];
    case 'stale':
      return [`${where}: not generated (stale or added by hand)`];
    case 'differs': {
      if (d.line === undefined) return [`${where}: content differs (binary)`];
      const inRegion = d.region === undefined ? '' : ` (inside marked region ${d.region})`;
      let expected = (d.expected ?? '').trim();
      let found = (d.found ?? '').trim();
      if (expected === found) {
        // Only whitespace differs: show it.
        expected = JSON.stringify(d.expected ?? '');
        found = JSON.stringify(d.found ?? '');
      }
      return [
        `${where}:${d.line}: differs${inRegion}`,
        `    expected: ${clip(expected)}`,
        `    found:    ${clip(found)}`,
      ];
    }
  }
}

/** The file a tree written with `make-labs --out` gets beside its code, for editors and the type check. */
export const OUT_TSCONFIG = 'tsconfig.json';

/**
 * The tsconfig.json of a `--out` tree: the kit's compiler options (extended, with relative paths, so a
 * tree inside the checkout or beside it works), its own files, and the kit's node_modules for the bare
 * imports and their types (memdown, protobufjs, node:…) wherever the tree is.
 */
export function outTsconfig(outDir: string, kitRoot: string): Buffer {
  const up = relative(outDir, kitRoot).split(sep).join('/') || '.';
  const config = {
    extends: `${up}/tsconfig.json`,
    compilerOptions: {
      rootDir: '.',
      baseUrl: '.',
      typeRoots: [`${up}/node_modules/@types`],
      paths: { '*': [`${up}/node_modules/@types/*`, `${up}/node_modules/*`] },
    },
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  };
  return Buffer.from(`${JSON.stringify(config, null, 2)}\n`, 'utf8');
}

export interface WriteSummary {
  written: string[];
  deleted: string[];
  unchanged: number;
}

/** Writes the tree into `dir`, touching only files whose bytes change; with `prune`, deletes the rest. */
export function writeTree(dir: string, tree: GeneratedTree, prune: boolean): WriteSummary {
  const summary: WriteSummary = { written: [], deleted: [], unchanged: 0 };
  mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of tree.files) {
    const abs = join(dir, file);
    if (existsSync(abs) && readFileSync(abs).equals(bytes)) {
      summary.unchanged++;
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, bytes);
    summary.written.push(file);
  }
  if (prune) {
    for (const file of listFiles(dir)) {
      if (tree.files.has(file)) continue;
      unlinkSync(join(dir, file));
      summary.deleted.push(file);
    }
    removeEmptyDirs(dir, true);
  }
  return summary;
}

function removeEmptyDirs(dir: string, isRoot: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) removeEmptyDirs(join(dir, entry.name), false);
  }
  if (!isRoot && readdirSync(dir).length === 0) rmdirSync(dir);
}

/** realpath of the longest existing prefix, plus the rest: works for folders not created yet. */
function realpathLoose(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realpathLoose(parent), basename(abs));
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Whether `dir` holds a tree made by this generator (its MANIFEST.json carries our header). */
export function isGeneratedTree(dir: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      'generated' in parsed &&
      parsed.generated === GENERATED_NOTE
    );
  } catch {
    return false;
  }
}

/**
 * Refuses output folders that are, contain or sit inside solutions/, and (unless `isDefaultLabs`)
 * non-empty folders that this generator did not make, since writing prunes files there.
 */
export function assertSafeOutput(outDir: string, solutionsDir: string, isDefaultLabs: boolean): void {
  const out = realpathLoose(outDir);
  const sol = realpathLoose(solutionsDir);
  if (isInside(out, sol)) {
    throw new UnsafeOutputError(`refusing to write into solutions/ (${outDir}): it is the source of truth`);
  }
  if (isInside(sol, out)) {
    throw new UnsafeOutputError(`refusing to write to ${outDir}: it contains solutions/`);
  }
  if (existsSync(out) && !isDirectory(out)) {
    throw new UnsafeOutputError(`${outDir} exists and is not a folder`);
  }
  if (isDefaultLabs || !existsSync(out)) return;
  if (readdirSync(out).length > 0 && !isGeneratedTree(out)) {
    throw new UnsafeOutputError(
      `refusing to write to ${outDir}: it is not empty and has no MANIFEST.json from make-labs`,
    );
  }
}

/**
 * Regions in an existing tree whose body is anything but a single LabTodo stub (for a helpers region:
 * anything but comments), as `file:line (part)`.
 */
export function findStudentWork(dir: string, label: string): string[] {
  const places: string[] = [];
  for (const file of listFiles(dir)) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes('// BEGIN')) continue;
    const lines = splitLines(text);
    for (const r of scanRegions(file, text, new Set(), true).regions) {
      const body = lines.slice(r.begin + 1, r.end).filter((l) => l.trim() !== '');
      const isStub =
        r.part === HELPERS
          ? body.every((l) => l.trim().startsWith('//'))
          : body.length === 1 && (body[0] ?? '').trim().startsWith('throw new LabTodo(');
      if (!isStub) places.push(`${label}${file}:${r.begin + 1} (${r.part})`);
    }
  }
  return places;
}

/** Throws StudentWorkError when `dir` has implemented regions (a student's work) and not `force`. */
export function assertNoStudentWork(dir: string, label: string, force: boolean): void {
  if (force || !isDirectory(dir)) return;
  const places = findStudentWork(dir, label);
  if (places.length > 0) throw new StudentWorkError(places);
}
