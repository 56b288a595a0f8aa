// Finds and validates the marked regions of one solutions/ source file:
//   // BEGIN <part>: <one-line hint>   // brief: <the rule in words>   …reference code…   // END <part>
// (the `// brief:` lines right after BEGIN are the hint of `make-labs --hints brief`), and its
// module-level helpers region (`// BEGIN helpers: …` … `// END helpers`, the student's place for
// functions, constants and imports; empty in solutions/). Strict: every malformed, unknown, unbalanced,
// nested, hint-less or empty region, and every misplaced or empty brief line, is a problem at file:line.
import type { MarkerProblem } from './errors.js';

/** The id of a file's helpers region: module-level code of the student's own, never stubbed. */
export const HELPERS = 'helpers';

/** One well-formed region; line numbers are 0-based indexes into the file's lines. */
export interface Region {
  /** A part id, or HELPERS for the file's helpers region. */
  part: string;
  hint: string;
  /** Index of the BEGIN marker line. */
  begin: number;
  /** Index of the END marker line. */
  end: number;
  /** Leading whitespace of the BEGIN line; the stub is written at this indentation. */
  indent: string;
  /** The brief hint: the text of the `// brief:` lines that open the body, joined; '' when there are none. */
  brief: string;
  /** How many `// brief:` lines open the body (they are hint text, not reference code). */
  briefLines: number;
}

export interface ScanResult {
  regions: Region[];
  problems: MarkerProblem[];
}

const MARKER = /^(\s*)\/\/\s*(BEGIN|END)\b/;
const BEGIN = /^(\s*)\/\/ BEGIN ([A-Za-z0-9_-]+)(?::(.*))?$/;
const END = /^(\s*)\/\/ END ([A-Za-z0-9_-]+)\s*$/;
const INLINE_MARKER = /\/\/\s*(BEGIN|END)\s+[A-Za-z]+\d+[A-Za-z]*\b/;
/** A body line that carries no code: blank or a line comment. */
const NO_CODE = /^\s*(\/\/.*)?$/;
/** A line of a region's brief hint (`make-labs --hints brief`); only at the top of a part's body. */
const BRIEF = /^\s*\/\/ brief:(.*)$/;

/**
 * How strictly to scan. `lenient`: unknown part ids are accepted (reading back labs/). `submission`:
 * a student's file, where regions may be empty and hints edited away.
 */
export interface ScanOptions {
  lenient?: boolean;
  submission?: boolean;
}

interface Open {
  part: string;
  hint: string;
  begin: number;
  indent: string;
  /** False when this BEGIN was itself a problem (nested): it yields no region. */
  valid: boolean;
}

/** Splits text into lines without their '\r', for matching (the caller keeps the original lines). */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Scans one file. `file` is only used in problem reports. `partIds` are the known part ids (HELPERS is
 * always known); `options` (or `true` for lenient) relaxes the rules, see ScanOptions.
 */
export function scanRegions(
  file: string,
  text: string,
  partIds: ReadonlySet<string>,
  options: boolean | ScanOptions = false,
): ScanResult {
  const { lenient = false, submission = false } =
    typeof options === 'boolean' ? { lenient: options } : options;
  const lines = splitLines(text);
  const regions: Region[] = [];
  const problems: MarkerProblem[] = [];
  const stack: Open[] = [];
  const problem = (index: number, message: string): void => {
    problems.push({ file, line: index + 1, message });
  };

  lines.forEach((line, i) => {
    if (!MARKER.test(line)) {
      if (INLINE_MARKER.test(line)) problem(i, 'a marker must be on a line of its own');
      return;
    }
    const b = BEGIN.exec(line);
    if (b) {
      stack.push(openRegion(b, i, stack.at(-1), partIds, { lenient, submission }, problem));
      return;
    }
    const e = END.exec(line);
    if (e) {
      const [, indent = '', part = ''] = e;
      const open = stack.pop();
      if (!open) {
        problem(i, `END ${part} without a matching BEGIN ${part}`);
        return;
      }
      if (open.part !== part) {
        problem(i, `END ${part} does not match BEGIN ${open.part} at line ${open.begin + 1}`);
        return;
      }
      if (!open.valid) return;
      if (indent !== open.indent) {
        problem(
          i,
          `END ${part} is indented differently from its BEGIN (line ${open.begin + 1}): ` +
            'a region must be a run of statements in one block',
        );
        return;
      }
      const region = regionOf(
        open,
        i,
        lines.slice(open.begin + 1, i),
        regions,
        { lenient, submission },
        problem,
      );
      if (region !== undefined) regions.push(region);
      return;
    }
    problem(i, 'malformed marker: expected `// BEGIN <part>: <hint>` or `// END <part>`');
  });
  for (const open of stack) {
    problem(open.begin, `BEGIN ${open.part} is never closed (no END ${open.part})`);
  }
  problems.sort((x, y) => x.line - y.line);
  return { regions, problems };
}

/** The region a BEGIN line opens (reporting an unknown part, a missing hint or nesting). */
function openRegion(
  b: RegExpExecArray,
  i: number,
  outer: Open | undefined,
  partIds: ReadonlySet<string>,
  mode: ScanOptions,
  problem: (index: number, message: string) => void,
): Open {
  const [, indent = '', part = '', rawHint] = b;
  const hint = (rawHint ?? '').trim();
  if (mode.lenient !== true && part !== HELPERS && !partIds.has(part)) {
    problem(i, `unknown part '${part}' (known parts: ${[...partIds].join(', ')})`);
  }
  if (hint === '' && mode.submission !== true) {
    problem(i, `BEGIN ${part} has no hint: write \`// BEGIN ${part}: <one-line hint>\``);
  }
  if (outer) {
    problem(
      i,
      `BEGIN ${part} is nested inside region ${outer.part} (BEGIN at line ${outer.begin + 1}); regions cannot nest`,
    );
  }
  return { part, hint, begin: i, indent, valid: outer === undefined };
}

/** The region closed at line `end`, or undefined (after reporting why) when its body is not allowed. */
function regionOf(
  open: Open,
  end: number,
  body: readonly string[],
  found: readonly Region[],
  mode: ScanOptions,
  problem: (index: number, message: string) => void,
): Region | undefined {
  const bad = bodyProblem(open, body, found, mode);
  if (bad !== undefined) {
    problem(open.begin, bad);
    return undefined;
  }
  const brief = briefOf(open.part, body);
  if (mode.lenient !== true && mode.submission !== true) {
    for (const b of brief.problems) problem(open.begin + 1 + b.at, b.message);
  }
  const { part, hint, begin, indent } = open;
  return { part, hint, begin, end, indent, brief: brief.text, briefLines: brief.count };
}

/**
 * What is wrong with a region's body, if anything: a part's region holds code (except in a submission);
 * the helpers region is one per file, at module level, and empty in solutions/.
 */
function bodyProblem(
  open: Open,
  body: readonly string[],
  found: readonly Region[],
  mode: ScanOptions,
): string | undefined {
  const noCode = body.every((l) => NO_CODE.test(l));
  if (open.part !== HELPERS) {
    return noCode && mode.submission !== true
      ? `region ${open.part} is empty (no code between BEGIN and END)`
      : undefined;
  }
  if (open.indent !== '') return `the ${HELPERS} region must be at module level (its markers not indented)`;
  if (found.some((r) => r.part === HELPERS)) return `a file has at most one ${HELPERS} region`;
  if (!noCode && mode.lenient !== true && mode.submission !== true) {
    return `the ${HELPERS} region of solutions/ holds no code: it is the student's; framework helpers go outside it`;
  }
  return undefined;
}

interface Brief {
  text: string;
  count: number;
  /** `at`: 0-based index into the body. */
  problems: { at: number; message: string }[];
}

/** The brief hint opening a part's body: its `// brief:` lines, and any misplaced or empty one. */
function briefOf(part: string, body: readonly string[]): Brief {
  let count = 0;
  while (count < body.length && BRIEF.test(body[count] ?? '')) count++;
  const texts = body.slice(0, count).map((l) => (BRIEF.exec(l)?.[1] ?? '').trim());
  const problems: Brief['problems'] = [];
  texts.forEach((t, at) => {
    if (t === '')
      problems.push({ at, message: 'an empty `// brief:` line: write the rule in words, or drop it' });
  });
  body.forEach((l, at) => {
    if (at < count || !BRIEF.test(l)) return;
    problems.push({ at, message: `a \`// brief:\` line must be among the lines right after BEGIN ${part}` });
  });
  if (part === HELPERS && count > 0) {
    return { text: '', count: 0, problems: [{ at: 0, message: `the ${HELPERS} region has no brief hint` }] };
  }
  return { text: texts.filter((t) => t !== '').join(' '), count, problems };
}
