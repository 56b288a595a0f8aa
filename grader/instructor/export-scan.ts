// The reference-leak scan of a student kit: every marked region body of solutions/ becomes a set of
// normalized, distinctive lines (whitespace collapsed; lines too short to say anything, such as `}`
// or `return;`, left out, and so are lines that the framework outside the regions or the kit's own
// student-facing grader code also has: those ship in every kit and reveal nothing), and any file of
// the kit holding one of them is a leak. exportKit runs it before it finishes, and the self-test runs
// it over an installed export.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { HELPERS, scanRegions, splitLines } from '../tools/makelabs/markers.js';
import { listFiles } from '../tools/makelabs/walk.js';

/** A normalized line shorter than this says too little to be a fingerprint (`return false;`, `}`). */
export const MIN_FINGERPRINT_CHARS = 24;

export interface Fingerprint {
  /** The normalized line. */
  line: string;
  /** Where the reference has it: `solutions/<file>:<line>` and its part. */
  where: string;
  part: string;
}

export interface Leak {
  /** Kit-relative path and 1-based line of the file holding the reference line. */
  file: string;
  line: number;
  fingerprint: Fingerprint;
}

export function normalize(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/**
 * The distinctive lines of every part region of `kitRoot`/solutions (not of the empty helpers
 * regions). `shared` are kit-relative files shipped as they are (the grader's own code).
 */
export function referenceFingerprints(kitRoot: string, shared: readonly string[] = []): Fingerprint[] {
  const solutionsDir = join(kitRoot, 'solutions');
  const inRegions: Fingerprint[] = [];
  const outside = new Set<string>();
  for (const file of listFiles(solutionsDir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(solutionsDir, file), 'utf8');
    const lines = splitLines(text);
    const regions = scanRegions(file, text, new Set(), { lenient: true }).regions.filter(
      (r) => r.part !== HELPERS,
    );
    const inside = new Set<number>();
    for (const r of regions) {
      for (let i = r.begin + 1; i < r.end; i++) {
        inside.add(i);
        const line = normalize(lines[i] ?? '');
        // A `// brief:` line is the region's brief hint, which a kit exported with --hints brief shows.
        if (line.length >= MIN_FINGERPRINT_CHARS && !line.startsWith('// brief:'))
          inRegions.push({ line, where: `solutions/${file}:${i + 1}`, part: r.part });
      }
    }
    lines.forEach((l, i) => {
      if (!inside.has(i)) outside.add(normalize(l));
    });
  }
  for (const file of shared)
    for (const l of splitLines(readFileSync(join(kitRoot, file), 'utf8'))) outside.add(normalize(l));
  // A line the framework or the grader also has is in every kit anyway: it reveals nothing.
  return inRegions.filter((f) => !outside.has(f.line));
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel))) {
    if (SKIPPED_DIRS.has(name)) continue;
    const child = rel === '' ? name : posix.join(rel, name);
    const st = statSync(join(root, child));
    if (st.isDirectory()) out.push(...walk(root, child));
    else if (st.isFile()) out.push(child.split(sep).join('/'));
  }
  return out;
}

/** Every line of every file under `dir` (node_modules and .git left out) that is a fingerprint. */
export function scanForReference(dir: string, fingerprints: readonly Fingerprint[]): Leak[] {
  const byLine = new Map<string, Fingerprint>();
  for (const f of fingerprints) if (!byLine.has(f.line)) byLine.set(f.line, f);
  const leaks: Leak[] = [];
  for (const file of walk(dir)) {
    const bytes = readFileSync(join(dir, file));
    if (bytes.includes(0)) continue; // binary
    splitLines(bytes.toString('utf8')).forEach((l, i) => {
      const hit = byLine.get(normalize(l));
      if (hit !== undefined) leaks.push({ file, line: i + 1, fingerprint: hit });
    });
  }
  return leaks;
}

export function formatLeak(l: Leak): string {
  return `${l.file}:${l.line} holds a line of ${l.fingerprint.part}'s reference (${l.fingerprint.where}): ${l.fingerprint.line}`;
}
