// Batch grading: finds the submissions in a folder (sub-folders, .zip, .tar.gz), grades `jobs` of them
// at a time (each in its own child grader: batch-grade.ts), writes DIR/<student>.json as each one ends
// and DIR/summary.csv at the end. Resumable: a student whose record is already in DIR is not graded
// again unless `force`.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPORT_VERSION } from '../report/model.js';
import { type SubmissionKind, studentName, submissionKind } from './archive.js';
import { BATCH_RECORD_VERSION, type BatchRecord, type GradeJob, gradeSubmission } from './batch-grade.js';
import { summaryCsv } from './batch-summary.js';

export interface Submission {
  student: string;
  path: string;
  kind: SubmissionKind;
}

export interface BatchOptions {
  /** The folder of submissions. */
  dir: string;
  /** Where the records and summary.csv go. */
  out: string;
  jobs: number;
  what: readonly string[];
  gradeArgs: readonly string[];
  force: boolean;
  timeoutMs: number;
  onEvent?: (e: BatchEvent) => void;
}

export type BatchEvent =
  | { kind: 'start'; total: number; todo: number }
  | { kind: 'done'; record: BatchRecord; reused: boolean; finished: number; total: number };

export interface BatchResult {
  records: BatchRecord[];
  reused: number;
  summary: string;
}

/** A file name for a student (what the folder or archive was called, made safe). */
function safeName(name: string): string {
  const s = name.replace(/[^\w.@-]/g, '_').replace(/^\.+/, '_');
  return s === '' ? '_' : s;
}

/** The submissions of a folder, sorted; hidden entries and other files are left out. */
export function findSubmissions(dir: string, out?: string): Submission[] {
  const taken = new Map<string, number>();
  const subs: Submission[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.startsWith('.') || (out !== undefined && resolve(path) === resolve(out))) continue;
    const kind = submissionKind(path);
    if (kind === undefined) continue;
    const base = safeName(studentName(path));
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    subs.push({ student: n === 1 ? base : `${base}-${n}`, path, kind });
  }
  return subs;
}

/** Write then rename: an interrupted batch leaves no half record (which would be graded again anyway). */
function writeAtomic(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.part`, text);
  renameSync(`${file}.part`, file);
}

function previousRecord(file: string): BatchRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as BatchRecord;
    return r.version === BATCH_RECORD_VERSION && r.report?.version === REPORT_VERSION ? r : undefined;
  } catch {
    return undefined;
  }
}

export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const subs = findSubmissions(opts.dir, opts.out);
  const records: BatchRecord[] = [];
  const todo: Submission[] = [];
  let finished = 0;
  let reused = 0;
  for (const s of subs) {
    const prev = opts.force ? undefined : previousRecord(join(opts.out, `${s.student}.json`));
    if (prev) {
      records.push(prev);
      reused++;
    } else todo.push(s);
  }
  opts.onEvent?.({ kind: 'start', total: subs.length, todo: todo.length });
  for (const r of records)
    opts.onEvent?.({ kind: 'done', record: r, reused: true, finished: ++finished, total: subs.length });
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let s = todo[next++]; s !== undefined; s = todo[next++]) {
      const job: GradeJob = { ...s, what: opts.what, gradeArgs: opts.gradeArgs, timeoutMs: opts.timeoutMs };
      const record = await gradeSubmission(job);
      writeAtomic(join(opts.out, `${s.student}.json`), `${JSON.stringify(record, null, 2)}\n`);
      records.push(record);
      opts.onEvent?.({ kind: 'done', record, reused: false, finished: ++finished, total: subs.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, todo.length)) }, worker));
  const summary = join(opts.out, 'summary.csv');
  writeAtomic(summary, summaryCsv(records));
  return { records, reused, summary };
}
