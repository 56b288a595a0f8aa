// The hostile suite: grades every selected hostile case (grader/hostile/) with a private copy of the kit,
// two at a time (a case that may disturb others runs alone), watches the copy for tampering (repairing it
// after each case), then grades the pristine skeleton (0) and solution (full marks) in the same copy, and
// judges each case against that control.
import { cpSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Base, HostileCase } from '../hostile/case.js';
import { DEFAULT_WHAT, SLOW_WORK_MS } from '../hostile/case.js';
import { StepFailure } from './errors.js';
import { type ExecResult, exec, tail } from './exec.js';
import { type Control, judge, type Verdict } from './hostile-check.js';
import { type CaseRun, type Grading, grade, type RunEnv, runCase } from './hostile-run.js';
import { changedFiles, fingerprint, makeSandbox, removeSandbox, repair } from './hostile-sandbox.js';
import { parseReport } from './report.js';

const CONTROL_LIMIT_MS = 120_000;

export interface SuiteOptions {
  /** The kit checkout to copy (never graded itself). */
  root: string;
  cases: readonly HostileCase[];
  jobs?: number;
  verbose?: boolean;
  /**
   * Grade the pristine skeleton right after each case that asks for it (expect.regrade), before the kit
   * copy is repaired. Without it (the quick subset) a tampered copy is still caught by its fingerprint.
   */
  regrade?: boolean;
  /** Keep the temporary folder (trees, reports, the kit copy) for a look afterwards. */
  keep?: boolean;
  note?: (line: string) => void;
}

export interface SuiteResult {
  verdicts: Verdict[];
  /** Wall time per case id (ms). */
  times: Map<string, number>;
  work: string;
}

/** Iterations of the slow case's loop that take SLOW_WORK_MS of CPU here (measured, after a warm-up). */
export function calibrate(): number {
  const spin = (n: number): number => {
    let h = 0;
    for (let i = 0; i < n; i++) h = (h * 31 + i) | 0;
    return h;
  };
  spin(1e6);
  const n = 2e7;
  const t0 = process.cpuUsage();
  spin(n);
  const used = process.cpuUsage(t0);
  const ms = Math.max(1, (used.user + used.system) / 1000);
  return Math.round((n * SLOW_WORK_MS) / ms);
}

/**
 * The base trees: the skeleton and the solution are copies of the kit's labs/ and solutions/ (the
 * make-labs step checks labs/ is current), the partly solved tree comes from `make-labs --solved lab1`.
 */
async function makeBases(kit: string, work: string, verbose: boolean): Promise<Record<Base, string>> {
  const bases: Record<Base, string> = {
    skeleton: join(work, 'bases', 'skeleton'),
    partial: join(work, 'bases', 'partial'),
    solution: join(work, 'bases', 'solution'),
  };
  cpSync(join(kit, 'labs'), bases.skeleton, { recursive: true });
  cpSync(join(kit, 'solutions'), bases.solution, { recursive: true });
  const cli = join(kit, 'grader', 'bin', 'raftlab.mjs');
  const r = await exec(process.execPath, [cli, 'make-labs', '--out', bases.partial, '--solved', 'lab1'], {
    cwd: kit,
    timeoutMs: 120_000,
    stream: verbose,
  });
  if (r.code !== 0)
    throw new StepFailure('make-labs --out --solved lab1 (the partial base) failed', tail(r.output));
  return bases;
}

/** Runs the cases `jobs` at a time (exclusive ones alone), checking the kit copy after each. */
async function schedule(
  env: RunEnv,
  root: string,
  cases: readonly HostileCase[],
  opts: { jobs: number; regrade: boolean },
  onDone: (r: CaseRun, ms: number) => void,
): Promise<CaseRun[]> {
  const { jobs } = opts;
  let pristine = fingerprint(env.kit);
  const runs: CaseRun[] = [];
  const running = new Set<Promise<void>>();
  /** Cases that ran since the last clean look at the kit copy: suspects of any change found. */
  let suspects: CaseRun[] = [];
  const inspect = (): void => {
    const changed = changedFiles(pristine, fingerprint(env.kit));
    if (changed.length > 0) {
      for (const s of suspects) s.tampered = changed;
      repair(env.kit, root, changed);
      pristine = fingerprint(env.kit); // the repaired files have new timestamps
    }
    suspects = [];
  };
  const start = (c: HostileCase): void => {
    const started = performance.now();
    const p = runCase(env, c).then(async (r) => {
      runs.push(r);
      suspects.push(r);
      if (c.expect.regrade && opts.regrade && r.error === undefined) r.regrade = await regrade(env);
      inspect();
      onDone(r, performance.now() - started);
    });
    const tracked = p.finally(() => running.delete(tracked));
    running.add(tracked);
  };
  for (const c of cases) {
    const alone = c.exclusive === true;
    while (running.size >= (alone ? 1 : jobs) || (running.size > 0 && alone)) await Promise.race(running);
    start(c);
    if (alone) await Promise.all(running);
  }
  await Promise.all(running);
  return runs;
}

function regrade(env: RunEnv): Promise<Grading> {
  return grade(env, DEFAULT_WHAT, env.bases.skeleton, 'regrade-skeleton', {
    limitMs: CONTROL_LIMIT_MS,
    settle: false,
  });
}

/** The `raftlab grade` words of a case, as a key. */
export function whatOf(c: HostileCase): string {
  return (c.what ?? DEFAULT_WHAT).join(' ');
}

/**
 * Grades the pristine solution for every selection the cases use (its tests and maximum are the
 * control) and the pristine skeleton for the default one (0), all in the same kit copy.
 */
async function controls(
  env: RunEnv,
  cases: readonly HostileCase[],
): Promise<{ controls: Map<string, Control>; problems: string[] }> {
  const opts = { limitMs: CONTROL_LIMIT_MS, settle: false };
  const whats = [...new Set([DEFAULT_WHAT.join(' '), ...cases.map(whatOf)])];
  const [skeleton, ...solutions] = await Promise.all([
    grade(env, DEFAULT_WHAT, env.bases.skeleton, 'control-skeleton', opts),
    ...whats.map((w) => grade(env, w.split(' '), env.bases.solution, `control-solution-${w}`, opts)),
  ]);
  const problems: string[] = [];
  const read = (g: Grading | undefined, what: string) => {
    if (g?.atExit === undefined) {
      problems.push(`${what}: no report${g ? ` (${describeExit(g.exit)})` : ''}`);
      return undefined;
    }
    return parseReport(g.atExit, what);
  };
  const out = new Map<string, Control>();
  whats.forEach((w, i) => {
    const sol = read(solutions[i], `control grading of the pristine solution (${w})`);
    const tests = sol?.labs.flatMap((l) => l.tests) ?? [];
    out.set(w, { ids: new Set(tests.map((t) => t.id)), max: sol?.total.max ?? -1 });
    if (sol !== undefined && (tests.length === 0 || sol.total.score !== sol.total.max))
      problems.push(
        `the pristine solution scored ${sol.total.score}/${sol.total.max} on ${w} (want full marks)`,
      );
  });
  const skel = read(skeleton, 'control grading of the pristine skeleton');
  if (skel !== undefined && skel.total.score !== 0)
    problems.push(`the pristine skeleton scored ${skel.total.score}/${skel.total.max} (want 0)`);
  return { controls: out, problems };
}

function describeExit(r: ExecResult): string {
  return r.timedOut ? 'timed out' : r.signal !== null ? `killed by ${r.signal}` : `exit code ${r.code}`;
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult & { controlProblems: string[] }> {
  const note = o.note ?? (() => undefined);
  const sandbox = makeSandbox(o.root);
  const times = new Map<string, number>();
  try {
    const verbose = o.verbose === true;
    const bases = await makeBases(sandbox.kit, sandbox.work, verbose);
    const env: RunEnv = { kit: sandbox.kit, work: sandbox.work, bases, iters: calibrate(), verbose };
    const jobs = o.jobs ?? Math.min(2, availableParallelism());
    note(`kit copy in ${sandbox.kit}; ${o.cases.length} cases, ${jobs} at a time`);
    const runs = await schedule(env, o.root, o.cases, { jobs, regrade: o.regrade !== false }, (r, ms) => {
      times.set(r.hostile.id, ms);
      note(`graded ${r.hostile.id} (${(ms / 1000).toFixed(1)} s)`);
    });
    const { controls: byWhat, problems } = await controls(env, o.cases);
    const order = new Map(o.cases.map((c, i) => [c.id, i]));
    runs.sort((a, b) => (order.get(a.hostile.id) ?? 0) - (order.get(b.hostile.id) ?? 0));
    const none: Control = { ids: new Set(), max: -1 };
    const verdicts = runs.map((r) => judge(r, byWhat.get(whatOf(r.hostile)) ?? none));
    return { verdicts, times, work: sandbox.work, controlProblems: problems };
  } finally {
    if (!o.keep) removeSandbox(sandbox);
  }
}
