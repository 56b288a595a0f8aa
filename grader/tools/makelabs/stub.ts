// Rewrites one source file for the student tree: the body of every unsolved region becomes a
// `throw new LabTodo(part, hint)` stub at the chosen hint level, and the LabTodo import is added after
// the last import.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { HELPERS, type Region } from './markers.js';

/**
 * How much the hints give away (`make-labs --hints`): `full` the BEGIN line's hint (close to the code),
 * `brief` the region's `// brief:` lines (the rule in words), `none` no hint at all.
 */
export const HINT_LEVELS = ['full', 'brief', 'none'] as const;
export type HintLevel = (typeof HINT_LEVELS)[number];

/** What a stub says at hint level `none`. */
export const NO_HINT = 'no hint at this level: the handout states the rules';

/** The hint of a part's region at a level (a helpers region keeps its own: it is an instruction). */
export function hintAt(region: Region, level: HintLevel): string {
  if (region.part === HELPERS || level === 'full') return region.hint;
  return level === 'brief' ? region.brief : NO_HINT;
}

/** The BEGIN marker line of a region at a level, without its line ending. */
export function beginLine(region: Region, level: HintLevel): string {
  if (level === 'none' && region.part !== HELPERS) return `${region.indent}// BEGIN ${region.part}`;
  return `${region.indent}// BEGIN ${region.part}: ${hintAt(region, level)}`;
}

/** Where a region ended up in the generated file: 1-based lines of its BEGIN and END markers. */
export interface PlacedRegion {
  /** A part id, or HELPERS (whose body is copied as is: it is never stubbed). */
  part: string;
  hint: string;
  begin: number;
  end: number;
  solved: boolean;
  /** Fingerprint of the reference code of the region (so that editing it makes labs/ stale). */
  digest: string;
}

/** A short fingerprint of a region's reference code (whitespace at line ends ignored). */
export function regionDigest(lines: readonly string[]): string {
  const text = lines.map((l) => l.trimEnd()).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export interface RenderedFile {
  text: string;
  regions: PlacedRegion[];
  /** True when at least one region was replaced by a stub. */
  stubbed: boolean;
}

/** A JS string literal in the repo's style: single quotes unless the text has some and no double ones. */
export function stringLiteral(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

export function stubStatement(part: string, hint: string): string {
  return `throw new LabTodo(${stringLiteral(part)}, ${stringLiteral(hint)});`;
}

/** The specifier with which `file` (relative to solutions/) imports solutions/labtodo.ts. */
export function labTodoSpecifier(file: string): string {
  const rel = posix.relative(posix.dirname(file), 'labtodo.ts').replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const IMPORT_START = /^import(?:\s|\{|\*|'|")/;
/** The line that completes an import statement: it ends with the module specifier (and maybe `;`). */
const IMPORT_END = /(['"])[^'"]*\1(\s+with\s*\{[^}]*\})?\s*;?\s*(\/\/.*)?$/;

interface ImportScan {
  /** Line index after the last top-level import statement, or -1 when there is none. */
  after: number;
  /** The text of all import statements, to see whether LabTodo is already imported. */
  statements: string[];
}

function scanImports(lines: readonly string[]): ImportScan {
  let after = -1;
  const statements: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!IMPORT_START.test(lines[i] ?? '')) continue;
    let j = i;
    while (j < lines.length - 1 && !IMPORT_END.test(lines[j] ?? '')) j++;
    statements.push(lines.slice(i, j + 1).join('\n'));
    after = j + 1;
    i = j;
  }
  return { after, statements };
}

/** Line index just past the file's leading comment block (shebang, `//` lines, a `/* … *\/` block). */
function afterHeaderComment(lines: readonly string[]): number {
  let i = 0;
  if (lines[0]?.startsWith('#!')) i = 1;
  while (i < lines.length) {
    const line = (lines[i] ?? '').trimStart();
    if (line.startsWith('//')) {
      i++;
    } else if (line.startsWith('/*')) {
      while (i < lines.length && !(lines[i] ?? '').includes('*/')) i++;
      i++;
    } else {
      break;
    }
  }
  return Math.min(i, lines.length);
}

function importsLabTodo(statements: readonly string[]): boolean {
  return statements.some((s) => /\bLabTodo\b/.test(s) && !/^import\s+type\b/.test(s));
}

/**
 * Renders `text` (the file at `file`, relative to solutions/) with the given regions, keeping the
 * solution of regions whose part is in `solved`, with hints at `level` (at `full` every BEGIN line is
 * kept as it is). Lines keep their original endings.
 */
export function renderFile(
  file: string,
  text: string,
  regions: readonly Region[],
  solved: ReadonlySet<string>,
  level: HintLevel = 'full',
): RenderedFile {
  const raw = text.split('\n');
  const out: string[] = [];
  const placed: PlacedRegion[] = [];
  let next = 0;
  for (const r of regions) {
    const solvedHere = solved.has(r.part) || r.part === HELPERS;
    const eol = (raw[r.begin] ?? '').endsWith('\r') ? '\r' : '';
    out.push(...raw.slice(next, r.begin));
    out.push(level === 'full' ? (raw[r.begin] ?? '') : `${beginLine(r, level)}${eol}`);
    const begin = out.length - 1; // 0-based index of the BEGIN line in out
    const hint = hintAt(r, level);
    if (solvedHere) {
      out.push(...raw.slice(r.begin + 1, r.end));
    } else {
      out.push(`${r.indent}${stubStatement(r.part, hint)}${eol}`);
    }
    out.push(raw[r.end] ?? '');
    placed.push({
      part: r.part,
      hint,
      begin,
      end: out.length - 1,
      solved: solvedHere,
      // The brief lines are hint text: the fingerprint covers the reference code only.
      digest: regionDigest(raw.slice(r.begin + 1 + r.briefLines, r.end)),
    });
    next = r.end + 1;
  }
  out.push(...raw.slice(next));

  const stubbed = placed.some((p) => !p.solved);
  if (stubbed && file !== 'labtodo.ts') {
    const scan = scanImports(out.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
    if (!importsLabTodo(scan.statements)) {
      const at = scan.after >= 0 ? scan.after : afterHeaderComment(out);
      const eol = (out[0] ?? '').endsWith('\r') ? '\r' : '';
      out.splice(at, 0, `import { LabTodo } from '${labTodoSpecifier(file)}';${eol}`);
      for (const p of placed) {
        if (p.begin >= at) p.begin++;
        if (p.end >= at) p.end++;
      }
    }
  }
  for (const p of placed) {
    p.begin++;
    p.end++;
  }
  return { text: out.join('\n'), regions: placed, stubbed };
}
