// Host side: the type check of a graded tree, before its results are read. TypeScript's compiler runs
// on a worker thread (typecheck-worker.mjs) while the tests run, and its answer is cached by the
// content of the tree's .ts files, the kit's tsconfig.json and the compiler's version (in
// node_modules/.cache/raftlab/typecheck), so grading unchanged code again costs one hash. Type errors
// do not stop grading (the tests run the code as it is): the first few are a problem of the report,
// each at the target's file:line.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { listFiles } from '../../tools/makelabs/walk.js';
import { REPO_ROOT } from './paths.js';

/** At most this many type errors are reported (the count says how many there were). */
export const MAX_TYPE_ERRORS = 10;
/** A type check that takes longer than this is given up (and said so). */
export const TYPECHECK_TIMEOUT_MS = 60_000;
/** Cached answers kept (the oldest are removed). */
const CACHE_ENTRIES = 64;
export const TYPECHECK_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'raftlab', 'typecheck');
const WORKER = join(REPO_ROOT, 'grader', 'runner', 'host', 'typecheck-worker.mjs');

export interface TypeErrorAt {
  /** Tree-relative path, when the error is in a file of the tree. */
  file?: string;
  line: number;
  col: number;
  code: number;
  message: string;
}

export type TypecheckResult =
  | { ok: true; errors: TypeErrorAt[]; total: number; cached: boolean; ms: number }
  | { ok: false; why: string; ms: number };

function compilerVersion(): string {
  try {
    const req = createRequire(join(REPO_ROOT, 'package.json'));
    return (JSON.parse(readFileSync(req.resolve('typescript/package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'missing';
  }
}

/** sha256 over the tree's .ts files (path and bytes), the kit's tsconfig.json, the compiler and the worker. */
export function typecheckKey(tree: string): string {
  const h = createHash('sha256');
  h.update(`typescript ${compilerVersion()}\0`);
  for (const f of [join(REPO_ROOT, 'tsconfig.json'), WORKER]) h.update(readFileSync(f)).update('\0');
  for (const rel of listFiles(tree)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    h.update(`${rel}\0`)
      .update(readFileSync(join(tree, rel)))
      .update('\0');
  }
  return h.digest('hex');
}

function readCache(dir: string, key: string): { errors: TypeErrorAt[]; total: number } | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as {
      errors?: unknown;
      total?: unknown;
    };
    return Array.isArray(v.errors) && typeof v.total === 'number'
      ? { errors: v.errors as TypeErrorAt[], total: v.total }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, key: string, errors: TypeErrorAt[], total: number): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${key}.json`), JSON.stringify({ errors, total }));
    const entries = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const e of entries.slice(CACHE_ENTRIES)) rmSync(join(dir, e.f), { force: true });
  } catch {
    // a cache that cannot be written only costs time
  }
}

/** The type checker's heap limit (a full check of the kit takes ~300 MiB). */
const TYPECHECK_HEAP_MB = 1536;

/** Runs the worker on `tree`; resolves with its errors, or why there are none to show. */
function check(tree: string, timeoutMs: number): Promise<{ errors: TypeErrorAt[]; total: number } | string> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: { tree, kitRoot: REPO_ROOT, max: MAX_TYPE_ERRORS },
      // Submitted types can be made to blow up the checker: it may cost its own thread, never the host.
      resourceLimits: { maxOldGenerationSizeMb: TYPECHECK_HEAP_MB },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(`the type check did not finish within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    worker.once('message', (m: { errors: TypeErrorAt[]; total: number }) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve(`the type check could not run: ${e.message}`);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`the type check stopped (exit code ${code})`);
    });
  });
}

/** Type-checks `tree` (a cached answer if its files are unchanged). Never throws. */
export async function typecheckTree(
  tree: string,
  cacheDir = TYPECHECK_CACHE_DIR,
  timeoutMs = TYPECHECK_TIMEOUT_MS,
): Promise<TypecheckResult> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  const key = typecheckKey(tree);
  const hit = readCache(cacheDir, key);
  if (hit !== undefined) return { ok: true, ...hit, cached: true, ms: ms() };
  const r = await check(tree, timeoutMs);
  if (typeof r === 'string') return { ok: false, why: r, ms: ms() };
  writeCache(cacheDir, key, r.errors, r.total);
  return { ok: true, errors: r.errors, total: r.total, cached: false, ms: ms() };
}

/**
 * The report's problem for a check with errors (undefined when there are none): one line per error at
 * `<tree>/<file>:<line>:<col>`, which the run's path mapper turns into the target's file and line.
 */
export function typeProblem(r: TypecheckResult, tree: string): string | undefined {
  if (!r.ok) return `type check skipped: ${r.why}; the tests ran anyway`;
  if (r.total === 0) return undefined;
  const lines = [
    `type errors: ${r.total} in the graded code (the tests ran anyway, on the code as it is; fix these first: a test that reaches one may fail or throw)`,
  ];
  for (const e of r.errors) {
    const at = e.file === undefined ? '' : `${tree}/${e.file}:${e.line}:${e.col} `;
    lines.push(`${at}TS${e.code}: ${e.message}`);
  }
  if (r.total > r.errors.length) lines.push(`… and ${r.total - r.errors.length} more`);
  return lines.join('\n');
}
