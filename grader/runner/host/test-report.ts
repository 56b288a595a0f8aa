// Host side. One tracked test turned into the report's TestReport: title without the id, points earned, and
// for a test that did not pass the message in the teaching format with its seed and replay line, the
// graded tree's paths in it shown as the target's files and lines.
import type { TestReport } from '../../report/model.js';
import type { TrackedTest } from './ledger.js';
import { displayPath, type Target } from './paths.js';
import { replayCommand } from '../contract.js';
import type { PathMapper } from './tree-paths.js';

/** The most of a test's message the report keeps (a message can be any size the code under test makes). */
export const MAX_ERROR_CHARS = 16 * 1024;

/** `error` cut to MAX_ERROR_CHARS, saying how much was left out. */
function bounded(error: string): string {
  if (error.length <= MAX_ERROR_CHARS) return error;
  const cut = error.length - MAX_ERROR_CHARS;
  return `${error.slice(0, MAX_ERROR_CHARS)}\n  … (${cut} more characters of this message left out)`;
}

/** `paths` shows the graded tree's paths in the message as the target's (tree-paths.ts). */
export function toReport(
  t: TrackedTest,
  target: Target,
  seeds: readonly number[],
  paths: PathMapper = (s) => s,
): TestReport {
  const o = t.outcome ?? { status: 'crashed' as const, durationMs: 0, error: 'not run' };
  const id = t.desc.id ?? t.desc.key;
  const prefix = `${id} `;
  const title = t.desc.name.startsWith(prefix) ? t.desc.name.slice(prefix.length) : t.desc.name;
  const points = t.desc.points ?? 0;
  const seeded = t.desc.seeded === true;
  const seed = seeded ? (o.seed ?? t.lastSeed ?? seeds[0]) : undefined;
  const bad = o.status !== 'passed';
  const replay = bad && t.desc.id !== undefined ? replayCommand(id, seed, target.arg) : undefined;
  let error = o.error === undefined ? undefined : bounded(paths(o.error));
  if (bad && error !== undefined && !o.formatted) {
    const lines = [`[${id}] ${error}`];
    if (seed !== undefined) lines.push(`  seed: ${seed}`);
    if (replay) lines.push(`  replay: ${replay}`);
    error = lines.join('\n');
  }
  return {
    id,
    name: title,
    part: t.desc.part ?? '',
    tags: t.desc.tags ?? [],
    points: o.status === 'passed' ? points : 0,
    max: points,
    status: o.status,
    durationMs: o.durationMs,
    file: displayPath(t.file),
    ...(seed !== undefined ? { seed } : {}),
    ...(o.traceDigest !== undefined ? { traceDigest: o.traceDigest } : {}),
    ...(o.sweep !== undefined && bad ? { sweep: o.sweep } : {}),
    ...(error !== undefined && bad ? { error } : {}),
    ...(replay !== undefined ? { replay } : {}),
  };
}
