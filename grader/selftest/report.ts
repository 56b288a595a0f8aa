// Reads the JSON report that `raftlab grade --json FILE` writes (format: grader/report/model.ts,
// documented in docs/grading.md) and checks its shape before the self-test relies on it.
import { readFileSync } from 'node:fs';
import type { Report, TestReport } from '../report/model.js';
import { StepFailure } from './errors.js';

export type { Report, TestReport };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTest(v: unknown): v is TestReport {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.part === 'string' &&
    typeof v.status === 'string'
  );
}

function isScore(v: unknown): v is Record<string, unknown> & { score: number; max: number } {
  return isRecord(v) && typeof v.score === 'number' && typeof v.max === 'number';
}

/** Parses and shape-checks a report; StepFailure naming the first field that does not fit. */
export function parseReport(text: string, source: string): Report {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new StepFailure(`${source} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bad = (what: string): StepFailure =>
    new StepFailure(`${source}: unexpected report format (${what}; see grader/report/model.ts)`);
  if (!isRecord(root)) throw bad('not an object');
  if (!isScore(root.total)) throw bad('total.score/total.max');
  if (!Array.isArray(root.labs)) throw bad('labs is not an array');
  if (!Array.isArray(root.problems)) throw bad('problems is not an array');
  for (const lab of root.labs) {
    if (!isScore(lab) || typeof lab.id !== 'string') throw bad('a lab without id/score/max');
    const tests = lab.tests;
    if (!Array.isArray(tests) || !tests.every(isTest)) throw bad(`lab ${lab.id}: tests`);
  }
  return root as unknown as Report;
}

export function readReport(path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StepFailure(`the grader wrote no report at ${path}`);
  }
  return parseReport(text, path);
}

/** Every test of the report, skipped (deselected) ones excluded. */
export function ranTests(report: Report): TestReport[] {
  return report.labs.flatMap((l) => l.tests).filter((t) => t.status !== 'skipped');
}
