// The one usage error of every command (a wrong command line, an unknown id, a target that cannot be
// graded: exit code 2), and "did you mean" suggestions by edit distance for unknown words.

/** The command line is wrong; the message says how (and, when it can, what was probably meant). */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Levenshtein distance between two strings (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The known words closest to `word` (at most `max`, nearest first), within a third of its length (at least 2 edits). */
export function closest(
  word: string,
  known: readonly string[],
  max = 3,
  distance: (word: string, known: string) => number = editDistance,
): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  return [...new Set(known)]
    .filter((k) => k !== word)
    .map((k) => ({ k, d: distance(word.toLowerCase(), k.toLowerCase()) }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, max)
    .map((s) => s.k);
}

/** For a prefix: a known word counts by its start, as long as the prefix (`lab1a.vot` is near `lab1a.vote.x`). */
export function prefixDistance(prefix: string, known: string): number {
  return Math.min(editDistance(prefix, known), editDistance(prefix, known.slice(0, prefix.length)));
}

/** ` (did you mean a or b?)`, or '' when nothing is close. */
export function didYouMean(
  word: string,
  known: readonly string[],
  show: (k: string) => string = (k) => k,
  distance: (word: string, known: string) => number = editDistance,
): string {
  const near = closest(word, known, 3, distance);
  if (near.length === 0) return '';
  const shown = near.map(show);
  const last = shown.pop() as string;
  return ` (did you mean ${shown.length > 0 ? `${shown.join(', ')} or ${last}` : last}?)`;
}
