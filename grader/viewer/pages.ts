// The viewer pages of a grading run: each failing seeded test's trace (written by its worker into the
// run's trace folder, as `<id>.<seed>.jsonl`) becomes one self-contained HTML page in a folder the
// failure message names. Generic: knows no lab. Trace files are untrusted (the worker ran student
// code): a missing, oversized or malformed one yields no page, never an error.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceMeta } from './model/types.js';
import { buildPage, readTraceLines } from './page.js';

/** A trace file larger than this gets no page (a run's trace is a few MB at most). */
const MAX_TRACE_BYTES = 128 * 1024 * 1024;
/** At most this many pages per run (the first failing tests, in report order). */
export const MAX_PAGES = 20;

/** A failed seeded test of the run. */
export interface FailedRun {
  id: string;
  seed: number;
  target: string;
  replay?: string;
  error?: string;
}

/** The page's file name for a test and seed. */
export function pageName(id: string, seed: number): string {
  return `${id}.seed-${seed}.html`;
}

/**
 * Writes a page per failed run whose trace is in `tracesDir` into `pagesDir` (emptied of older pages
 * first); returns test id → page path.
 */
export function writeFailurePages(
  tracesDir: string,
  pagesDir: string,
  runs: readonly FailedRun[],
): Map<string, string> {
  const pages = new Map<string, string>();
  clearPages(pagesDir);
  for (const r of runs) {
    if (pages.size >= MAX_PAGES) break;
    const file = join(tracesDir, `${r.id}.${r.seed}.jsonl`);
    if (!existsSync(file) || statSync(file).size > MAX_TRACE_BYTES) continue;
    const meta: TraceMeta = {
      title: r.id,
      testId: r.id,
      seed: r.seed,
      target: r.target,
      open: 'lanes',
      ...(r.replay !== undefined ? { replay: r.replay } : {}),
      ...(r.error !== undefined ? { failure: r.error } : {}),
    };
    mkdirSync(pagesDir, { recursive: true });
    const out = join(pagesDir, pageName(r.id, r.seed));
    writeFileSync(out, buildPage({ meta, lines: readTraceLines(file) }));
    pages.set(r.id, out);
  }
  return pages;
}

/** Removes the pages an earlier run left (only the viewer's own .html files). */
function clearPages(pagesDir: string): void {
  if (!existsSync(pagesDir)) return;
  for (const name of readdirSync(pagesDir))
    if (/\.seed-\d+\.html$/.test(name)) rmSync(join(pagesDir, name), { force: true });
}
