// The two whole-suite grading steps: the reference solutions get full marks on every test, and the
// generated skeleton gets zero everywhere, each test failing on a LabTodo stub of its own lab or an
// earlier one (never a later lab's: earlier labs must not reach later stubs).
import { LABS, labOfPart, PART_IDS } from '../registry.js';
import { StepFailure } from './errors.js';
import { grade } from './grade.js';
import { ranTests, type TestReport } from './report.js';
import type { Step } from './sequence.js';

const MAX_LISTED = 12;

export function clip(s: string, max = 200): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function listTests(tests: readonly TestReport[], why: (t: TestReport) => string): string {
  const lines = tests.slice(0, MAX_LISTED).map((t) => `${t.id} [${t.part}] ${t.name}: ${why(t)}`);
  if (tests.length > MAX_LISTED) lines.push(`… and ${tests.length - MAX_LISTED} more`);
  return lines.join('\n');
}

/** The known parts named as `LabTodo(<part>)` (the LabTodo message format) in a test's error. */
export function todoParts(error: string): string[] {
  const named = [...error.matchAll(/LabTodo\W{0,3}([a-z]+\d+[a-z]?)\b/g)].map((m) => m[1] ?? '');
  return [...new Set(named.filter((p) => PART_IDS.includes(p)))];
}

function labIndex(part: string): number {
  const lab = labOfPart(part);
  return lab === undefined ? -1 : LABS.indexOf(lab);
}

function problemsOf(problems: readonly string[]): string {
  return problems.slice(0, MAX_LISTED).map(clip).join('\n');
}

export const gradeSolutionsStep: Step = {
  name: 'grade-solutions',
  summary: 'raftlab grade all --target solutions: full marks, every test passes',
  async run(ctx) {
    const { exit, report } = await grade(ctx, { what: ['all'], target: 'solutions', tag: 'solutions' });
    const tests = ranTests(report);
    if (tests.length === 0) throw new StepFailure('the report lists no tests', exit.output.slice(-4000));
    const failed = tests.filter((t) => t.status !== 'passed');
    if (failed.length > 0) {
      throw new StepFailure(
        `${failed.length} of ${tests.length} tests do not pass on the reference solutions`,
        listTests(failed, (t) => `${t.status}: ${clip(t.error ?? '')}`),
      );
    }
    if (report.problems.length > 0) {
      throw new StepFailure(
        `the report lists ${report.problems.length} problems`,
        problemsOf(report.problems),
      );
    }
    const { score, max } = report.total;
    if (score !== max || max <= 0) throw new StepFailure(`total score ${score}/${max}, expected full marks`);
    if (exit.code !== 0) throw new StepFailure(`every test passed but the grader exited ${exit.code}`);
    return { kind: 'pass', detail: `${tests.length} tests passed, ${score}/${max} points` };
  },
};

export const gradeSkeletonStep: Step = {
  name: 'grade-skeleton',
  summary: 'raftlab grade all --target labs: every lab scores 0, every test fails on a LabTodo',
  async run(ctx) {
    const { exit, report, reportPath } = await grade(ctx, { what: ['all'], target: 'labs', tag: 'skeleton' });
    const tests = ranTests(report);
    const problems: string[] = [];
    const details: string[] = [];
    if (exit.code === 0) problems.push('the grader exited 0 on the skeleton (expected non-zero)');
    if (tests.length === 0) problems.push(`${reportPath} lists no tests`);
    const nonZero = report.labs.filter((l) => l.score !== 0);
    if (nonZero.length > 0) {
      problems.push(`labs scoring above 0: ${nonZero.map((l) => `${l.id} ${l.score}/${l.max}`).join(', ')}`);
    }
    if (report.problems.length > 0) {
      problems.push(`the report lists ${report.problems.length} problems`);
      details.push(problemsOf(report.problems));
    }
    const passed = tests.filter((t) => t.status === 'passed');
    const failed = tests.filter((t) => t.status !== 'passed');
    const noTodo = failed.filter(
      (t) => !(t.error ?? '').includes('LabTodo') || todoParts(t.error ?? '').length === 0,
    );
    const laterLab = failed.filter((t) =>
      todoParts(t.error ?? '').some((p) => labIndex(p) > labIndex(t.part)),
    );
    if (passed.length > 0) {
      problems.push(`${passed.length} tests pass on the skeleton (every test must need its part)`);
      details.push(listTests(passed, () => 'passed'));
    }
    if (noTodo.length > 0) {
      problems.push(`${noTodo.length} failed tests do not name LabTodo and a part id`);
      details.push(listTests(noTodo, (t) => `${t.status}: ${clip(t.error ?? '')}`));
    }
    if (laterLab.length > 0) {
      problems.push(`${laterLab.length} tests reach a stub of a later lab`);
      details.push(listTests(laterLab, (t) => `hit ${todoParts(t.error ?? '').join(', ')}`));
    }
    if (problems.length > 0) throw new StepFailure(problems.join('; '), details.join('\n'));
    const labs = report.labs.map((l) => `${l.id} ${l.score}/${l.max}`).join(', ');
    return { kind: 'pass', detail: `${tests.length} tests all fail on LabTodo stubs (${labs})` };
  },
};
