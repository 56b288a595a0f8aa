// buildGradedTree: the tree that is graded for a submission. It is the kit's pristine skeleton
// (kitRoot/labs, another folder, or one generated in memory) with only the bodies of the submission's
// marked regions spliced in (as listed in the skeleton's MANIFEST.json), each student file only if its
// markers are the kit's and its region code passes the static check; every other change of the
// submission is ignored and listed. Knows no lab.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HELPERS, scanRegions, splitLines } from '../tools/makelabs/markers.js';
import { OUT_TSCONFIG } from '../tools/makelabs/output.js';
import { byPath, isDirectory, listFiles } from '../tools/makelabs/walk.js';
import { treeImportPolicy } from './imports.js';
import { type GradedTree, type IgnoredChange, type SealProblem, SealError, STUDENT_PREFIX } from './model.js';
import { checkModule, type RegionSpan } from './static-check.js';
import { spliceFile } from './splice.js';
import { kindOf, listSubmission, MAX_FILE_BYTES, readEntry } from './submission.js';

export type { GradedTree, IgnoredChange, SealProblem, SealRule } from './model.js';
export { formatSealProblem, SealError } from './model.js';

/** A skeleton in memory: tree-relative path → content (e.g. the `files` of make-labs' `generate`). */
export type SkeletonFiles = ReadonlyMap<string, Buffer>;

export interface BuildOptions {
  /** The kit's repository root: by default its labs/ is the pristine skeleton, labs/MANIFEST.json the regions. */
  kitRoot: string;
  /**
   * The pristine skeleton to use instead of kitRoot/labs: a folder (e.g. an exported kit's
   * grader/skeleton/), or the files of a fresh `generate` (a checkout's labs/ may hold a student's work).
   */
  skeleton?: string | SkeletonFiles;
  /** The submission folder (laid out like labs/). */
  submission: string;
  /** Where to write the graded tree: a folder that does not exist yet, or an empty one. */
  out: string;
}

/** At most this many ignored changes are listed; one more entry says how many were left out. */
export const MAX_IGNORED = 200;

interface Kit {
  /** Tree-relative path → content, sorted by path. */
  files: SkeletonFiles;
  /** Student file → its regions (1-based marker lines in the skeleton), sorted. */
  regions: Map<string, RegionSpan[]>;
  partIds: Set<string>;
}

export async function buildGradedTree(o: BuildOptions): Promise<GradedTree> {
  const kit = loadKit(o.skeleton ?? join(o.kitRoot, 'labs'), o.skeleton === undefined);
  if (!isDirectory(o.submission)) throw new SealError(`the submission ${o.submission} is not a folder`);
  prepareOut(o.out);
  const listing = listSubmission(o.submission);
  const ignored: IgnoredChange[] = [];
  const problems: SealProblem[] = [];
  const graded: string[] = [];
  const texts = new Map<string, string>();
  for (const [file, bytes] of kit.files) {
    if (file.endsWith('.ts')) texts.set(file, bytes.toString('utf8'));
    writeOut(o.out, file, bytes);
  }
  const policy = treeImportPolicy(texts);
  for (const [file, bytes] of kit.files) {
    const regions = kit.regions.get(file);
    if (regions === undefined) {
      const change = compareFramework(o.submission, file, bytes);
      if (change !== undefined) ignored.push(change);
      continue;
    }
    const r = gradeStudentFile(o.submission, file, texts.get(file) ?? '', regions, kit, policy);
    problems.push(...r.problems);
    if (r.ignored !== undefined) ignored.push(r.ignored);
    if (r.text !== undefined) {
      writeOut(o.out, file, Buffer.from(r.text, 'utf8'));
      graded.push(file);
    }
  }
  const known = new Set(kit.files.keys());
  for (const [path] of listing.entries) {
    // a make-labs --out tree's tsconfig.json is the kit's, for the student's editor: no change of theirs
    if (!known.has(path) && path !== OUT_TSCONFIG)
      ignored.push({ file: path, change: 'added', detail: 'not in the kit: not graded' });
  }
  if (listing.truncated) {
    ignored.push({
      file: '.',
      change: 'added',
      detail: 'more files than were listed (the submission is very large)',
    });
  }
  return { ignored: capIgnored(ignored), problems, graded };
}

function capIgnored(all: IgnoredChange[]): IgnoredChange[] {
  if (all.length <= MAX_IGNORED) return all;
  const rest = all.length - MAX_IGNORED;
  return [
    ...all.slice(0, MAX_IGNORED),
    { file: '.', change: 'added', detail: `and ${rest} more changes, not listed` },
  ];
}

interface ManifestShape {
  parts?: { id?: unknown; regions?: { file?: unknown; begin?: unknown; end?: unknown }[] }[];
  helpers?: { file?: unknown; begin?: unknown; end?: unknown }[];
}

/** The skeleton's files, and how its messages name it and tell how to renew it. */
function readSkeleton(
  source: string | SkeletonFiles,
  isLabs: boolean,
): { files: SkeletonFiles; where: string; regen: string } {
  if (typeof source !== 'string') {
    const files = new Map([...source].sort(([a], [b]) => byPath(a, b)));
    return {
      files,
      where: 'generated skeleton',
      regen: 'the generator wrote a skeleton it cannot read back',
    };
  }
  const files = new Map(listFiles(source).map((f) => [f, readFileSync(join(source, f))] as const));
  const regen = isLabs
    ? 'labs/ must be the pristine skeleton: regenerate it with `npx raftlab make-labs --force`'
    : `${source} must be a pristine skeleton, as \`npx raftlab make-labs\` writes it`;
  return { files, where: isLabs ? 'labs' : source, regen };
}

/** Reads the skeleton's MANIFEST.json and checks that the skeleton is the pristine one it describes. */
function loadKit(source: string | SkeletonFiles, isLabs: boolean): Kit {
  const { files, where, regen } = readSkeleton(source, isLabs);
  let manifest: ManifestShape;
  try {
    manifest = JSON.parse(files.get('MANIFEST.json')?.toString('utf8') ?? '') as ManifestShape;
  } catch (e) {
    throw new SealError(`cannot read the kit's ${where}/MANIFEST.json; ${regen}: ${String(e)}`);
  }
  const regions = new Map<string, RegionSpan[]>();
  const add = (part: string, r: { file?: unknown; begin?: unknown; end?: unknown }): void => {
    if (typeof r.file !== 'string' || typeof r.begin !== 'number' || typeof r.end !== 'number') {
      throw new SealError(`the kit's ${where}/MANIFEST.json has a malformed region of ${part}`);
    }
    regions.set(r.file, [...(regions.get(r.file) ?? []), { part, begin: r.begin, end: r.end }]);
  };
  const partIds = new Set<string>();
  for (const p of manifest.parts ?? []) {
    if (typeof p.id !== 'string')
      throw new SealError(`the kit's ${where}/MANIFEST.json has a part without an id`);
    partIds.add(p.id);
    for (const r of p.regions ?? []) add(p.id, r);
  }
  for (const h of manifest.helpers ?? []) add(HELPERS, h);
  for (const [file, rs] of regions) {
    rs.sort((a, b) => a.begin - b.begin);
    const text = files.get(file)?.toString('utf8');
    if (text === undefined) throw new SealError(`the kit's ${where}/${file} is missing; ${regen}`);
    const wrong = pristineProblem(file, text, rs);
    if (wrong !== undefined) throw new SealError(`the kit's ${where}/${wrong}; ${regen}`);
  }
  return { files, regions, partIds };
}

/**
 * What keeps one skeleton file from being pristine, if anything: its markers are where the manifest
 * says, and every body is a stub (helpers: empty).
 */
function pristineProblem(file: string, text: string, expected: readonly RegionSpan[]): string | undefined {
  const lines = splitLines(text);
  const found = scanRegions(file, text, new Set(), { lenient: true, submission: true }).regions;
  const same =
    found.length === expected.length &&
    found.every(
      (r, i) =>
        r.part === expected[i]?.part && r.begin + 1 === expected[i]?.begin && r.end + 1 === expected[i]?.end,
    );
  if (!same) return `${file} does not match its MANIFEST.json`;
  for (const r of found) {
    const body = lines.slice(r.begin + 1, r.end).filter((l) => l.trim() !== '');
    const stub =
      r.part === HELPERS
        ? body.every((l) => l.trim().startsWith('//'))
        : body.length === 1 && (body[0] ?? '').trim().startsWith('throw new LabTodo(');
    if (!stub) return `${file}:${r.begin + 2}: region ${r.part} is not a stub`;
  }
  return undefined;
}

function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new SealError(`the graded tree's folder ${out} is not empty`);
  }
  mkdirSync(out, { recursive: true });
}

function writeOut(out: string, file: string, bytes: Buffer): void {
  const abs = join(out, file);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, bytes);
}

/** Files make-labs writes into a tree beside the code (labs/MANIFEST.json, labs/README.md). */
const GENERATED_FILES: ReadonlySet<string> = new Set(['MANIFEST.json', 'README.md']);

/** A framework file (no regions): the kit's copy is graded; what the submission did with it is listed. */
function compareFramework(root: string, file: string, kit: Buffer): IgnoredChange | undefined {
  // make-labs' generated files are not the student's: a tree without them (solutions/) or with its own
  // (a make-labs --out, --solved or --hints tree) changed nothing. The kit's copy is in the graded tree.
  if (GENERATED_FILES.has(file)) return undefined;
  const kind = kindOf(root, file);
  if (kind === undefined)
    return { file, change: 'deleted', detail: "missing from the submission: the kit's file is graded" };
  const read = readEntry(root, file, kind);
  if (!read.ok) {
    const what =
      read.why === 'symlink'
        ? 'a symbolic link (not followed)'
        : read.why === 'too-large'
          ? `over ${MAX_FILE_BYTES} bytes`
          : 'not a regular file';
    return { file, change: 'modified', detail: `${what}: the kit's file is graded` };
  }
  if (read.bytes.equals(kit)) return undefined;
  const a = splitLines(kit.toString('utf8'));
  const b = splitLines(read.bytes.toString('utf8'));
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return {
    file,
    change: 'modified',
    detail: `differs from the kit's file from line ${i + 1}: the kit's file is graded`,
  };
}

interface StudentResult {
  problems: SealProblem[];
  ignored?: IgnoredChange;
  /** The graded text, when the submission's regions are taken. */
  text?: string;
}

function gradeStudentFile(
  root: string,
  file: string,
  skeleton: string,
  regions: readonly RegionSpan[],
  kit: Kit,
  policy: ReturnType<typeof treeImportPolicy>,
): StudentResult {
  const label = `${STUDENT_PREFIX}${file}`;
  const stubs = 'its regions are graded as their stubs';
  const kind = kindOf(root, file);
  if (kind === undefined) {
    const nested =
      kindOf(root, `labs/${file}`) !== undefined
        ? ' (the submission looks like a whole checkout: grade its labs/ folder)'
        : '';
    return {
      problems: [
        {
          file: label,
          line: 0,
          rule: 'missing-file',
          message: `missing from the submission${nested}: ${stubs}`,
        },
      ],
    };
  }
  const read = readEntry(root, file, kind);
  if (!read.ok) {
    const rule = read.why === 'too-large' ? 'too-large' : 'not-a-file';
    const what =
      read.why === 'symlink'
        ? 'a symbolic link, which is not followed: submit the file itself'
        : read.why === 'too-large'
          ? `larger than ${MAX_FILE_BYTES} bytes`
          : 'not a regular file';
    return { problems: [{ file: label, line: 0, rule, message: `${what}: ${stubs}` }] };
  }
  const spliced = spliceFile(file, skeleton, regions, read.bytes.toString('utf8'), kit.partIds);
  if (!spliced.ok) return { problems: spliced.problems };
  // The kit's own text (every region still its stub) needs no check.
  const findings =
    spliced.text === skeleton
      ? []
      : checkModule({
          file,
          text: spliced.text,
          regions: spliced.regions,
          helpersId: HELPERS,
          lineOf: spliced.lineOf,
          imports: policy,
        });
  if (findings.length > 0) return { problems: findings };
  const ignored: IgnoredChange | undefined =
    spliced.outside === undefined
      ? undefined
      : { file, change: 'modified', detail: `${spliced.outside}: the kit's text there is graded` };
  return { problems: [], text: spliced.text, ...(ignored === undefined ? {} : { ignored }) };
}
