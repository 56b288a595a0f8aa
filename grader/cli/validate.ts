// Checks of a command line made before anything runs, each a UsageError (exit 2) that says what is
// wrong and, for a misspelt id, what was probably meant: lab and part words, --tests prefixes (known,
// and inside the selected labs), a replayed test id, a target laid out like labs/, a --json path
// that can be written.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../paths.js';
import { LABS, labOfPart, PART_IDS } from '../registry.js';
import type { LabSelection } from '../runner/host/select.js';
import { loadTestList } from '../runner/host/test-list.js';
import { didYouMean, prefixDistance, UsageError } from './usage.js';

/** `--json -`: the JSON report goes to standard output. */
export const STDOUT = '-';

const LAB_WORDS = ['all', ...LABS.flatMap((l) => [l.id, ...l.parts.map((p) => p.id)])];

/** Every word is `all`, a lab id or a part id. */
export function checkLabWords(command: string, words: readonly string[]): void {
  for (const w of words) {
    if (!LAB_WORDS.includes(w))
      throw new UsageError(
        `${command}: unknown lab or part "${w}"${didYouMean(w, LAB_WORDS)} (known: ${LAB_WORDS.join(', ')})`,
      );
  }
}

/** The ids of the committed test list (grader/tests.json); empty when there is none. */
export function knownTestIds(): string[] {
  return [...loadTestList().values()].flatMap((ts) => ts.flatMap((t) => (t.id !== undefined ? [t.id] : [])));
}

/** Every dot-separated head of the ids: lab1a, lab1a.vote, lab1a.vote.one-per-term, … */
function idHeads(ids: readonly string[]): string[] {
  const heads = new Set<string>();
  for (const id of ids) {
    const parts = id.split('.');
    for (let i = 1; i <= parts.length; i++) heads.add(parts.slice(0, i).join('.'));
  }
  return [...heads];
}

/** What a selection grades, in words: `lab1 (lab1a-lab1d)`, or `lab1a, lab1c`. */
export function describeSelection(sel: LabSelection): string {
  return sel.labs
    .map((lab) => {
      const parts = lab.parts.map((p) => p.id).filter((p) => sel.parts.includes(p));
      if (parts.length === lab.parts.length)
        return parts.length > 1 ? `${lab.id} (${parts[0]}-${parts.at(-1)})` : lab.id;
      return parts.join(', ');
    })
    .join(', ');
}

/** Each --tests prefix names some test, and some test of the selected parts. */
export function checkTestPrefixes(
  prefixes: readonly string[],
  sel: LabSelection,
  ids = knownTestIds(),
): void {
  if (ids.length === 0) return;
  for (const p of prefixes) {
    const matched = ids.filter((id) => id === p || id.startsWith(p));
    if (matched.length === 0)
      throw new UsageError(
        `grade: --tests ${p}: no test id starts with it${didYouMean(p, idHeads(ids), (k) => k, prefixDistance)}`,
      );
    const parts = [...new Set(matched.map((id) => id.split('.')[0] ?? ''))];
    if (!parts.some((q) => sel.parts.includes(q))) {
      const where = parts.map((q) => (labOfPart(q) ? q : `"${q}"`)).join(', ');
      throw new UsageError(
        `grade: --tests ${p}: its tests are in ${where}, outside what is graded (${describeSelection(sel)}); ` +
          `name ${parts.length === 1 ? 'that part' : 'those parts'} instead, or leave the lab out`,
      );
    }
  }
}

/** A replayed id is a test of the committed list. */
export function checkTestId(id: string, ids = knownTestIds()): void {
  if (ids.length === 0 || ids.includes(id)) return;
  throw new UsageError(`replay: no test with id "${id}"${didYouMean(id, ids)} (see npx raftlab list)`);
}

/** The files holding the marked regions of these parts, from labs/MANIFEST.json (none without it). */
function regionFiles(parts: readonly string[], manifest = MANIFEST_FILE): string[] {
  if (!existsSync(manifest)) return [];
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as { parts?: { id: string; files?: string[] }[] };
  const files = (m.parts ?? []).filter((p) => parts.includes(p.id)).flatMap((p) => p.files ?? []);
  return [...new Set(files)];
}

/**
 * The target is laid out like labs/: it holds at least one of the files with the selected parts'
 * regions. (A file missing among others is the seal's business: it is reported and graded as stubs.)
 */
export function checkTargetLayout(
  target: { arg: string; dir: string },
  parts: readonly string[] = PART_IDS,
  manifest = MANIFEST_FILE,
): void {
  const files = regionFiles(parts, manifest);
  if (files.length === 0 || files.some((f) => existsSync(join(target.dir, f)))) return;
  const shown = files.length > 4 ? `${files.slice(0, 4).join(', ')}, …` : files.join(', ');
  const nested = existsSync(join(target.dir, 'labs', files[0] ?? ''))
    ? `; it looks like a checkout of the kit: use --target ${join(target.arg, 'labs')}`
    : '';
  throw new UsageError(
    `target "${target.arg}" is not laid out like labs/: it has none of the files to grade (${shown})${nested}`,
  );
}

/** The --json file can be written: its nearest existing folder is writable, and it is not a folder. */
export function checkJsonPath(file: string | undefined): void {
  if (file === undefined || file === STDOUT) return;
  const abs = resolve(file);
  if (existsSync(abs) && statSync(abs).isDirectory())
    throw new UsageError(`--json ${file}: is a folder; name a file (or - for standard output)`);
  let dir = dirname(abs);
  while (!existsSync(dir)) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new UsageError(`--json ${file}: ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--json ${file}: cannot write in ${dir} (permission denied)`);
  }
}
