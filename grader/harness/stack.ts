// Test side: where an error thrown by code happened, for its failure message: the innermost frame in
// the graded tree or the kit's files (`where:`) and a short stack of such frames out to the test that
// called into the tree (node_modules, vitest and node internals left out). Frames in the graded tree
// keep their absolute path: the grading host maps them to the target's paths and lines (its tree is a
// sealed copy); kit frames are shown relative to the repository. Knows no lab.
import { relative, sep } from 'node:path';
import { REPO_ROOT as REPO } from '../paths.js';

/** At most this many frames are shown. */
export const MAX_FRAMES = 5;

/** Built-in errors: thrown by the language itself, they point at a bug wherever they happen. */
const BUILTIN_ERRORS: ReadonlySet<string> = new Set([
  'TypeError',
  'ReferenceError',
  'RangeError',
  'SyntaxError',
  'URIError',
  'EvalError',
]);

const KIT = `${REPO}${sep}grader${sep}`;

interface Frame {
  fn: string;
  file: string;
  line: number;
  col: number;
  inTree: boolean;
}

/** `at fn (file:line:col)` or `at file:line:col`, with or without `file://` and `async `. */
const FRAME_RE = /^\s+at (?:async )?(?:(.+?) \()?(?:file:\/\/)?(\/[^():]+):(\d+):(\d+)\)?\s*$/;

function parseFrames(stack: string, treeDir: string | undefined): Frame[] {
  const frames: Frame[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME_RE.exec(line);
    if (m === null) continue;
    const file = m[2] as string;
    const inTree = treeDir !== undefined && file.startsWith(`${treeDir}${sep}`);
    if (!inTree && (!file.startsWith(KIT) || file.includes(`${sep}node_modules${sep}`))) continue;
    frames.push({ fn: m[1] ?? '', file, line: Number(m[3]), col: Number(m[4]), inTree });
  }
  return frames;
}

function shown(f: Frame): string {
  return f.inTree ? f.file : relative(REPO, f.file);
}

/**
 * The frames worth showing: from the innermost one (where it was thrown, a library's frames aside) out
 * to the first kit frame that called into the tree (the test or harness line), at most MAX_FRAMES.
 */
function shortStack(frames: readonly Frame[]): Frame[] {
  const out: Frame[] = [];
  for (const f of frames) {
    out.push(f);
    if (out.length >= MAX_FRAMES || (!f.inTree && out.some((g) => g.inTree))) break;
  }
  return out;
}

/** `<tree>/raft/log.ts:27`: the innermost frame in the tree (a LabTodo's stub), for the host to map. */
export function treeLocation(err: Error, treeDir: string | undefined): string | undefined {
  const f = parseFrames(err.stack ?? '', treeDir).find((x) => x.inTree);
  return f === undefined ? undefined : `${f.file}:${f.line}`;
}

/**
 * The `where:` line and a short stack of an error thrown by code, not by the kit's checks: an error
 * thrown in the tree (its innermost tree-or-kit frame is in the tree: the code under test, or a library
 * it called), or a built-in error (TypeError, ReferenceError…) thrown anywhere. Empty otherwise: a
 * check failing inside a callback of the tree (an observer) keeps its message alone.
 */
export function stackLines(err: Error, treeDir: string | undefined): string[] {
  const frames = parseFrames(err.stack ?? '', treeDir);
  if (frames.length === 0 || (!frames[0]?.inTree && !BUILTIN_ERRORS.has(err.name))) return [];
  const short = shortStack(frames);
  const top = short[0] as Frame;
  const lines = [`where: ${shown(top)}:${top.line}${top.fn === '' ? '' : ` (${top.fn})`}`, 'stack:'];
  for (const f of short) {
    const at = `${shown(f)}:${f.line}:${f.col}`;
    lines.push(`  at ${f.fn === '' ? at : `${f.fn} (${at})`}`);
  }
  return lines;
}
