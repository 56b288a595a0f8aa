// Applies a hostile case's edits to a copy of its base tree: region bodies replaced by marker (robust to
// line moves), plain text replacements, whole files written or deleted, placeholders filled in.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Edit } from './case.js';

/** An edit that no longer fits the tree (a marker or a text it needs is gone): fix the case. */
export class OverlayError extends Error {
  override readonly name = 'OverlayError';
}

export interface OverlayVars {
  kit: string;
  tree: string;
  iters: number;
}

function fill(text: string, vars: OverlayVars, file: string): string {
  const rel = relative(dirname(join(vars.tree, file)), join(vars.kit, 'solutions'));
  return text
    .replaceAll('@@KIT@@', vars.kit)
    .replaceAll('@@TREE@@', vars.tree)
    .replaceAll('@@SOLUTIONS_REL@@', rel.startsWith('.') ? rel : `./${rel}`)
    .replaceAll('@@ITERS@@', String(vars.iters));
}

/** The lines of `src` with the body of the nth `part` region replaced by `body` (indented like its marker). */
export function spliceRegion(src: string, part: string, nth: number, body: string, keep: boolean): string {
  const lines = src.split('\n');
  const begin = new RegExp(`^(\\s*)// BEGIN ${part}(?::|\\s*$)`);
  const end = new RegExp(`^\\s*// END ${part}\\s*$`);
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = begin.exec(lines[i] ?? '');
    if (m === null || ++seen !== nth) continue;
    const close = lines.findIndex((l, k) => k > i && end.test(l));
    if (close < 0) throw new OverlayError(`region ${part} #${nth} has no END marker`);
    const indent = m[1] ?? '';
    const added = body
      .replace(/^\n+|\n+$/g, '')
      .split('\n')
      .map((l) => (l === '' ? l : `${indent}${l}`));
    const kept = keep ? lines.slice(i + 1, close) : [];
    return [...lines.slice(0, i + 1), ...added, ...kept, ...lines.slice(close)].join('\n');
  }
  throw new OverlayError(`no region ${part} #${nth}`);
}

function applyOne(tree: string, e: Edit, vars: OverlayVars): void {
  const path = join(tree, e.file);
  if (e.kind === 'delete') {
    rmSync(path, { force: true });
    return;
  }
  if (e.kind === 'symlink') {
    rmSync(path, { recursive: true, force: true });
    symlinkSync(fill(e.to, vars, e.file), path);
    return;
  }
  if (e.kind === 'write') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fill(e.text, vars, e.file));
    return;
  }
  const src = readFileSync(path, 'utf8');
  if (e.kind === 'crlf') {
    writeFileSync(path, `\uFEFF${src.replace(/\r?\n/g, '\r\n')}`);
    return;
  }
  if (e.kind === 'region') {
    writeFileSync(path, spliceRegion(src, e.part, e.nth, fill(e.body, vars, e.file), e.keep));
    return;
  }
  if (!src.includes(e.from)) throw new OverlayError(`${e.file} no longer contains ${JSON.stringify(e.from)}`);
  writeFileSync(path, src.replace(e.from, fill(e.to, vars, e.file)));
}

export function applyOverlay(tree: string, edits: readonly Edit[], vars: OverlayVars): void {
  for (const e of edits) {
    try {
      applyOne(tree, e, vars);
    } catch (err) {
      if (err instanceof OverlayError) throw new OverlayError(`${e.file}: ${err.message}`);
      throw err;
    }
  }
}
