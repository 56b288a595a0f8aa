// Host side: the graded tree's paths in a message, as the student's. A worker names a frame of the
// code under test by its path in the run's graded tree (a private, sealed copy); the report shows it as
// the target's own file and line: `labs/raft/raft.ts:123`, or `<--target>/raft/raft.ts:123`. A sealed
// tree's regions hold the submission's bodies, but its other lines are the kit's skeleton's, so lines
// are mapped region by region (bodies line for line, the framework between them by its offset).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf, readEntry } from '../../seal/submission.js';
import { scanRegions } from '../../tools/makelabs/markers.js';
import { listFiles } from '../../tools/makelabs/walk.js';

/** Rewrites every graded-tree path in a message. */
export type PathMapper = (text: string) => string;

/** A line of the graded file (1-based) → the line of the target's file. */
type LineMap = (line: number) => number;

interface Span {
  /** 0-based indexes of the BEGIN and END marker lines. */
  begin: number;
  end: number;
}

function regionsOf(file: string, text: string): { part: string; span: Span }[] {
  const { regions } = scanRegions(file, text, new Set(), { lenient: true, submission: true });
  return regions.map((r) => ({ part: r.part, span: { begin: r.begin, end: r.end } }));
}

/**
 * Matches the regions of the two texts in order (same parts, else no map: the lines are the kit's).
 * A line in a region body keeps its offset in the body (clamped to the target's body); a line before a
 * region keeps its offset from that region's BEGIN marker, a line after the last from its END marker.
 */
export function lineMap(file: string, graded: string, target: string): LineMap | undefined {
  const g = regionsOf(file, graded);
  const t = regionsOf(file, target);
  if (g.length === 0 || g.length !== t.length || g.some((r, i) => r.part !== t[i]?.part)) return undefined;
  return (line: number): number => {
    const i0 = line - 1;
    let shift = 0; // target index − graded index for the framework lines before the next region
    for (const [i, r] of g.entries()) {
      const s = (t[i] as { span: Span }).span;
      if (i0 <= r.span.begin) return i0 + (s.begin - r.span.begin) + 1;
      if (i0 < r.span.end)
        return Math.min(s.begin + (i0 - r.span.begin), Math.max(s.begin + 1, s.end - 1)) + 1;
      shift = s.end - r.span.end;
    }
    return i0 + shift + 1;
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The mapper of one run: `tree` is the folder `@target` pointed at, `targetArg` how the user named the
 * target, and `sealedFrom` the target's folder when `tree` is a sealed copy of it (else the lines are
 * the target's own). Reads the files now: the run's folder is removed before the report is built.
 */
export function treePathMapper(tree: string, targetArg: string, sealedFrom?: string): PathMapper {
  const maps = new Map<string, LineMap>();
  const targetDir = sealedFrom;
  if (targetDir !== undefined) {
    for (const rel of listFiles(tree).filter((f) => f.endsWith('.ts'))) {
      // the submission's file as the seal reads it: a regular file of bounded size, links not followed
      const kind = kindOf(targetDir, rel);
      const theirs = kind === undefined ? undefined : readEntry(targetDir, rel, kind);
      if (theirs === undefined || !theirs.ok) continue;
      const m = lineMap(rel, readFileSync(join(tree, rel), 'utf8'), theirs.bytes.toString('utf8'));
      if (m !== undefined) maps.set(rel, m);
    }
  }
  const re = new RegExp(`(?:file://)?${escapeRe(tree)}/([^\\s():'"\`]+?):(\\d+)`, 'g');
  return (text) =>
    text.replace(re, (_, rel: string, line: string) => {
      const mapped = maps.get(rel)?.(Number(line)) ?? Number(line);
      return `${join(targetArg, rel)}:${mapped}`;
    });
}
