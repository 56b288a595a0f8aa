// What a batch's records say, for people and spreadsheets: each submission's problems in a few words
// (grading failures, timeouts, crashes, static-check rejections, ignored changes, skipped entries),
// the summary CSV (one row per student, one column per lab), and the slowest and the failing ones.
import { LABS } from '../registry.js';
import { allTests } from '../report/model.js';
import type { BatchRecord } from './batch-grade.js';

const MAX_LISTED = 3;

function listed(xs: readonly string[]): string {
  const head = xs.slice(0, MAX_LISTED).join(', ');
  return xs.length > MAX_LISTED ? `${head}, … (${xs.length - MAX_LISTED} more)` : head;
}

/** The problems of one submission, each a short phrase; empty when its grading went cleanly. */
export function recordProblems(r: BatchRecord): string[] {
  const out: string[] = [];
  const rep = r.report;
  out.push(...rep.problems);
  const sub = rep.submission;
  if (sub && sub.problems.length > 0)
    out.push(`static check rejected: ${listed(sub.problems.map((p) => `${p.file}:${p.line} [${p.rule}]`))}`);
  if (sub && sub.ignored.length > 0)
    out.push(`ignored changes: ${listed(sub.ignored.map((i) => `${i.file} (${i.change})`))}`);
  const tests = allTests(rep);
  const timeouts = tests.filter((t) => t.status === 'timeout').length;
  const crashed = tests.filter((t) => t.status === 'crashed').length;
  if (timeouts > 0) out.push(`timeouts: ${timeouts} test(s)`);
  if (crashed > 0) out.push(`crashed: ${crashed} test(s)`);
  if (r.skipped.length > 0) out.push(`not unpacked: ${listed(r.skipped)}`);
  return out;
}

/** A submission whose grading itself went wrong (not merely a low score): the ones to look at. */
export function isFailing(r: BatchRecord): boolean {
  const sub = r.report.submission;
  return (
    r.status === 'error' ||
    r.report.problems.length > 0 ||
    (sub?.problems.length ?? 0) > 0 ||
    allTests(r.report).some((t) => t.status === 'timeout' || t.status === 'crashed')
  );
}

function csvField(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The labs of the batch, in registry order (a lab appears when any record graded it). */
function batchLabs(records: readonly BatchRecord[]): { id: string; max: number }[] {
  const ids = new Set(records.flatMap((r) => r.report.labs.map((l) => l.id)));
  return LABS.filter((l) => ids.has(l.id)).map((l) => ({
    id: l.id,
    max: Math.max(0, ...records.flatMap((r) => r.report.labs.filter((x) => x.id === l.id).map((x) => x.max))),
  }));
}

export function summaryCsv(records: readonly BatchRecord[]): string {
  const labs = batchLabs(records);
  const head = [
    'student',
    ...labs.map((l) => `${l.id} (/${l.max})`),
    'total',
    'max',
    'status',
    'seconds',
    'problems',
  ];
  const rows = [...records]
    .sort((a, b) => a.student.localeCompare(b.student))
    .map((r) => {
      const scores = labs.map((l) => r.report.labs.find((x) => x.id === l.id)?.score ?? 0);
      const secs = (r.wallMs / 1000).toFixed(1);
      const row = [r.student, ...scores, r.report.total.score, r.report.total.max, r.status, secs];
      return [...row, recordProblems(r).join('; ')];
    });
  return `${[head, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

export function slowest(records: readonly BatchRecord[], n: number): BatchRecord[] {
  return [...records].sort((a, b) => b.wallMs - a.wallMs).slice(0, n);
}
