// Grades one submission of a batch: unpacks it into a private folder (archive.ts), then runs the kit's
// own `raftlab grade … --target <its root> --json <private file>` as a child process in its own process
// group, with a private TMPDIR and a wall-clock limit. Whatever the submission does (crash, hang,
// hostile code), only this child is lost: the record then says why, with a report of zero points.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildReport, type Report, REPORT_VERSION } from '../report/model.js';
import { selectLabs } from '../runner/host/select.js';
import { REPO_ROOT } from '../runner/host/paths.js';
import { ArchiveError, type SubmissionKind, submissionRoot, unpackSubmission } from './archive.js';

export const BATCH_RECORD_VERSION = 1;

/** One student's file in the batch's output folder (DIR/<student>.json). */
export interface BatchRecord {
  version: number;
  student: string;
  /** The submission as found in the batch folder (its base name). */
  source: string;
  kind: SubmissionKind;
  /** `graded`: the grader wrote its report; `error`: it did not (the report is a zero with the reason). */
  status: 'graded' | 'error';
  /** Wall time of this submission (unpacking and grading). */
  wallMs: number;
  /** The grader's exit code (null when it was killed), and whether the batch's time limit killed it. */
  exit: { code: number | null; signal: string | null; timedOut: boolean };
  /** The graded folder inside the unpacked submission (`.` for its top). */
  root: string;
  /** Entries of the submission that were not unpacked (symlinks, oversized files…). */
  skipped: string[];
  /** The last lines the grader printed (for an `error`). */
  log?: string;
  report: Report;
}

export interface GradeJob {
  student: string;
  path: string;
  kind: SubmissionKind;
  /** `raftlab grade` words (labs or parts). */
  what: readonly string[];
  /** Extra `raftlab grade` options (e.g. `--seed-set FILE`). */
  gradeArgs: readonly string[];
  timeoutMs: number;
}

const LOG_TAIL = 4_000;
/** The grader gets this much less than the batch's limit, so that it writes its own report first. */
const REPORT_MARGIN_MS = 30_000;

interface ChildResult {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  log: string;
}

function runChild(args: string[], env: Record<string, string>, timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let log = '';
    const keep = (c: Buffer): void => {
      log = (log + c.toString('utf8')).slice(-LOG_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, log: `${log}\n${String(e)}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      kill(); // anything the grader left in its group
      resolve({ code, signal, timedOut, log });
    });
  });
}

/** A zero report for a submission the grader did not report on, with the reason as its problem. */
export function failedReport(job: GradeJob, target: string, reason: string): Report {
  const parts = selectLabs(job.what.length > 0 ? [...job.what] : ['all']).parts;
  return buildReport({ target, targetDir: target, seeds: [], wallMs: 0, problems: [reason] }, [], parts);
}

function readReport(file: string): Report | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    return r.version === REPORT_VERSION && Array.isArray(r.labs) ? r : undefined;
  } catch {
    return undefined;
  }
}

function whyNoReport(c: ChildResult, timeoutMs: number): string {
  if (c.timedOut) return `grading timed out after ${Math.round(timeoutMs / 1000)} s`;
  if (c.signal !== null) return `the grader was killed by ${c.signal}`;
  return `the grader exited with code ${c.code} without a report`;
}

export async function gradeSubmission(job: GradeJob): Promise<BatchRecord> {
  const started = performance.now();
  const now = (): number => Math.round(performance.now() - started);
  const work = mkdtempSync(join(realpathSync(tmpdir()), 'raftlab-batch-'));
  const base = { version: BATCH_RECORD_VERSION, student: job.student, source: job.path, kind: job.kind };
  try {
    const tree = join(work, 'submission');
    const tmp = join(work, 'tmp');
    mkdirSync(tree, { mode: 0o700 });
    mkdirSync(tmp, { mode: 0o700 });
    let skipped: string[] = [];
    try {
      skipped = (await unpackSubmission(job.path, tree)).skipped;
    } catch (e) {
      if (!(e instanceof ArchiveError)) throw e;
      const exit = { code: null, signal: null, timedOut: false };
      const report = failedReport(job, job.path, `not unpacked: ${e.message}`);
      return { ...base, status: 'error', wallMs: now(), exit, root: '.', skipped, report };
    }
    const root = submissionRoot(tree);
    const json = join(work, 'report.json');
    const cli = join(REPO_ROOT, 'grader', 'bin', 'raftlab.mjs');
    const args = [
      cli,
      'grade',
      ...job.what,
      '--target',
      root,
      '--json',
      json,
      '--no-pages',
      ...job.gradeArgs,
    ];
    const wall = String(Math.max(60_000, job.timeoutMs - REPORT_MARGIN_MS));
    const c = await runChild(args, { TMPDIR: tmp, RAFTLAB_WALL_MS: wall }, job.timeoutMs);
    const report = readReport(json);
    const exit = { code: c.code, signal: c.signal, timedOut: c.timedOut };
    const rel = relative(tree, root) || '.';
    const common = { ...base, wallMs: now(), exit, root: rel, skipped };
    if (report !== undefined) return { ...common, status: 'graded', report };
    const failed = failedReport(job, root, whyNoReport(c, job.timeoutMs));
    return { ...common, status: 'error', log: c.log, report: failed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
