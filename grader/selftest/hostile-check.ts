// Judges a graded hostile case against the kit's own control grading of the same selection: the report
// exists and is complete (every test the kit declares, none skipped, the kit's maximum), the score is
// what an honest grader gives (0 for a cheat), statuses and exit code fit, nothing rewrote the report,
// ignored changes are listed, the kit copy is untouched and the next grading is unaffected.
import type { TestStatus } from '../report/model.js';
import type { CaseRun, Grading } from './hostile-run.js';
import { parseReport, type Report } from './report.js';

/** The kit's answer for the selection, from grading the pristine solution. */
/** A report bigger than this is not one an instructor can use (an error message is not truncated). */
const MAX_REPORT_BYTES = 5_000_000;

export interface Control {
  ids: ReadonlySet<string>;
  max: number;
}

export interface Verdict {
  id: string;
  ok: boolean;
  /** What the grader did (score, statuses, flags) and, when not ok, what is wrong. */
  summary: string;
  problems: string[];
}

function parse(text: string, source: string): Report | string {
  try {
    return parseReport(text, source);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function statusCounts(report: Report): string {
  const counts = new Map<TestStatus, number>();
  for (const t of report.labs.flatMap((l) => l.tests)) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** Problems of one report: completeness, then score and statuses. */
function reportProblems(run: CaseRun, report: Report, control: Control): string[] {
  const { expect } = run.hostile;
  const out: string[] = [];
  const tests = report.labs.flatMap((l) => l.tests);
  const ids = new Set(tests.map((t) => t.id));
  const missing = [...control.ids].filter((id) => !ids.has(id));
  const extra = [...ids].filter((id) => !control.ids.has(id));
  if (missing.length > 0)
    out.push(`report incomplete: ${missing.length} of ${control.ids.size} tests missing`);
  if (extra.length > 0)
    out.push(`report lists tests the kit does not declare: ${extra.slice(0, 3).join(', ')}`);
  const skipped = tests.filter((t) => t.status === 'skipped');
  if (skipped.length > 0) out.push(`${skipped.length} tests skipped (dropped from the maximum)`);
  if (report.total.max !== control.max) out.push(`max ${report.total.max}, the kit's is ${control.max}`);
  const { score, max } = report.total;
  if (expect.score === 'zero' && score !== 0) out.push(`score ${score}/${max} (want 0)`);
  const notPassed = tests.filter((t) => t.status !== 'passed');
  if (expect.score === 'full' && (score !== control.max || notPassed.length > 0)) {
    const why = notPassed[0]
      ? `; ${notPassed[0].id} ${notPassed[0].status}: ${firstLine(notPassed[0].error)}`
      : '';
    out.push(`score ${score}/${max} (want full marks ${control.max})${why}`);
  }
  const allowed = expect.statuses;
  const odd = allowed === undefined ? [] : tests.filter((t) => !allowed.includes(t.status));
  if (odd.length > 0) out.push(`statuses ${statusCounts(report)} (allowed: ${allowed?.join(', ')})`);
  if (expect.listsIgnored !== undefined && !listsIgnored(report, expect.listsIgnored))
    out.push(`the report does not list the ignored change to ${expect.listsIgnored}`);
  return out;
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]?.slice(0, 160) ?? '';
}

function exitProblem(run: CaseRun, g: Grading): string | undefined {
  const limit = Math.round((run.hostile.expect.limitMs ?? 0) / 1000);
  if (g.exit.timedOut)
    return `the grading did not end within its limit${limit > 0 ? ` (${limit} s)` : ''}: killed`;
  if (g.exit.signal !== null) return `the grader was killed by ${g.exit.signal}`;
  const want = run.hostile.expect.score === 'full' ? 0 : run.hostile.expect.score === 'zero' ? 1 : undefined;
  if (want !== undefined && g.exit.code !== want) return `grader exit code ${g.exit.code} (want ${want})`;
  return undefined;
}

function regradeProblem(run: CaseRun, control: Control): string | undefined {
  if (run.regrade === undefined) return undefined;
  const text = run.regrade.atExit;
  const report = text === undefined ? 'no report' : parse(text, 'regrade');
  if (typeof report === 'string') return `next grading (pristine skeleton) in the same kit copy: ${report}`;
  const ids = new Set(report.labs.flatMap((l) => l.tests).map((t) => t.id));
  if (report.total.score !== 0 || ids.size !== control.ids.size)
    return `next grading affected: the pristine skeleton then scored ${report.total.score}/${report.total.max}`;
  return undefined;
}

/** What the report flags beside the scores: rejected regions first (file:line rule), then problems. */
function flags(report: Report): string {
  const rejected = (report.submission?.problems ?? []).map((p) => `${p.file}:${p.line} ${p.rule}`);
  const all = [...rejected, ...report.problems.map(firstLine)];
  if (all.length === 0) return '';
  const more = all.length > 1 ? ` (+${all.length - 1})` : '';
  return `; flagged: ${all[0]}${more}`;
}

/** Does the report list a change to `file` among the ignored ones (or, before report v2, its problems)? */
function listsIgnored(report: Report, file: string): boolean {
  const ignored = report.submission?.ignored ?? [];
  return ignored.some((i) => i.file.endsWith(file)) || report.problems.some((p) => p.includes(file));
}

export function judge(run: CaseRun, control: Control): Verdict {
  const id = run.hostile.id;
  if (run.error !== undefined)
    return { id, ok: false, summary: `case no longer applies: ${run.error}`, problems: [run.error] };
  const g = run.grading;
  const problems: string[] = [];
  let seen = 'no report';
  const exit = g && exitProblem(run, g);
  if (exit !== undefined) problems.push(exit);
  if (g?.atExit === undefined) problems.push('no report was written');
  else {
    const report = parse(g.atExit, `${id} report`);
    if (typeof report === 'string') problems.push(report);
    else {
      seen = `${report.total.score}/${report.total.max} (${statusCounts(report) || 'no tests'})${flags(report)}`;
      problems.push(...reportProblems(run, report, control));
    }
    if (run.hostile.expect.stable && g.later !== g.atExit)
      problems.push('the report was rewritten after the grader exited');
    if (g.atExit.length > MAX_REPORT_BYTES) {
      const mb = (g.atExit.length / 1e6).toFixed(0);
      problems.push(
        `the report is ${mb} MB (limit ${MAX_REPORT_BYTES / 1e6} MB): messages are not truncated`,
      );
    }
  }
  if (run.tampered.length > 0)
    problems.push(
      `the kit copy was changed: ${run.tampered.slice(0, 4).join(', ')}${run.tampered.length > 4 ? ', …' : ''}`,
    );
  const regrade = regradeProblem(run, control);
  if (regrade !== undefined) problems.push(regrade);
  if (run.victim !== undefined) {
    const v = judge(run.victim, control);
    problems.push(...v.problems.map((p) => `honest submission graded alongside: ${p}`));
    seen += `; alongside, the honest solution: ${v.summary}`;
  }
  const summary = problems.length === 0 ? seen : `${problems.join('; ')} [grader gave ${seen}]`;
  return { id, ok: problems.length === 0, summary, problems };
}
