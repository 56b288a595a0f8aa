// The cumulative step: a student who has finished labs ≤ k (or, inside lab1, parts ≤ p) must get full
// marks on those and zero on the next ones. For each such point it writes a partly solved tree with
// `make-labs --solved … --out`, grades only what it must (one `raftlab grade` run per tree, --jobs trees
// at a time), and checks every test against whether its part is solved.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LABS, type LabInfo } from '../registry.js';
import { makeLabsCommand } from '../tools/make-labs.js';
import { StepFailure } from './errors.js';
import { grade } from './grade.js';
import { clip } from './grading.js';
import { ranTests, type TestReport } from './report.js';
import type { Step, StepContext } from './sequence.js';

/** One partly solved tree and what to grade in it. */
export interface TreeSpec {
  tag: string;
  /** Part ids kept solved. */
  solved: string[];
  /** Labs/parts graded in the tree (one `raftlab grade` run). */
  grade: string[];
  /** Printed while it runs. */
  label: string;
}

/** Labs that have test files in grader/labs/<lab>/. */
export function labsWithTests(root: string): LabInfo[] {
  return LABS.filter((lab) => {
    const dir = join(root, 'grader', 'labs', lab.id);
    return (
      existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.test.ts'))
    );
  });
}

/**
 * The trees to grade. Part level inside the first lab: for each part p but the last, solve parts ≤ p
 * and grade p (full) and the next part (zero). Lab level: for each lab k with tests but the last lab,
 * solve labs ≤ k and grade lab k (full) and the next lab with tests (zero); for the first lab, whose
 * earlier parts the part-level trees have graded, only its last part. Earlier labs were graded in their
 * own trees, and labs further on are zero a fortiori. `thorough` grades `all` in every tree.
 */
export function planTrees(root: string, thorough: boolean): TreeSpec[] {
  const tested = labsWithTests(root);
  const specs: TreeSpec[] = [];
  const first = LABS[0];
  if (first !== undefined && tested.includes(first)) {
    first.parts.slice(0, -1).forEach((part, i) => {
      const solved = first.parts.slice(0, i + 1).map((p) => p.id);
      const next = first.parts[i + 1]?.id ?? part.id;
      const toGrade = thorough ? ['all'] : [part.id, next];
      specs.push({ tag: `upto-${part.id}`, solved, grade: toGrade, label: `parts ≤ ${part.id}` });
    });
  }
  LABS.forEach((lab, i) => {
    if (i === LABS.length - 1 || !tested.includes(lab)) return;
    const solved = LABS.slice(0, i + 1).flatMap((l) => l.parts.map((p) => p.id));
    const next = tested.find((l) => LABS.indexOf(l) > i);
    const last = lab.parts[lab.parts.length - 1]?.id ?? lab.id;
    const own = i === 0 && lab.parts.length > 1 ? last : lab.id;
    const toGrade = thorough ? ['all'] : [own, ...(next ? [next.id] : [])];
    specs.push({ tag: `upto-${lab.id}`, solved, grade: toGrade, label: `labs ≤ ${lab.id}` });
  });
  return specs;
}

/** Tests that do not match the tree: a solved part's test failing, or an unsolved part's test passing. */
export function mismatches(tests: readonly TestReport[], solved: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const t of tests) {
    const passed = t.status === 'passed';
    if (solved.has(t.part) && !passed) {
      out.push(`${t.id} [${t.part}]: ${t.status} although ${t.part} is solved: ${clip(t.error ?? '')}`);
    } else if (!solved.has(t.part) && passed) {
      out.push(`${t.id} [${t.part}]: passes although ${t.part} is a stub`);
    }
  }
  return out;
}

async function gradeTree(ctx: StepContext, spec: TreeSpec): Promise<number> {
  const started = performance.now();
  const dir = join(ctx.scratch, `tree-${spec.tag}`);
  rmSync(dir, { recursive: true, force: true });
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const code = await makeLabsCommand(['--solved', spec.solved.join(','), '--out', dir], {
    root: ctx.root,
    io,
  });
  if (code !== 0) throw new StepFailure(`make-labs --solved for ${spec.label} failed`, lines.join('\n'));
  const { report } = await grade(ctx, { what: spec.grade, target: dir, tag: spec.tag });
  const tests = ranTests(report);
  const wrong = mismatches(tests, new Set(spec.solved));
  if (wrong.length > 0) {
    throw new StepFailure(
      `${spec.label} (grade ${spec.grade.join(' ')}): ${wrong.length} tests disagree with the solved parts`,
      wrong.slice(0, 15).join('\n'),
    );
  }
  if (tests.length === 0) throw new StepFailure(`${spec.label}: grade ${spec.grade.join(' ')} ran no test`);
  rmSync(dir, { recursive: true, force: true });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  ctx.note(`${spec.label}: grade ${spec.grade.join(' ')}: ${tests.length} tests as expected (${secs}s)`);
  return tests.length;
}

/** Runs `fn` over `items`, at most `limit` at a time, none started after a failure; rejects with the first. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: Promise<R>[] = [];
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const item = items[next++] as T;
      const p = fn(item);
      results.push(p);
      await p.catch(() => {
        failed = true; // start nothing new after a failure
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  return Promise.all(results);
}

export interface CumulativeOptions {
  thorough: boolean;
  /** Trees graded at the same time. */
  jobs: number;
}

export function cumulativeStep(options: () => CumulativeOptions): Step {
  return {
    name: 'cumulative',
    summary: 'trees solved up to each lab (and each lab1 part): full marks up to there, zero after',
    async run(ctx) {
      const { thorough, jobs } = options();
      const specs = planTrees(ctx.root, thorough);
      if (specs.length === 0) return { kind: 'skip', detail: 'no lab before the last has tests yet' };
      const counts = await pool(specs, jobs, (spec) => gradeTree(ctx, spec));
      const tests = counts.reduce((a, b) => a + b, 0);
      return { kind: 'pass', detail: `${specs.length} trees, ${tests} test results as expected` };
    },
  };
}
