// Reads the "Common mistakes" table of a lab's handout (a Markdown table under a heading that says
// "Common mistakes": mistake | what breaks | caught by) and says whether a test id is named in a row's
// "caught by" cell: as `<id>` in backticks, or under a backticked `<prefix>*`. Every test a cell names
// must be one that a patch of the row declares (so every claim of the table is checked).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MistakeRow {
  /** The first cell, verbatim (what a mistake file's `row` repeats). */
  mistake: string;
  /** The last cell: the tests said to catch it. */
  caughtBy: string;
  /** 1-based line in the handout. */
  line: number;
}

/** Cells of one table line, `|` inside backticks kept. */
export function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let code = false;
  for (const ch of line.trim().replace(/^\|/, '').replace(/\|$/, '')) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** The rows of the handout's "Common mistakes" table ([] when the handout or the table is missing). */
export function mistakeRows(root: string, doc: string): MistakeRow[] {
  const path = join(root, doc);
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const heading = lines.findIndex((l) => /^#+ .*common mistakes/i.test(l));
  if (heading === -1) return [];
  const rows: MistakeRow[] = [];
  let inTable = false;
  for (let i = heading + 1; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (/^#+ /.test(l) || (inTable && !l.startsWith('|'))) break;
    if (!l.startsWith('|')) continue;
    if (!inTable) {
      inTable = true; // the header line; the separator line follows
      i++;
      continue;
    }
    const c = cells(l);
    rows.push({ mistake: c[0] ?? '', caughtBy: c[c.length - 1] ?? '', line: i + 1 });
  }
  return rows;
}

/** The test ids (or `<prefix>*` groups) a "caught by" cell names in backticks. */
export function namedTests(caughtBy: string): string[] {
  const tokens = [...caughtBy.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
  return tokens.filter((t) => /^lab\d+[a-z]?\.[a-z0-9.*-]+$/.test(t));
}

/** Does a token of a "caught by" cell name test `id`? */
export function covers(token: string, id: string): boolean {
  return token === id || (token.endsWith('*') && id.startsWith(token.slice(0, -1)));
}

/** Is `id` named in a "caught by" cell? */
export function names(caughtBy: string, id: string): boolean {
  return namedTests(caughtBy).some((t) => covers(t, id));
}
