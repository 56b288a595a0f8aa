// runGrade: grades a target programmatically and returns a complete report, whatever the student's
// code did. Sets up the run (target, seeds, selection, watchdog limits, sidecar, environment) and
// leaves the vitest passes to passes.ts and the per-test wording to test-report.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, type Report } from '../report/model.js';
import { DIED, describeCause } from './causes.js';
import { withEnv } from './env.js';
import { Ledger, type Limits } from './ledger.js';
import { type PassContext, resolveUnlisted, runPasses } from './passes.js';
import { resolveTarget, type Target } from './paths.js';
import {
  DEFAULT_HEAP_MB,
  DEFAULT_RSS_MB,
  DEFAULT_SEED,
  DEFAULT_BUSY_MS,
  DEFAULT_STALL_MS,
  ENV,
  positiveIntEnv,
  type Selection,
} from './protocol.js';
import { labTestFiles, selectLabs } from './select.js';
import { toReport } from './test-report.js';

export type ProgressEvent =
  | {
      kind: 'file';
      file: string;
      pass: number;
      passed: number;
      failed: number;
      /** The file itself failed (did not load against the target, or an error outside any test). */
      broken: boolean;
      durationMs: number;
    }
  | { kind: 'died'; file: string; pass: number; remaining: number }
  | { kind: 'listing'; files: string[] };

export interface GradeOptions {
  /** `labs`, `solutions`, a path, or an already resolved Target. */
  target: string | Target;
  /** Test files (absolute). Default: every test file of the labs owning `parts` (all labs if none). */
  files?: string[];
  /** Only tests of these parts run and are reported (default: all). */
  parts?: string[];
  /** Parts the report lists even when they have no tests (e.g. every part of a selected lab). */
  showParts?: string[];
  /** Only tests whose id starts with one of these. */
  idPrefixes?: string[];
  /** Exactly this test id (replay). */
  only?: string;
  /** Seeds for seeded rules (default [DEFAULT_SEED]). */
  seeds?: number[];
  /** With `only`: write that test's trace (JSON lines) here. */
  traceFile?: string;
  /** Where tests are listed from when a file cannot be loaded against the target (default solutions/). */
  referenceTarget?: string;
  limits?: Partial<Limits>;
  maxWorkers?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Forward the tests' console output (replay). */
  console?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
}

function defaultFiles(parts: readonly string[] | undefined): string[] {
  const sel = selectLabs(parts && parts.length > 0 ? parts : ['all']);
  return sel.labs.flatMap((l) => labTestFiles(l.id));
}

function graderEnv(ctx: PassContext, sidecar: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.values(ENV).map((k) => [k, undefined]),
  );
  env[ENV.target] = ctx.target.dir;
  env[ENV.targetArg] = ctx.target.arg;
  env[ENV.seeds] = ctx.seeds.join(',');
  env[ENV.select] = JSON.stringify(ctx.selection);
  env[ENV.sidecar] = sidecar;
  env[ENV.only] = ctx.opts.only;
  env[ENV.traceFile] = ctx.opts.only !== undefined ? ctx.opts.traceFile : undefined;
  env[ENV.stallMs] = String(ctx.limits.stallMs);
  env[ENV.busyMs] = String(ctx.limits.busyMs);
  env[ENV.rssMb] = String(ctx.limits.rssMb);
  env[ENV.heapMb] = String(ctx.limits.heapMb);
  return env;
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
  // Instructors may tune the watchdog for slow machines through the environment.
  const env = process.env;
  const limits: Limits = {
    stallMs: opts.limits?.stallMs ?? positiveIntEnv(env[ENV.stallMs], DEFAULT_STALL_MS),
    busyMs: opts.limits?.busyMs ?? positiveIntEnv(env[ENV.busyMs], DEFAULT_BUSY_MS),
    heapMb: opts.limits?.heapMb ?? positiveIntEnv(env[ENV.heapMb], DEFAULT_HEAP_MB),
    rssMb: opts.limits?.rssMb ?? positiveIntEnv(env[ENV.rssMb], DEFAULT_RSS_MB),
  };
  const files = opts.files ?? defaultFiles(opts.parts);
  const ledger = new Ledger(selection, limits);
  const ctx: PassContext = { files, target, seeds, selection, limits, opts, ledger };
  const dir = mkdtempSync(join(tmpdir(), 'raftlab-run-'));
  const sidecar = join(dir, 'sidecar.jsonl');
  try {
    const unlisted =
      files.length > 0 ? await withEnv(graderEnv(ctx, sidecar), () => runPasses(ctx, sidecar)) : [];
    await resolveUnlisted(ctx, unlisted);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Safety net: every known test has an outcome by now; never report one as undecided.
  for (const f of files) ledger.closeFile(f, 'crashed', describeCause(DIED, 'before this test could start'));
  const tests = files.flatMap((f) => ledger.knownTests(f)).map((t) => toReport(t, target, seeds));
  const parts = [...(opts.showParts ?? []), ...(opts.parts ?? [])];
  const header = {
    target: target.arg,
    targetDir: target.dir,
    seeds,
    wallMs: Math.round(performance.now() - started),
    problems: ledger.problems,
  };
  return buildReport(header, tests, parts);
}
