// The generator proper: reads solutions/, validates every marked region, and returns the complete
// student tree (or a partly solved one) as an in-memory, path-sorted file map plus its manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean } from '../../cli/usage.js';
import { LABS, type LabInfo } from '../../registry.js';
import { MarkerError, type MarkerProblem, SourceTreeError, UsageError } from './errors.js';
import {
  buildManifest,
  buildReadme,
  MANIFEST_FILE,
  type Manifest,
  manifestJson,
  README_FILE,
} from './manifest.js';
import { HELPERS, type Region, scanRegions } from './markers.js';
import { HINT_LEVELS, type HintLevel, type PlacedRegion, renderFile } from './stub.js';
import { byPath, isDirectory, listFiles } from './walk.js';

export interface GenerateOptions {
  /** The reference tree to read (the repo's solutions/). */
  solutionsDir: string;
  /** Part ids whose reference code is kept; every other region becomes a stub. Default: none. */
  solved?: readonly string[];
  /** The lab registry; defaults to grader/registry.ts. */
  labs?: readonly LabInfo[];
  /**
   * How much the stubs' hints give away: `full` (default: the BEGIN line's hint, what labs/ holds),
   * `brief` (each region's `// brief:` lines: the rule in words) or `none` (`// BEGIN <part>` only).
   */
  hints?: HintLevel;
}

export interface GeneratedTree {
  /** Relative path → content, sorted by path. Includes MANIFEST.json and README.md. */
  files: ReadonlyMap<string, Buffer>;
  manifest: Manifest;
  /** Regions as placed in the generated files, by file (sorted). */
  regions: ReadonlyMap<string, readonly PlacedRegion[]>;
}

/** The marker file of `LabTodo`, relative to solutions/. */
export const LABTODO_FILE = 'labtodo.ts';

export function partIds(labs: readonly LabInfo[]): string[] {
  return labs.flatMap((l) => l.parts.map((p) => p.id));
}

/**
 * Expands a `--solved` list: each item a part id ('lab1a'), a lab id ('lab1', all its parts) or
 * 'all'. Returns part ids in registry order, without duplicates.
 */
export function expandSolved(spec: string, labs: readonly LabInfo[] = LABS): string[] {
  const wanted = new Set<string>();
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError('--solved needs a comma-separated list of labs or parts');
  for (const item of items) {
    const lab = labs.find((l) => l.id === item);
    if (item === 'all') {
      for (const id of partIds(labs)) wanted.add(id);
    } else if (lab) {
      for (const p of lab.parts) wanted.add(p.id);
    } else if (partIds(labs).includes(item)) {
      wanted.add(item);
    } else {
      const known = [...labs.map((l) => l.id), ...partIds(labs)].join(', ');
      throw new UsageError(`--solved: unknown lab or part '${item}' (known: all, ${known})`);
    }
  }
  return partIds(labs).filter((id) => wanted.has(id));
}

/** Parses a `--hints` value; UsageError names the levels. */
export function parseHintLevel(value: string): HintLevel {
  const level = HINT_LEVELS.find((l) => l === value);
  if (level === undefined) {
    throw new UsageError(
      `--hints: unknown level '${value}'${didYouMean(value, HINT_LEVELS)} (known: ${HINT_LEVELS.join(', ')})`,
    );
  }
  return level;
}

/** At `--hints brief` every part's region needs a brief hint. */
function briefRule(file: string, regions: readonly Region[], level: HintLevel): MarkerProblem[] {
  if (level !== 'brief') return [];
  return regions
    .filter((r) => r.part !== HELPERS && r.brief === '')
    .map((r) => ({
      file,
      line: r.begin + 2,
      message:
        `region ${r.part} has no brief hint (needed by --hints brief): add \`// brief: <the rule in words>\` ` +
        'lines right after its BEGIN',
    }));
}

/** A file with parts' regions has exactly one helpers region (the student's place for module-level code). */
function helpersRule(file: string, regions: readonly Region[]): MarkerProblem[] {
  const parts = regions.filter((r) => r.part !== HELPERS);
  const helpers = regions.find((r) => r.part === HELPERS);
  if (parts.length > 0 && helpers === undefined) {
    const message =
      `file has marked regions but no ${HELPERS} region: add \`// BEGIN ${HELPERS}: <hint>\` and ` +
      `\`// END ${HELPERS}\` at module level (after the imports), with nothing between them`;
    return [{ file, line: (parts[0]?.begin ?? 0) + 1, message }];
  }
  if (parts.length === 0 && helpers !== undefined) {
    return [
      { file, line: helpers.begin + 1, message: `a ${HELPERS} region in a file without parts' regions` },
    ];
  }
  return [];
}

/** Builds the tree in memory; throws MarkerError listing every marker problem in solutions/. */
export function generate(options: GenerateOptions): GeneratedTree {
  const labs = options.labs ?? LABS;
  const known = new Set(partIds(labs));
  const level = options.hints ?? 'full';
  const solved = [...(options.solved ?? [])];
  for (const id of solved) {
    if (!known.has(id)) throw new UsageError(`unknown part '${id}' in solved parts`);
  }
  const solvedSet = new Set(solved);
  const ordered = partIds(labs).filter((id) => solvedSet.has(id));

  if (!isDirectory(options.solutionsDir)) {
    throw new SourceTreeError(`no solutions folder at ${options.solutionsDir}`);
  }
  const sources = listFiles(options.solutionsDir);
  for (const reserved of [MANIFEST_FILE, README_FILE]) {
    if (sources.includes(reserved)) {
      throw new SourceTreeError(`solutions/${reserved} collides with the generated labs/${reserved}`);
    }
  }

  const files = new Map<string, Buffer>();
  const regions = new Map<string, PlacedRegion[]>();
  const problems: MarkerProblem[] = [];
  for (const file of sources) {
    const bytes = readFileSync(join(options.solutionsDir, file));
    if (!file.endsWith('.ts')) {
      files.set(file, bytes);
      continue;
    }
    const text = bytes.toString('utf8');
    const scan = scanRegions(file, text, known);
    problems.push(
      ...scan.problems,
      ...helpersRule(file, scan.regions),
      ...briefRule(file, scan.regions, level),
    );
    if (scan.regions.length === 0) {
      files.set(file, bytes);
      continue;
    }
    const rendered = renderFile(file, text, scan.regions, solvedSet, level);
    files.set(file, Buffer.from(rendered.text, 'utf8'));
    regions.set(file, rendered.regions);
  }
  if (problems.length > 0) throw new MarkerError(problems);
  const stubbedSomewhere = [...regions.values()].some((rs) => rs.some((r) => !r.solved));
  if (stubbedSomewhere && !sources.includes(LABTODO_FILE)) {
    throw new SourceTreeError(`solutions/${LABTODO_FILE} is missing, but the stubs import LabTodo from it`);
  }

  const manifest = buildManifest(labs, regions, ordered);
  if (level !== 'full') manifest.command += ` --hints ${level}`;
  files.set(MANIFEST_FILE, Buffer.from(manifestJson(manifest), 'utf8'));
  files.set(README_FILE, Buffer.from(buildReadme(labs, manifest), 'utf8'));
  const sorted = new Map([...files.entries()].sort(([a], [b]) => byPath(a, b)));
  return { files: sorted, manifest, regions };
}
