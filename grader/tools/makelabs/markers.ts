// Finds and validates the marked regions of one solutions/ source file:
//   // BEGIN <part>: <one-line hint>   …reference code…   // END <part>
// Strict: every malformed, unknown, unbalanced, nested, hint-less or empty region is a problem at file:line.
import type { MarkerProblem } from './errors.js';

/** One well-formed region; line numbers are 0-based indexes into the file's lines. */
export interface Region {
  part: string;
  hint: string;
  /** Index of the BEGIN marker line. */
  begin: number;
  /** Index of the END marker line. */
  end: number;
  /** Leading whitespace of the BEGIN line; the stub is written at this indentation. */
  indent: string;
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
 * Scans one file. `file` is only used in problem reports. `partIds` are the known part ids; with
 * `lenient`, unknown ids are accepted (used when reading back labs/ to look for a student's work).
 */
export function scanRegions(
  file: string,
  text: string,
  partIds: ReadonlySet<string>,
  lenient = false,
): ScanResult {
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
      const [, indent = '', part = '', rawHint] = b;
      const hint = (rawHint ?? '').trim();
      let valid = true;
      if (!lenient && !partIds.has(part)) {
        problem(i, `unknown part '${part}' (known parts: ${[...partIds].join(', ')})`);
      }
      if (hint === '') {
        problem(i, `BEGIN ${part} has no hint: write \`// BEGIN ${part}: <one-line hint>\``);
      }
      const outer = stack[stack.length - 1];
      if (outer) {
        problem(
          i,
          `BEGIN ${part} is nested inside region ${outer.part} (BEGIN at line ${outer.begin + 1}); regions cannot nest`,
        );
        valid = false;
      }
      stack.push({ part, hint, begin: i, indent, valid });
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
      if (lines.slice(open.begin + 1, i).every((l) => NO_CODE.test(l))) {
        problem(open.begin, `region ${part} is empty (no code between BEGIN and END)`);
        return;
      }
      regions.push({ part, hint: open.hint, begin: open.begin, end: i, indent: open.indent });
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
