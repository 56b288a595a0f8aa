// The mistakes step: every row of every handout's "Common mistakes" table is a mistake file
// (grader/mistakes/<lab>/<slug>.ts, see grader/mistakes/mistake.ts). For each, the edits are made in a
// copy of solutions/, only the tests the row names are graded, and each must fail with a message that
// names the broken rule. Workers (mistakes-worker.ts) each keep one copy and grade one mistake at a time.
// Every answer (status and message of each named test) is written to mistakes.json in the scratch folder.
import { type ChildProcess, fork } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, EditError } from '../mistakes/apply.js';
import type { Mistake } from '../mistakes/mistake.js';
import { LABS } from '../registry.js';
import { StepFailure } from './errors.js';
import { clip } from './grading.js';
import type { MistakeAnswer, MistakeJob } from './mistakes-worker.js';
import { covers, type MistakeRow, mistakeRows, namedTests, names } from './mistakes-table.js';
import type { Step, StepContext } from './sequence.js';

/** One mistake's whole grading must end within this. */
const JOB_TIMEOUT_MS = 120_000;

interface Loaded {
  /** `lab1/two-votes`. */
  slug: string;
  lab: string;
  m: Mistake;
}

async function loadMistakes(root: string): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for (const lab of LABS) {
    const dir = join(root, 'grader', 'mistakes', lab.id);
    if (!existsSync(dir)) continue; // no mistakes for this lab yet
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: Mistake };
      const slug = `${lab.id}/${f.replace(/\.ts$/, '')}`;
      if (mod.default === undefined)
        throw new StepFailure(`grader/mistakes/${slug}.ts has no default export`);
      out.push({ slug, lab: lab.id, m: mod.default });
    }
  }
  return out;
}

/**
 * One lab's table against its mistake files: rows without a patch, patches without their row, tests a
 * patch declares that its row does not name, and tests a row names that none of its patches checks.
 */
function labCoverage(
  doc: string,
  lab: string,
  rows: readonly MistakeRow[],
  mine: readonly Loaded[],
): string[] {
  const wrong: string[] = [];
  for (const r of rows) {
    const declared = mine.filter((x) => x.m.row === r.mistake).flatMap((x) => Object.keys(x.m.caughtBy));
    if (declared.length === 0) {
      wrong.push(`${doc}:${r.line}: no grader/mistakes/${lab}/*.ts backs the row "${r.mistake}"`);
      continue;
    }
    for (const t of namedTests(r.caughtBy))
      if (!declared.some((id) => covers(t, id)))
        wrong.push(`${doc}:${r.line}: the row names \`${t}\` but none of its patches checks it`);
  }
  for (const x of mine) {
    const row = rows.find((r) => r.mistake === x.m.row);
    if (row === undefined) wrong.push(`${x.slug}: its row "${x.m.row}" is not in the table of ${doc}`);
    else if (Object.keys(x.m.caughtBy).length === 0) wrong.push(`${x.slug}: names no test`);
    else
      for (const id of Object.keys(x.m.caughtBy))
        if (!names(row.caughtBy, id)) wrong.push(`${x.slug}: ${doc}:${row.line} does not name ${id}`);
  }
  return wrong;
}

function coverage(root: string, mistakes: readonly Loaded[]): string[] {
  return LABS.flatMap((lab) =>
    labCoverage(
      lab.doc,
      lab.id,
      mistakeRows(root, lab.doc),
      mistakes.filter((x) => x.lab === lab.id),
    ),
  );
}

/** Test id → the test file that declares it (its id as a string literal). */
function testFiles(root: string): (id: string) => string | undefined {
  const files = LABS.flatMap((lab) => {
    const dir = join(root, 'grader', 'labs', lab.id);
    if (!existsSync(dir)) return [];
    const tests = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
    return tests.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  });
  return (id) => files.find((f) => f.text.includes(`'${id}'`))?.path;
}

/** A job per mistake that can be graded; what keeps the others from it. */
function jobsOf(root: string, mistakes: readonly Loaded[]): { jobs: MistakeJob[]; wrong: string[] } {
  const fileOf = testFiles(root);
  const wrong: string[] = [];
  const jobs: MistakeJob[] = [];
  for (const x of mistakes) {
    const tests = Object.keys(x.m.caughtBy);
    const missing = tests.filter((id) => fileOf(id) === undefined);
    for (const id of missing) wrong.push(`${x.slug}: no test file declares ${id}`);
    try {
      applyEdits(x.m.edits, (f) => readFileSync(join(root, 'solutions', f), 'utf8'));
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      wrong.push(`${x.slug}: ${e.message}`);
      continue;
    }
    const files = [...new Set(tests.map(fileOf))].filter((f): f is string => f !== undefined);
    if (missing.length === 0) jobs.push({ slug: x.slug, edits: [...x.m.edits], files, tests });
  }
  return { jobs, wrong };
}

/** What is wrong with one graded mistake ([] when every named test failed, naming the rule). */
function verdict(x: Loaded, a: MistakeAnswer): string[] {
  if (a.kind === 'error') return [`${x.slug}: ${a.message}`];
  const wrong: string[] = [];
  const refused = x.m.refusedWith;
  if (refused !== undefined && !a.problems.some((p) => refused.test(p))) {
    wrong.push(
      `${x.slug}: no submission problem matches ${refused} (problems: ${a.problems.join('; ') || 'none'})`,
    );
  }
  for (const t of a.tests) {
    const pattern = x.m.caughtBy[t.id] as RegExp;
    const message = t.error.startsWith(`[${t.id}]`) ? t.error.slice(t.id.length + 2) : t.error; // not the id's words
    if (t.status === 'passed') wrong.push(`${x.slug}: ${t.id} passes with the mistake in (${x.m.row})`);
    else if (t.status === 'skipped' || t.status === 'missing') wrong.push(`${x.slug}: ${t.id} did not run`);
    else if (!pattern.test(message))
      wrong.push(`${x.slug}: ${t.id}'s message does not match ${pattern}: ${clip(t.error)}`);
  }
  return wrong;
}

function startWorker(ctx: StepContext, tree: string): ChildProcess {
  const child = fork(join(ctx.root, 'grader', 'selftest', 'mistakes-worker.ts'), [tree], {
    cwd: ctx.root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', ctx.verbose ? 'inherit' : 'ignore', ctx.verbose ? 'inherit' : 'pipe', 'ipc'],
  });
  child.stderr?.resume();
  return child;
}

/** Grades every job on `workers` processes, each taking the next job when it is done. */
async function gradeAll(
  ctx: StepContext,
  jobs: readonly MistakeJob[],
  workers: number,
): Promise<MistakeAnswer[]> {
  const answers: MistakeAnswer[] = [];
  let next = 0;
  const drive = async (i: number): Promise<void> => {
    const tree = join(ctx.scratch, `mistakes-tree-${i}`);
    rmSync(tree, { recursive: true, force: true });
    cpSync(join(ctx.root, 'solutions'), tree, { recursive: true });
    const child = startWorker(ctx, tree);
    try {
      while (next < jobs.length) {
        const job = jobs[next++] as MistakeJob;
        answers.push(await ask(child, job));
        const last = answers[answers.length - 1];
        if (last?.kind === 'graded') ctx.note(`${job.slug}: ${(last.ms / 1000).toFixed(1)}s`);
      }
    } finally {
      child.kill();
      rmSync(tree, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, (_, i) => drive(i)));
  return answers;
}

function ask(child: ChildProcess, job: MistakeJob): Promise<MistakeAnswer> {
  return new Promise((resolve) => {
    const done = (a: MistakeAnswer): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(a);
    };
    const onMessage = (a: MistakeAnswer): void => {
      if (a.slug === job.slug) done(a);
    };
    const onExit = (code: number | null): void =>
      done({ slug: job.slug, kind: 'error', message: `the worker exited (${code}) while grading it` });
    const timer = setTimeout(
      () => done({ slug: job.slug, kind: 'error', message: `not graded within ${JOB_TIMEOUT_MS / 1000} s` }),
      JOB_TIMEOUT_MS,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(job);
  });
}

export interface MistakesOptions {
  /** Worker processes (one tree copy each). */
  jobs: number;
}

export function mistakesStep(options: () => MistakesOptions): Step {
  return {
    name: 'mistakes',
    summary:
      "each handout's common-mistakes row, as a patch of solutions/: the tests it names fail, naming the rule",
    async run(ctx) {
      const mistakes = await loadMistakes(ctx.root);
      if (mistakes.length === 0)
        return { kind: 'skip', detail: 'no handout has a common-mistakes table yet' };
      const { jobs, wrong } = jobsOf(ctx.root, mistakes);
      wrong.unshift(...coverage(ctx.root, mistakes));
      // Grade what can be graded even when some files do not fit: one run shows every problem.
      const answers = await gradeAll(ctx, jobs, options().jobs);
      writeFileSync(join(ctx.scratch, 'mistakes.json'), JSON.stringify(answers, null, 1));
      wrong.push(...answers.flatMap((a) => verdict(mistakes.find((x) => x.slug === a.slug) as Loaded, a)));
      if (wrong.length > 0) {
        throw new StepFailure(`${wrong.length} common-mistake claims do not hold`, wrong.join('\n'));
      }
      const claims = jobs.reduce((n, j) => n + j.tests.length, 0);
      return { kind: 'pass', detail: `${jobs.length} mistakes, ${claims} caught-by claims hold` };
    },
  };
}
