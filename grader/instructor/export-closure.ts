// The grader files a student kit ships: the closure of the relative imports of the `raftlab` command,
// the vitest config, the worker files and the chosen labs' test files, plus the data files grading
// reads. Instructor-only code (the reference's mistakes, the self-test, hostile suites, benchmarks,
// the framework's unit tests, the export itself) must never be reached by a static import; a dynamic
// import of it (an instructor command loaded on demand) is left out of the kit.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { labTestFiles } from '../runner/host/select.js';

/** Paths (relative to the kit root, `/`-separated) that a student kit never contains. */
export const INSTRUCTOR_ONLY: readonly string[] = [
  'solutions/',
  'grader/mistakes/',
  'grader/selftest/',
  'grader/hostile/',
  'grader/bench/',
  'grader/unit/',
  'grader/instructor/export',
  'grader/instructor/batch',
  'grader/instructor/archive',
  'grader/instructor/gradescope',
  'grader/instructor/templates/',
  'grader/tools/proto.ts',
];

/**
 * Loaded by path rather than imported: the runner's worker files and threads (all of it), the test list,
 * the bin, and the trace viewer's page script (bundled by esbuild when a page is written).
 */
const BY_PATH: readonly string[] = [
  'grader/runner',
  'grader/tests.json',
  'grader/bin/raftlab.mjs',
  'grader/viewer/client',
];

/** The import closure's entry points besides the test files. */
const ENTRIES: readonly string[] = ['grader/cli/main.ts', 'vitest.config.ts'];

/** The kit cannot be exported as asked; the message says why. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface GraderClosure {
  /** Kit-relative paths, sorted. */
  files: string[];
  /** Bare package names imported by those files (node: built-ins excluded), sorted. */
  packages: string[];
  /** Dynamic imports of instructor-only files that were left out (kit-relative, sorted). */
  leftOut: string[];
}

export function isInstructorOnly(rel: string): boolean {
  return INSTRUCTOR_ONLY.some((p) => rel === p || rel.startsWith(p));
}

const STATIC_IMPORT =
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const BUILTINS = new Set(builtinModules);

/** A bare specifier's package: `vitest/config` → `vitest`, `@types/x/y` → `@types/x`. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('node:') || spec.startsWith('@target/') || BUILTINS.has(spec)) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `./x.js` from `grader/a/b.ts` → `grader/a/x.ts` (the kit imports .ts files under .js names). */
function resolveRelative(root: string, from: string, spec: string): string {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const c of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`]) {
    if (existsSync(join(root, c))) return c;
  }
  return base;
}

/** `rel` itself when it is a file, else every file below it (kit-relative). */
function listPath(root: string, rel: string): string[] {
  const abs = join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .map((f) => posix.join(rel, f.split(sep).join('/')))
    .filter((f) => statSync(join(root, f)).isFile());
}

/** The grader files a kit with tests for `labs` needs; ExportError if one is instructor-only. */
export function graderClosure(root: string, labs: readonly string[]): GraderClosure {
  const tests = labs.flatMap((l) => labTestFiles(l, join(root, 'grader/labs'))).map((f) => relative(root, f));
  // the labs' demos (`raftlab demo`): found by name, never imported
  const demos = labs.flatMap((l) => listPath(root, `grader/labs/${l}`).filter((f) => f.endsWith('.demo.ts')));
  const queue = [...ENTRIES, ...tests, ...demos, ...BY_PATH.flatMap((p) => listPath(root, p))];
  const seen = new Set<string>();
  const packages = new Set<string>();
  const leftOut = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    if (isInstructorOnly(file))
      throw new ExportError(`a student kit would need ${file}, which is instructor-only`);
    if (!existsSync(join(root, file))) throw new ExportError(`${file} is imported but does not exist`);
    seen.add(file);
    if (!/\.(m?ts|m?js)$/.test(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const visit = (spec: string, dynamic: boolean): void => {
      if (!spec.startsWith('.')) {
        const pkg = packageOf(spec);
        if (pkg !== undefined) packages.add(pkg);
        return;
      }
      const target = resolveRelative(root, file, spec);
      if (dynamic && isInstructorOnly(target)) leftOut.add(target);
      else queue.push(target);
    };
    for (const m of text.matchAll(STATIC_IMPORT)) visit(m[1] ?? m[2] ?? '', false);
    for (const m of text.matchAll(DYNAMIC_IMPORT)) visit(m[1] ?? '', true);
  }
  return { files: [...seen].sort(), packages: [...packages].sort(), leftOut: [...leftOut].sort() };
}
