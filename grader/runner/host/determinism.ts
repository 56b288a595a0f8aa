// --check-determinism: grade the same selection twice and compare, test by test, the status and
// the trace digest. A difference means the test (or the code under test) depends on something
// other than its seed: wall-clock time, Math.random, iteration order of a racing promise…
import type { DeterminismDifference, Report, TestReport } from '../../report/model.js';
import { allTests } from '../../report/model.js';
import { runGrade } from './grade.js';
import type { GradeOptions } from './options.js';

function key(t: TestReport): string {
  return `${t.file}\u0000${t.id}`;
}

export function compareReports(first: Report, second: Report): DeterminismDifference[] {
  const other = new Map(allTests(second).map((t) => [key(t), t]));
  const diffs: DeterminismDifference[] = [];
  for (const a of allTests(first)) {
    const b = other.get(key(a));
    if (b === undefined) {
      diffs.push({ id: a.id, first: pick(a), second: { status: 'skipped' } });
      continue;
    }
    if (a.status !== b.status || a.traceDigest !== b.traceDigest)
      diffs.push({ id: a.id, first: pick(a), second: pick(b) });
  }
  return diffs;
}

function pick(t: TestReport): DeterminismDifference['first'] {
  return { status: t.status, ...(t.traceDigest !== undefined ? { traceDigest: t.traceDigest } : {}) };
}

/**
 * Runs twice; returns the first report with `determinism` filled in (wallMs covers both runs).
 * `beforeSecond` is called between the runs (the CLI prints a heading there).
 */
export async function gradeTwice(opts: GradeOptions, beforeSecond?: () => void): Promise<Report> {
  const first = await runGrade(opts);
  beforeSecond?.();
  const second = await runGrade(opts);
  const differences = compareReports(first, second);
  return {
    ...first,
    wallMs: first.wallMs + second.wallMs,
    determinism: { ok: differences.length === 0, differences },
  };
}
