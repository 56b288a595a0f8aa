// Applies a mistake's edits to the text of a file: each edit's `find` must occur exactly once inside
// the marked regions of its part (`// BEGIN <part>` … `// END <part>`), so an edit survives unrelated
// lines moving and fails loudly when the region it targets has changed.
import type { MistakeEdit } from './mistake.js';

/** An edit no longer fits the code it targets. */
export class EditError extends Error {
  override readonly name = 'EditError';
}

/** [start, end) character spans of the bodies of `part`'s regions in `text`. */
export function regionSpans(text: string, part: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const begin = new RegExp(`^[ \\t]*// BEGIN ${part}\\b.*$`, 'gm');
  const end = new RegExp(`^[ \\t]*// END ${part}[ \\t]*$`, 'gm');
  for (const b of text.matchAll(begin)) {
    const from = (b.index ?? 0) + b[0].length + 1;
    end.lastIndex = from;
    const e = end.exec(text);
    if (e === null) throw new EditError(`// BEGIN ${part} at offset ${b.index} has no // END ${part}`);
    spans.push([from, e.index]);
  }
  return spans;
}

function occurrences(text: string, find: string, [from, to]: [number, number]): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(find, from); i !== -1 && i + find.length <= to; i = text.indexOf(find, i + 1)) {
    at.push(i);
  }
  return at;
}

/** `text` with one edit applied; EditError when `find` is not exactly once in the part's regions. */
export function applyEdit(text: string, edit: MistakeEdit): string {
  const spans = regionSpans(text, edit.part);
  if (spans.length === 0) throw new EditError(`${edit.file} has no ${edit.part} region`);
  const at = spans.flatMap((s) => occurrences(text, edit.find, s));
  if (at.length !== 1) {
    const where = at.length === 0 ? 'is not' : `is ${at.length} times`;
    throw new EditError(`${edit.file}: ${JSON.stringify(edit.find)} ${where} in its ${edit.part} regions`);
  }
  const i = at[0] as number;
  return text.slice(0, i) + edit.replace + text.slice(i + edit.find.length);
}

/** The new text of every file the edits touch, given a reader of the original files. */
export function applyEdits(
  edits: readonly MistakeEdit[],
  read: (file: string) => string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of edits) out.set(e.file, applyEdit(out.get(e.file) ?? read(e.file), e));
  return out;
}
