// The grade report: the data model shared by the runner (which fills it), the terminal renderer,
// the JSON file (`--json`, documented in docs/grading.md) and the self-test; plus the aggregation
// of test results into per-part and per-lab subtotals.
import { LABS } from '../registry.js';
import type { SeedSweep } from '../runner/contract.js';
import type { IgnoredChange, SealProblem } from '../seal/model.js';

export const REPORT_VERSION = 2;

/**
 * passed: the test ran to the end and every check held. failed: a check failed or the code threw.
 * timeout: it ran past its time limit, or never yielded (killed by the watchdog). crashed: the test
 * process died under it (process.exit/reallyExit, memory cap, native crash). skipped: a listed test
 * that did not run; it counts in the maximum (0 points).
 */
export type TestStatus = 'passed' | 'failed' | 'timeout' | 'crashed' | 'skipped';

export interface TestReport {
  id: string;
  /** The title (the vitest name without the id). */
  name: string;
  part: string;
  tags: string[];
  /** Points earned. */
  points: number;
  /** Points available (skipped tests included). */
  max: number;
  status: TestStatus;
  durationMs: number;
  /** Test file, relative to the repository root when inside it. */
  file: string;
  seed?: number;
  traceDigest?: string;
  error?: string;
  replay?: string;
  /** The trace viewer page of a failing seeded test (its first failing seed), when grade wrote one. */
  page?: string;
  /**
   * A seeded test that failed in a run of several seeds: every failing seed with the first line of its
   * message (`seed` and `error` are the first one's), how many seeds ran, and how many did not.
   */
  sweep?: SeedSweep;
}

export interface PartReport {
  id: string;
  title: string;
  score: number;
  max: number;
}

export interface LabReport {
  id: string;
  title: string;
  score: number;
  max: number;
  parts: PartReport[];
  tests: TestReport[];
}

export interface DeterminismDifference {
  id: string;
  first: { status: TestStatus; traceDigest?: string };
  second: { status: TestStatus; traceDigest?: string };
}

/** What sealing a submission found (only for a sealed run: `--target` other than `labs`). */
export interface SubmissionReport {
  /** Changes outside the marked regions, and added or deleted files: not graded. */
  ignored: IgnoredChange[];
  /** Files whose regions could not be taken (static check, edited markers…): graded as stubs. */
  problems: SealProblem[];
  /** Files whose regions were taken from the submission. */
  graded: string[];
}

export interface Report {
  version: number;
  /** The --target argument as given (`labs`, `solutions` or a path). */
  target: string;
  /** Its absolute directory. */
  targetDir: string;
  /** The first seed; seeded tests ran with `seeds`. */
  seed: number;
  seeds: number[];
  wallMs: number;
  labs: LabReport[];
  total: { score: number; max: number };
  /** Problems not tied to one test (a file that could not be loaded, an error between tests…). */
  problems: string[];
  /** Present for a sealed run: what was ignored, and what the static check rejected. */
  submission?: SubmissionReport;
  /** Present with --check-determinism. */
  determinism?: { ok: boolean; differences: DeterminismDifference[] };
  /** Present with --seed-set: the instructor seed set the seeded tests ran with. */
  seedSet?: SeedSetRecord;
}

/** What a report says about the instructor seed set it was graded with (grader/instructor/seed-set.ts). */
export interface SeedSetRecord {
  name: string;
  /** The first 16 hex digits of the set's salted SHA-256. */
  digest: string;
  /** Seeds per lab: only in the instructor's report (a student's view has none). */
  seeds?: Record<string, number[]>;
}

/** Bucket for tests whose part is not in the registry (plain vitest tests without rule()). */
const OTHER_LAB = { id: 'other', title: 'Tests without a registered part' };

function sum<T>(xs: readonly T[], f: (x: T) => number): number {
  return xs.reduce((a, x) => a + f(x), 0);
}

export interface ReportHeader {
  target: string;
  targetDir: string;
  seeds: number[];
  wallMs: number;
  problems: string[];
  submission?: SubmissionReport;
}

/**
 * Where a test comes within its part: unit tests first, then crash-sweep, network, chaos and system
 * tests (by their tags; the last of these a test has decides), so the most specific failure is the one
 * read first. Untagged tests count as unit tests.
 */
const KIND_ORDER = ['crash', 'network', 'chaos', 'system'] as const;

export function kindRank(t: Pick<TestReport, 'tags'>): number {
  let rank = 0;
  for (const [i, kind] of KIND_ORDER.entries()) if (t.tags.includes(kind)) rank = i + 1;
  return rank;
}

/** `tests` by part (in `partIds` order), then kind (kindRank); ties keep the order they came in. */
export function orderTests(tests: readonly TestReport[], partIds: readonly string[]): TestReport[] {
  const at = (t: TestReport) => {
    const i = partIds.indexOf(t.part);
    return i === -1 ? partIds.length : i;
  };
  return tests
    .map((t, i) => ({ t, i }))
    .sort((a, b) => at(a.t) - at(b.t) || kindRank(a.t) - kindRank(b.t) || a.i - b.i)
    .map((x) => x.t);
}

/**
 * Group tests by lab and part in registry order, each part's tests in orderTests' order. `parts` lists
 * the selected parts: they appear even without tests (max 0), so that a report always shows what was
 * asked for.
 */
export function buildReport(
  header: ReportHeader,
  tests: readonly TestReport[],
  parts: readonly string[],
): Report {
  const labs: LabReport[] = [];
  for (const lab of LABS) {
    const labParts = lab.parts.filter((p) => parts.includes(p.id) || tests.some((t) => t.part === p.id));
    if (labParts.length === 0) continue;
    const labTests = orderTests(
      tests.filter((t) => labParts.some((p) => p.id === t.part)),
      labParts.map((p) => p.id),
    );
    const partReports = labParts.map((p) => {
      const ts = labTests.filter((t) => t.part === p.id);
      return { id: p.id, title: p.title, score: sum(ts, (t) => t.points), max: sum(ts, (t) => t.max) };
    });
    labs.push({
      id: lab.id,
      title: lab.title,
      score: sum(partReports, (p) => p.score),
      max: sum(partReports, (p) => p.max),
      parts: partReports,
      tests: labTests,
    });
  }
  const known = new Set(LABS.flatMap((l) => l.parts.map((p) => p.id)));
  const others = tests.filter((t) => !known.has(t.part));
  if (others.length > 0) {
    const score = sum(others, (t) => t.points);
    const max = sum(others, (t) => t.max);
    labs.push({
      ...OTHER_LAB,
      score,
      max,
      parts: [{ id: 'other', title: OTHER_LAB.title, score, max }],
      tests: others,
    });
  }
  return {
    version: REPORT_VERSION,
    target: header.target,
    targetDir: header.targetDir,
    seed: header.seeds[0] ?? 1,
    seeds: header.seeds,
    wallMs: header.wallMs,
    labs,
    total: { score: sum(labs, (l) => l.score), max: sum(labs, (l) => l.max) },
    problems: header.problems,
    ...(header.submission !== undefined ? { submission: header.submission } : {}),
  };
}

export function allTests(report: Report): TestReport[] {
  return report.labs.flatMap((l) => l.tests);
}

/** Every selected test passed, at least one ran, no region was rejected, and nothing else went wrong. */
export function reportPassed(report: Report): boolean {
  const tests = allTests(report);
  return (
    tests.some((t) => t.status === 'passed') &&
    tests.every((t) => t.status === 'passed') &&
    report.problems.length === 0 &&
    (report.submission?.problems.length ?? 0) === 0 &&
    (report.determinism?.ok ?? true)
  );
}
