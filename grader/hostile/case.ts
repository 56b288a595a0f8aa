// What a hostile submission is: a base tree (made by `raftlab make-labs --out`), the few edits that turn
// it into a cheat or a robustness fault, what to grade, and the outcome an honest grader must give.
// Edits are data (applied by overlay.ts); code in them is plain text the grader will run, never the kit.
import type { TestStatus } from '../report/model.js';

/**
 * The tree a case starts from: the skeleton (every part a stub), `partial` (lab 1 solved, every later
 * part a stub: lab2a's honest score is 0 while its tests can reach the lab2a region) or the solution.
 */
export type Base = 'skeleton' | 'partial' | 'solution';

/** Where the graded tree sits: a plain folder, one whose name has spaces and parentheses, a symlink. */
export type Placement = 'plain' | 'spaces' | 'symlink';

/**
 * One change to the base tree. Text may hold placeholders filled in when the overlay is applied:
 * `@@KIT@@` (absolute root of the kit copy that grades), `@@TREE@@` (absolute graded tree),
 * `@@SOLUTIONS_REL@@` (the kit's solutions/ relative to the edited file's folder), `@@ITERS@@`
 * (loop iterations calibrated to SLOW_WORK_MS of CPU on this machine).
 */
export type Edit =
  /** Replaces the body of the nth (0-based) `// BEGIN <part>` region of `file`; `keep` keeps the old body after it. */
  | { kind: 'region'; file: string; part: string; nth: number; body: string; keep: boolean }
  /** Replaces the first occurrence of `from` (which must exist) outside or inside regions. */
  | { kind: 'replace'; file: string; from: string; to: string }
  /** Writes a whole file (a new one, or over the base's). */
  | { kind: 'write'; file: string; text: string }
  | { kind: 'delete'; file: string }
  /** Replaces `file` (a file or a folder) by a symlink to `to`. */
  | { kind: 'symlink'; file: string; to: string }
  /** Rewrites a file with CRLF line ends and a byte-order mark, as an editor on Windows may save it. */
  | { kind: 'crlf'; file: string };

export interface Expectation {
  /** `zero`: total 0 (the cheat gains nothing); `full`: every test passes; `any`: only completeness. */
  score: 'zero' | 'full' | 'any';
  /** Statuses each graded test may have (default: any status but `skipped`). */
  statuses?: readonly TestStatus[];
  /** The report must not change after the grader has exited (nothing rewrites it later). */
  stable?: boolean;
  /** Grade the pristine skeleton in the same kit copy right after this case (before any repair): 0. */
  regrade?: boolean;
  /** The report must mention this ignored file (a change outside every marked region). */
  listsIgnored?: string;
  /** The grading must end, with its report written, within this (default DEFAULT_LIMIT_MS). */
  limitMs?: number;
}

export interface HostileCase {
  /** `<class>.<name>`: class 1–11 of issue 10, or `r` for a robustness case. */
  id: string;
  title: string;
  base: Base;
  edits: readonly Edit[];
  expect: Expectation;
  /** `raftlab grade` words (default DEFAULT_WHAT). */
  what?: readonly string[];
  place?: Placement;
  /** Runs alone: it may disturb other gradings running at the same time (or the kit copy). */
  exclusive?: boolean;
  /** Part of the fast default subset (one per class); the rest runs with --all. */
  quick?: boolean;
  /** An honest submission graded at the same time, started once `@@TREE@@/.ready` exists (class 10). */
  victim?: HostileCase;
}

/** Every case grades lab2a unless it says otherwise: 9 unit tests, 18 points, one region in raft/log.ts. */
export const DEFAULT_WHAT: readonly string[] = ['lab2a'];
export const DEFAULT_LIMIT_MS = 90_000;
/** CPU time of the "correct but slow" case's work per region call. */
export const SLOW_WORK_MS = 300;

/** The lab2a region: RaftLog.maybeCompact(), reached about once per lab2a test (`storageFirst` in scope). */
export const LAB2A_FILE = 'raft/log.ts';

type RegionEdit = Extract<Edit, { kind: 'region' }>;

export function region(body: string, opts: { file?: string; part?: string; nth?: number } = {}): RegionEdit {
  return {
    kind: 'region',
    file: opts.file ?? LAB2A_FILE,
    part: opts.part ?? 'lab2a',
    nth: opts.nth ?? 0,
    body,
    keep: false,
  };
}

/**
 * `body` runs first, then the region's own body: the stub's `throw new LabTodo(…)` on a partial base (so
 * that the honest score stays 0 whatever the cheat leaves undone), the reference code on a solution base.
 */
export function before(body: string): Edit {
  return { ...region(body), keep: true };
}

/** Module-level code in the file's helpers region (`// BEGIN helpers` … `// END helpers`, the student's own). */
export function helpers(code: string, file = LAB2A_FILE): RegionEdit {
  return { ...region(code, { file, part: 'helpers' }), keep: true };
}

export function replace(file: string, from: string, to: string): Edit {
  return { kind: 'replace', file, from, to };
}

export function write(file: string, text: string): Edit {
  return { kind: 'write', file, text };
}
