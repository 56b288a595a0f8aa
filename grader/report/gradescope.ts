// The grade report as Gradescope's results.json (`grade --gradescope FILE`, and the autograder bundle's
// run_autograder): the total `score`, the run's `execution_time` and a text `output` (problems, rejected
// regions, ignored changes), and `tests[]` with `name`, `number` (`<lab>.<n>`), `score`, `max_score`,
// `status` (`passed`/`failed`), `output` (the test's message) and `visibility`. Students see it: give it
// a report whose hidden seeds are already left out (studentView in grader/instructor/seed-set.ts).
import type { Report, TestReport } from './model.js';

export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
  tags: string[];
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  /** Of each test and of the whole result (default `visible`). */
  visibility?: GradescopeVisibility;
}

function testOutput(t: TestReport): string {
  if (t.status === 'passed') return '';
  return `${t.status === 'failed' ? '' : `${t.status}: `}${t.error ?? t.status}`;
}

function summaryOutput(report: Report): string {
  const lines = [`RaftLab: ${report.total.score}/${report.total.max} points`];
  for (const l of report.labs) lines.push(`  ${l.id} ${l.title}: ${l.score}/${l.max}`);
  if (report.seedSet) lines.push(`Seeds: instructor set ${report.seedSet.name} (${report.seedSet.digest})`);
  const sub = report.submission;
  if (report.problems.length > 0) lines.push('', 'Problems:', ...report.problems.map((p) => `  ${p}`));
  if (sub && sub.problems.length > 0) {
    lines.push('', 'Rejected (graded as stubs: fix the line and submit again):');
    lines.push(...sub.problems.map((p) => `  ${p.file}:${p.line} [${p.rule}] ${p.message}`));
  }
  if (sub && sub.ignored.length > 0) {
    lines.push('', 'Ignored (outside the marked regions, not graded):');
    lines.push(...sub.ignored.map((i) => `  ${i.file} (${i.change})${i.detail ? `: ${i.detail}` : ''}`));
  }
  return lines.join('\n');
}

export function renderGradescope(report: Report, opts: GradescopeOptions = {}): GradescopeResults {
  const visibility = opts.visibility ?? 'visible';
  const tests = report.labs.flatMap((lab) =>
    lab.tests.map(
      (t, i): GradescopeTest => ({
        name: `${t.id}: ${t.name}`,
        number: `${lab.id}.${i + 1}`,
        score: t.points,
        max_score: t.max,
        status: t.status === 'passed' ? 'passed' : 'failed',
        output: testOutput(t),
        visibility,
        tags: [t.part, ...t.tags],
      }),
    ),
  );
  return {
    score: report.total.score,
    execution_time: Math.round(report.wallMs / 1000),
    output: summaryOutput(report),
    visibility,
    stdout_visibility: 'hidden',
    tests,
  };
}
