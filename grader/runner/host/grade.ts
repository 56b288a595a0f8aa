// Host side. runGrade: grades a target programmatically and returns a complete report, whatever the
// student's code did. Sets up the run: its private folder with the graded tree (sealed), the tests
// from the committed list, seeds, selection, limits, the worker channel and its key, the workers'
// permissions and environment, and the supervisor; leaves the vitest passes to passes.ts and the
// per-test wording to test-report.ts. Every worker is dead before the report is built.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildReport, type Report, type SubmissionReport } from '../../report/model.js';
import {
  DEFAULT_BUSY_MS,
  DEFAULT_HEAP_MB,
  DEFAULT_RSS_MB,
  DEFAULT_SEED,
  DEFAULT_STALL_MS,
  DEFAULT_WALL_MS,
  ENV,
  type Limits,
  positiveIntEnv,
  type Selection,
  type TestDescriptor,
} from '../contract.js';
import { DIED, describeCause } from './causes.js';
import { HostChannel } from './channel.js';
import { withEnv } from './env.js';
import { Ledger } from './ledger.js';
import { listTests } from './list.js';
import type { GradeOptions } from './options.js';
import { type PassContext, runPasses } from './passes.js';
import { displayPath, REPO_ROOT, resolveTarget } from './paths.js';
import { createRunDir, type RunDir, removeRunDir } from './run-dir.js';
import { labTestFiles, selectLabs } from './select.js';
import { planShards } from './shards.js';
import { Supervisor } from './supervisor.js';
import { isKitTestFile, loadTestList, TEST_LIST_COMMAND } from './test-list.js';
import { toReport } from './test-report.js';
import { treePathMapper } from './tree-paths.js';
import { type TypecheckResult, typecheckTree, typeProblem } from './typecheck.js';
import { loadRoots, workerFlags } from './worker-flags.js';

function defaultFiles(parts: readonly string[] | undefined): string[] {
  const sel = selectLabs(parts && parts.length > 0 ? parts : ['all']);
  return sel.labs.flatMap((l) => labTestFiles(l.id));
}

function limitsOf(opts: GradeOptions): Limits {
  // Instructors may tune the limits for slow machines through the environment.
  const env = process.env;
  return {
    stallMs: opts.limits?.stallMs ?? positiveIntEnv(env[ENV.stallMs], DEFAULT_STALL_MS),
    busyMs: opts.limits?.busyMs ?? positiveIntEnv(env[ENV.busyMs], DEFAULT_BUSY_MS),
    heapMb: opts.limits?.heapMb ?? positiveIntEnv(env[ENV.heapMb], DEFAULT_HEAP_MB),
    rssMb: opts.limits?.rssMb ?? positiveIntEnv(env[ENV.rssMb], DEFAULT_RSS_MB),
    // a sweep of many seeds legitimately runs long: the default grows by 30 min per 50 seeds
    wallMs:
      opts.limits?.wallMs ??
      positiveIntEnv(
        env[ENV.wallMs],
        DEFAULT_WALL_MS * Math.max(1, Math.ceil((opts.seeds?.length ?? 1) / 50)),
      ),
  };
}

/**
 * The tests the host expects of each file: the committed list's; a file missing from it is listed
 * against the reference (and, for a kit file, that is a problem: the list is stale).
 */
async function expectedTests(
  files: readonly string[],
  opts: GradeOptions,
  problems: string[],
): Promise<Map<string, TestDescriptor[]>> {
  const committed = loadTestList();
  const expected = new Map<string, TestDescriptor[]>();
  const missing: string[] = [];
  for (const f of files) {
    const tests = committed.get(f);
    if (tests) expected.set(f, tests);
    else missing.push(f);
  }
  if (missing.length === 0) return expected;
  for (const f of missing.filter(isKitTestFile))
    problems.push(
      `${displayPath(f)} is not in grader/tests.json: its tests were listed from solutions/ (run ${TEST_LIST_COMMAND})`,
    );
  const listings = await listTests(missing, opts.referenceTarget ?? `${REPO_ROOT}/solutions`);
  for (const l of listings) {
    expected.set(l.file, l.tests);
    if (l.error !== undefined)
      problems.push(`${displayPath(l.file)}: its tests could not be listed: ${l.error.split('\n')[0]}`);
  }
  return expected;
}

/** `sources`: the test files the run's files (ctx.files: shards among them) stand for. */
function graderEnv(
  ctx: PassContext,
  run: RunDir,
  sources: readonly string[],
): Record<string, string | undefined> {
  const all = [...new Set([...sources, ...ctx.files])];
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.values(ENV).map((k) => [k, undefined]),
  );
  env[ENV.target] = run.tree;
  env[ENV.targetArg] = ctx.target.arg;
  env[ENV.seeds] = ctx.seeds.join(',');
  env[ENV.select] = JSON.stringify(ctx.selection);
  env[ENV.sidecar] = run.channel;
  env[ENV.channelKey] = run.key;
  env[ENV.workerArgv] = JSON.stringify(workerFlags(run, all));
  env[ENV.loadRoots] = JSON.stringify(loadRoots(run, all));
  env[ENV.only] = ctx.opts.only;
  env[ENV.traceFile] =
    ctx.opts.only !== undefined && ctx.opts.traceFile !== undefined ? run.trace : undefined;
  env[ENV.traceDir] = ctx.opts.failureTraces !== undefined ? run.traces : undefined;
  env[ENV.stallMs] = String(ctx.limits.stallMs);
  env[ENV.busyMs] = String(ctx.limits.busyMs);
  env[ENV.rssMb] = String(ctx.limits.rssMb);
  env[ENV.heapMb] = String(ctx.limits.heapMb);
  // vitest keeps its transformed modules under TMPDIR, and the workers inherit it: the run's own.
  env['TMPDIR'] = run.tmp;
  return env;
}

function submissionReport(run: RunDir): SubmissionReport | undefined {
  if (run.seal === undefined) return undefined;
  return { ignored: run.seal.ignored, problems: run.seal.problems, graded: run.seal.graded };
}

/** The type check of the graded tree, beside the tests; its end is a progress event. */
async function startTypecheck(tree: string, opts: GradeOptions): Promise<TypecheckResult> {
  const r = await typecheckTree(tree);
  opts.onProgress?.({
    kind: 'typecheck',
    errors: r.ok ? r.total : -1,
    cached: r.ok && r.cached,
    durationMs: r.ms,
  });
  return r;
}

/** A worker's trace file larger than this is not kept (a run's trace is a few MB). */
const MAX_KEPT_TRACE_BYTES = 128 * 1024 * 1024;

/** Copies the workers' failing-test traces out of the run's folder (only regular files, within a size). */
function keepFailureTraces(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const file = join(from, name);
    const st = lstatSync(file);
    if (!st.isFile() || st.size > MAX_KEPT_TRACE_BYTES || !name.endsWith('.jsonl')) continue;
    copyFileSync(file, join(to, name));
  }
}

export async function runGrade(opts: GradeOptions): Promise<Report> {
  const started = performance.now();
  const target = typeof opts.target === 'string' ? resolveTarget(opts.target) : opts.target;
  const seeds = opts.seeds && opts.seeds.length > 0 ? opts.seeds : [DEFAULT_SEED];
  const selection: Selection = {
    parts: opts.parts ?? [],
    idPrefixes: opts.idPrefixes ?? [],
    ...(opts.only !== undefined ? { only: opts.only } : {}),
  };
  const limits = limitsOf(opts);
  const files = opts.files ?? defaultFiles(opts.parts);
  const problems: string[] = [];
  const expected = await expectedTests(files, opts, problems);
  const run = await createRunDir(target, opts.seal ?? target.arg !== 'labs');
  const workers = opts.maxWorkers ?? availableParallelism();
  const plan = planShards(files, expected, selection, seeds, workers, join(run.tmp, 'shards'));
  const ledger = new Ledger(selection, limits, plan.expected);
  const paths = treePathMapper(run.tree, target.arg, run.seal === undefined ? undefined : target.dir);
  const typecheck = opts.typecheck === false ? undefined : startTypecheck(run.tree, opts);
  const channel = new HostChannel(run.channel, run.key);
  const supervisor = new Supervisor(run.channel, run.key, limits, plan.expected, seeds.length);
  const ctx: PassContext = {
    ...{ files: plan.files, sourceOf: plan.sourceOf, target, seeds, selection, limits, workers },
    ...{ opts, ledger, channel, supervisor },
  };
  try {
    supervisor.start();
    if (files.length > 0) await withEnv(graderEnv(ctx, run, files), () => runPasses(ctx));
  } finally {
    supervisor.stop();
    const typeErrors = typecheck === undefined ? undefined : typeProblem(await typecheck, run.tree);
    if (typeErrors !== undefined) problems.unshift(typeErrors);
    if (opts.traceFile !== undefined && existsSync(run.trace)) copyFileSync(run.trace, opts.traceFile);
    if (opts.failureTraces !== undefined) keepFailureTraces(run.traces, opts.failureTraces);
    removeRunDir(run);
  }
  // Safety net: every listed test has an outcome by now; never report one as undecided.
  for (const f of plan.files)
    ledger.closeFile(f, 'crashed', describeCause(DIED, 'before this test could start'));
  for (const [f, keys] of ledger.unlisted)
    problems.push(
      `${displayPath(plan.sourceOf(f))} declares tests that are not in grader/tests.json (${[...keys].slice(0, 5).join(', ')}): they were not graded (run ${TEST_LIST_COMMAND})`,
    );
  if (ledger.rejectedRecords > 0)
    problems.push(
      `${ledger.rejectedRecords} record(s) on the worker channel had no valid MAC and were ignored (written by code under test?)`,
    );
  const tests = files.flatMap((f) => plan.tracked(ledger, f)).map((t) => toReport(t, target, seeds, paths));
  const submission = submissionReport(run);
  const header = {
    target: target.arg,
    targetDir: target.dir,
    seeds,
    wallMs: Math.round(performance.now() - started),
    problems: [...problems, ...ledger.problems].map(paths),
    ...(submission !== undefined ? { submission } : {}),
  };
  return buildReport(header, tests, [...(opts.showParts ?? []), ...(opts.parts ?? [])]);
}
