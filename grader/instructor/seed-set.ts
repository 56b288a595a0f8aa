// Instructor seed sets (`raftlab grade --seed-set FILE`): hidden seeds, so that a student cannot pass
// by tuning to the seeds they can run. A set is a JSON file with a name and seeds, for every lab or per
// lab (format in docs/instructors.md). Grading with one runs each group of labs that share a seed list
// and merges the reports; the report records the set's name and a digest (a salted SHA-256 of its
// content) and, in the instructor's JSON, the seeds. studentView() is what a student may see: no seed,
// no replay command with a hidden seed. No student kit contains a seed set.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LABS } from '../registry.js';
import { buildReport, type Report, type SeedSetRecord, type TestReport } from '../report/model.js';
import type { GradeOptions } from '../runner/host/options.js';

/** The seed set file cannot be used; the message says what is wrong with it. */
export type { SeedSetRecord } from '../report/model.js';

export class SeedSetError extends Error {
  override readonly name = 'SeedSetError';
}

export interface SeedSet {
  /** Shown in reports and in failure messages ("seed from instructor set <name>"). */
  name: string;
  /** Seeds of every lab without a list of its own. */
  seeds?: number[];
  /** Seeds per lab id. */
  labs?: Record<string, number[]>;
  /** Any text: it makes the digest unguessable from the seeds alone. */
  salt?: string;
}

/** The most seeds one lab may have in a set (each seed runs every seeded test once). */
export const MAX_SET_SEEDS = 1000;

function seedList(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new SeedSetError(`${where} must be a non-empty array of seeds`);
  if (v.length > MAX_SET_SEEDS)
    throw new SeedSetError(`${where} has ${v.length} seeds, at most ${MAX_SET_SEEDS}`);
  for (const s of v) {
    if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0)
      throw new SeedSetError(`${where} holds ${JSON.stringify(s)}: seeds are integers from 0 to 2^53-1`);
  }
  return [...new Set(v as number[])];
}

/** Checks a parsed seed set; `source` names it in messages. */
export function parseSeedSet(value: unknown, source: string): SeedSet {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SeedSetError(`${source}: a seed set is a JSON object {"name", "seeds" and/or "labs"}`);
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['name', 'seeds', 'labs', 'salt'].includes(k));
  if (unknown.length > 0) throw new SeedSetError(`${source}: unknown field(s) ${unknown.join(', ')}`);
  if (typeof o['name'] !== 'string' || !/^[\w.-]{1,64}$/.test(o['name']))
    throw new SeedSetError(`${source}: "name" must be 1-64 letters, digits, '.', '-' or '_'`);
  if (o['salt'] !== undefined && typeof o['salt'] !== 'string')
    throw new SeedSetError(`${source}: "salt" must be a string`);
  const set: SeedSet = { name: o['name'] };
  if (o['salt'] !== undefined) set.salt = o['salt'] as string;
  if (o['seeds'] !== undefined) set.seeds = seedList(o['seeds'], `${source}: "seeds"`);
  if (o['labs'] !== undefined) {
    const labs = o['labs'];
    if (typeof labs !== 'object' || labs === null || Array.isArray(labs))
      throw new SeedSetError(`${source}: "labs" must map lab ids to seed arrays`);
    const known = LABS.map((l) => l.id as string);
    set.labs = {};
    for (const [lab, seeds] of Object.entries(labs)) {
      if (!known.includes(lab))
        throw new SeedSetError(`${source}: "labs" names unknown lab "${lab}" (known: ${known.join(', ')})`);
      set.labs[lab] = seedList(seeds, `${source}: "labs.${lab}"`);
    }
  }
  if (set.seeds === undefined && set.labs === undefined)
    throw new SeedSetError(`${source}: give "seeds" (every lab) or "labs" (per lab), or both`);
  return set;
}

export function loadSeedSet(file: string): SeedSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SeedSetError(`cannot read the seed set ${file}: ${(e as Error).message}`);
  }
  try {
    return parseSeedSet(JSON.parse(text), file);
  } catch (e) {
    if (e instanceof SeedSetError) throw e;
    throw new SeedSetError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The seeds of one lab; SeedSetError when the set has none for it. */
export function seedsFor(set: SeedSet, lab: string): number[] {
  const seeds = set.labs?.[lab] ?? set.seeds;
  if (seeds === undefined)
    throw new SeedSetError(`seed set "${set.name}" has no seeds for ${lab} (and no "seeds")`);
  return seeds;
}

export function seedSetDigest(set: SeedSet): string {
  const labs = Object.entries(set.labs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = JSON.stringify({ name: set.name, salt: set.salt ?? '', seeds: set.seeds ?? [], labs });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Lab id of a grader test file (`…/grader/labs/<lab>/…`). */
function labOfFile(file: string): string | undefined {
  return /[/\\]grader[/\\]labs[/\\]([^/\\]+)[/\\]/.exec(file)?.[1];
}

function labOfPart(part: string): string | undefined {
  return LABS.find((l) => l.parts.some((p) => p.id === part))?.id;
}

/** Merges the reports of the groups of one run into one. */
function mergeReports(reports: readonly Report[], parts: readonly string[], record: SeedSetRecord): Report {
  const first = reports[0] as Report;
  const tests: TestReport[] = reports.flatMap((r) => r.labs.flatMap((l) => l.tests));
  const merged = buildReport(
    {
      target: first.target,
      targetDir: first.targetDir,
      seeds: [...new Set(reports.flatMap((r) => r.seeds))].sort((a, b) => a - b),
      wallMs: reports.reduce((a, r) => a + r.wallMs, 0),
      problems: [...new Set(reports.flatMap((r) => r.problems))],
      ...(first.submission !== undefined ? { submission: first.submission } : {}),
    },
    tests,
    parts,
  );
  const det = reports.map((r) => r.determinism).filter((d) => d !== undefined);
  if (det.length > 0)
    merged.determinism = { ok: det.every((d) => d.ok), differences: det.flatMap((d) => d.differences) };
  return { ...merged, seedSet: record };
}

/**
 * Grades `opts` (its files and parts, without seeds) with the set: one run per group of labs that
 * share a seed list, through `run` (runGrade, or the determinism check's gradeTwice).
 */
export async function gradeWithSeedSet(
  set: SeedSet,
  opts: GradeOptions,
  run: (o: GradeOptions) => Promise<Report>,
): Promise<Report> {
  const files = opts.files ?? [];
  const labs = [...new Set(files.map(labOfFile).filter((l) => l !== undefined))];
  const groups = new Map<string, { seeds: number[]; labs: string[] }>();
  for (const lab of labs) {
    const seeds = seedsFor(set, lab);
    const key = seeds.join(',');
    groups.set(key, { seeds, labs: [...(groups.get(key)?.labs ?? []), lab] });
  }
  const inGroup = (labsOf: string[]) => (p: string) => labsOf.includes(labOfPart(p) ?? '');
  const reports: Report[] = [];
  for (const g of groups.values()) {
    reports.push(
      await run({
        ...opts,
        seeds: g.seeds,
        files: files.filter((f) => g.labs.includes(labOfFile(f) ?? '')),
        ...(opts.parts !== undefined ? { parts: opts.parts.filter(inGroup(g.labs)) } : {}),
        ...(opts.showParts !== undefined ? { showParts: opts.showParts.filter(inGroup(g.labs)) } : {}),
      }),
    );
  }
  const record: SeedSetRecord = {
    name: set.name,
    digest: seedSetDigest(set),
    seeds: Object.fromEntries(labs.map((l) => [l, seedsFor(set, l)])),
  };
  const parts = opts.showParts ?? opts.parts ?? [];
  return mergeReports(reports, parts, record);
}

/** A message line that names a seed: `seed: 12`, `--seed 12`, `seed 12`, `seed=12`. */
const SEED_MENTION = /(--seed[ =]|\bseeds? ?[:=]? ?)(\d+)/g;

function redact(text: string, hidden: ReadonlySet<number>, label: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*replay( one)?: /.test(l))
    .map((l) => (/^\s*seed: \d+\s*$/.test(l) ? l.replace(/seed: \d+/, `seed: ${label}`) : l))
    .join('\n')
    .replace(SEED_MENTION, (m, pre: string, n: string) => (hidden.has(Number(n)) ? `${pre}<${label}>` : m))
    .replace(/\b\d{4,}\b/g, (n) => (hidden.has(Number(n)) ? `<${label}>` : n));
}

/**
 * What a student may see of a report graded with a seed set: the set's name and digest, each failure
 * with "seed from instructor set X" and without a replay command; no seed anywhere.
 */
export function studentView(report: Report): Report {
  const set = report.seedSet;
  if (set === undefined) return report;
  const hidden = new Set([...report.seeds, ...Object.values(set.seeds ?? {}).flat()]);
  const label = `from instructor set ${set.name}`;
  const labs = report.labs.map((l) => ({
    ...l,
    tests: l.tests.map((t) => {
      const { seed: _seed, replay: _replay, ...rest } = t;
      return rest.error === undefined ? rest : { ...rest, error: redact(rest.error, hidden, label) };
    }),
  }));
  return {
    ...report,
    seed: 0,
    seeds: [],
    labs,
    problems: report.problems.map((p) => redact(p, hidden, label)),
    seedSet: { name: set.name, digest: set.digest },
  };
}
