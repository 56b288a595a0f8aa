// Splices one student file: finds the submission's marked regions, checks that they are the kit's
// (same parts, same order; a BEGIN line's hint is not compared: it differs between make-labs --hints
// levels, and the kit's BEGIN line is the one graded), and returns the kit's file with the submission's
// region bodies in place, the regions' lines in the result, a map back to the student's lines, and what
// else was changed.
import { scanRegions, splitLines } from '../tools/makelabs/markers.js';
import { type SealProblem, STUDENT_PREFIX } from './model.js';
import type { RegionSpan } from './static-check.js';

export type SpliceResult =
  | {
      ok: true;
      text: string;
      /** The regions in `text` (1-based marker lines). */
      regions: RegionSpan[];
      /** A line of `text` → the student's line (region bodies map exactly; other lines to their BEGIN). */
      lineOf: (line: number) => number;
      /** What differs outside the regions (ignored: the kit's text is graded), if anything. */
      outside?: string;
    }
  | { ok: false; problems: SealProblem[] };

const STUBBED = "this file's regions are graded as their stubs until this is fixed";

/** `kit` are the skeleton's regions (1-based marker lines), sorted by line. */
export function spliceFile(
  file: string,
  skeleton: string,
  kit: readonly RegionSpan[],
  submission: string,
  knownIds: ReadonlySet<string>,
): SpliceResult {
  const label = `${STUDENT_PREFIX}${file}`;
  const scan = scanRegions(file, submission, knownIds, { lenient: true, submission: true });
  if (scan.problems.length > 0) {
    return {
      ok: false,
      problems: scan.problems.map((p) => ({
        file: label,
        line: p.line,
        rule: 'markers',
        message: `${p.message}: ${STUBBED}`,
      })),
    };
  }
  const theirs = scan.regions.map((r) => ({ part: r.part, begin: r.begin + 1, end: r.end + 1 }));
  const mismatch = compareRegions(kit, theirs);
  if (mismatch !== undefined) {
    return {
      ok: false,
      problems: [
        { file: label, line: mismatch.line, rule: 'markers', message: `${mismatch.message}: ${STUBBED}` },
      ],
    };
  }
  return splice(skeleton, kit, splitLines(submission), theirs);
}

function compareRegions(
  kit: readonly RegionSpan[],
  theirs: readonly RegionSpan[],
): { line: number; message: string } | undefined {
  for (let i = 0; i < Math.max(kit.length, theirs.length); i++) {
    const k = kit[i];
    const t = theirs[i];
    if (k !== undefined && t !== undefined && k.part === t.part) continue;
    const nth = `region ${i + 1} of ${kit.length} in the kit's file`;
    if (t === undefined || (k !== undefined && !theirs.some((r) => r.part === k.part))) {
      return {
        line: t?.begin ?? theirs.at(-1)?.end ?? 0,
        message: `region ${k?.part} (${nth}, its BEGIN at the kit's line ${k?.begin}) is missing: its markers were deleted or edited`,
      };
    }
    if (k === undefined) {
      return {
        line: t.begin,
        message: `region ${t.part} is not a region of the kit's file (it has ${kit.length}): remove these markers`,
      };
    }
    return {
      line: t.begin,
      message: `expected region ${k.part} here (${nth}), found ${t.part}: regions keep the kit's markers, in the kit's order`,
    };
  }
  return undefined;
}

function splice(
  skeleton: string,
  kit: readonly RegionSpan[],
  sub: readonly string[],
  theirs: readonly RegionSpan[],
): SpliceResult {
  const skel = splitLines(skeleton);
  const out: string[] = [];
  const regions: RegionSpan[] = [];
  /** Per region: first graded body line, first student body line, body length. */
  const maps: { graded: number; student: number; length: number; begin: number }[] = [];
  let next = 0; // 0-based index into skel
  let differs: number | undefined;
  let prevSub = 0; // 0-based index into sub of the next framework line
  kit.forEach((k, i) => {
    const t = theirs[i] as RegionSpan;
    const segment = skel.slice(next, k.begin);
    // The segments end on the BEGIN lines, whose parts compareRegions matched: the rest of a BEGIN line
    // is the hint, which differs between hint levels (make-labs --hints) and is never graded (the
    // kit's line is), so it is not compared.
    differs ??= firstDifference(segment.slice(0, -1), sub.slice(prevSub, t.begin - 1), prevSub);
    out.push(...segment);
    const body = sub.slice(t.begin, t.end - 1);
    maps.push({ graded: out.length + 1, student: t.begin + 1, length: body.length, begin: t.begin });
    const begin = out.length;
    out.push(...body);
    regions.push({ part: k.part, begin, end: out.length + 1 });
    next = k.end - 1;
    prevSub = t.end - 1;
  });
  differs ??= firstDifference(skel.slice(next), sub.slice(prevSub), prevSub);
  out.push(...skel.slice(next));
  const lineOf = (line: number): number => {
    for (const m of maps) {
      if (line >= m.graded && line < m.graded + m.length) return m.student + (line - m.graded);
    }
    return [...maps].reverse().find((m) => line >= m.graded)?.begin ?? 1;
  };
  const outside =
    differs === undefined
      ? undefined
      : `differs from the kit's file outside the marked regions (first at line ${differs})`;
  return { ok: true, text: out.join('\n'), regions, lineOf, ...(outside === undefined ? {} : { outside }) };
}

/**
 * The import of LabTodo that make-labs adds to a file whose regions it stubs: a tree with regions
 * solved (the kit's solutions/, a make-labs --solved tree) may lack it, which is no change of the student's.
 */
const GENERATED_IMPORT = /^import \{ LabTodo \} from '(\.\.?\/)+labtodo\.js';\r?$/;

/** The 1-based student line where two framework segments first differ, if they do (the generated import aside). */
function firstDifference(
  kit: readonly string[],
  theirs: readonly string[],
  offset: number,
): number | undefined {
  const a = kit.filter((l) => !GENERATED_IMPORT.test(l));
  const at = theirs.flatMap((l, i) => (GENERATED_IMPORT.test(l) ? [] : [i]));
  const n = Math.max(a.length, at.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== (at[i] === undefined ? undefined : theirs[at[i]!])) {
      const j = at[Math.min(i, at.length - 1)] ?? 0;
      return offset + j + 1;
    }
  }
  return undefined;
}
