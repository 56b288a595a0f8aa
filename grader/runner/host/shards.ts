// Host side: a run of many seeds uses every worker. vitest runs a test file in one worker, so a file
// with seeded tests is split into shards: small stub files in the run's folder, each setting its slice
// of the seeds (consecutive, in run order) and importing the real file. Shard 0 runs every selected
// test of the file, the others only its seeded tests (the unseeded ones skip themselves there). After the passes each test's shards are merged
// in seed order, so the verdict, the seed, the trace digest and the list of failing seeds are those a
// single worker running all the seeds would report (except that a seed that timed out stops only its
// own shard).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  ENV,
  firstLine,
  isSelected,
  MAX_SWEEP_SEEDS,
  type SeedFailure,
  type SeedSweep,
  type Selection,
  SWEEP_HEADER_RE,
  sweepLines,
  type TestDescriptor,
} from '../contract.js';
import type { Ledger, Outcome, TrackedTest } from './ledger.js';

/** Fewer seeds than this run in one worker: a shard costs a process and a module graph (≈ 0.5–1 s). */
export const MIN_SHARD_SEEDS = 8;

interface Shard {
  file: string;
  seeds: number[];
}

export interface ShardPlan {
  /** The files vitest runs: each sharded file's stubs in its place. */
  files: string[];
  /** The tests expected of each file vitest runs. */
  expected: Map<string, TestDescriptor[]>;
  /** The test file a file of the run stands for (itself when not a shard). */
  sourceOf(file: string): string;
  /** The tests of a test file, its shards merged. */
  tracked(ledger: Ledger, file: string): TrackedTest[];
}

function slices(seeds: readonly number[], n: number): number[][] {
  const out: number[][] = [];
  for (let k = 0, at = 0; k < n; k++) {
    const size = Math.floor(seeds.length / n) + (k < seeds.length % n ? 1 : 0);
    out.push(seeds.slice(at, at + size));
    at += size;
  }
  return out;
}

function stubText(file: string, seeds: readonly number[], select: Selection, k: number, n: number): string {
  return [
    `// shard ${k + 1} of ${n} of ${file}: seeds ${seeds[0]}..${seeds.at(-1)} (written by grader/runner/host/shards.ts)`,
    `process.env[${JSON.stringify(ENV.seeds)}] = ${JSON.stringify(seeds.join(','))};`,
    `process.env[${JSON.stringify(ENV.select)}] = ${JSON.stringify(JSON.stringify(select))};`,
    `await import(${JSON.stringify(file)});`,
    '',
  ].join('\n');
}

/**
 * Splits the files with selected seeded tests into `workers` shards when the run has at least
 * MIN_SHARD_SEEDS seeds; `dir` receives the stubs (a folder the workers may read).
 */
export function planShards(
  files: readonly string[],
  expected: ReadonlyMap<string, readonly TestDescriptor[]>,
  selection: Selection,
  seeds: readonly number[],
  workers: number,
  dir: string,
): ShardPlan {
  const n = Math.min(workers, seeds.length);
  const shardsOf = new Map<string, Shard[]>();
  const source = new Map<string, string>();
  const runExpected = new Map<string, TestDescriptor[]>();
  const runFiles: string[] = [];
  for (const [i, file] of files.entries()) {
    const tests = [...(expected.get(file) ?? [])];
    const seeded = tests.filter((t) => t.seeded === true && isSelected(selection, t.id, t.part));
    if (n < 2 || seeds.length < MIN_SHARD_SEEDS || selection.only !== undefined || seeded.length === 0) {
      runFiles.push(file);
      runExpected.set(file, tests);
      continue;
    }
    mkdirSync(dir, { recursive: true });
    const shards = slices(seeds, n).map((slice, k) => {
      const stub = join(dir, `${i}-${k}-${basename(file)}`);
      const select: Selection = k === 0 ? selection : { ...selection, ids: seeded.map((t) => t.key) };
      writeFileSync(stub, stubText(file, slice, select, k, n));
      source.set(stub, file);
      runFiles.push(stub);
      // a later shard declares the unseeded tests too (they skip themselves): the ledger expects them
      runExpected.set(stub, tests);
      return { file: stub, seeds: slice };
    });
    shardsOf.set(file, shards);
  }
  return {
    files: runFiles,
    expected: runExpected,
    sourceOf: (f) => source.get(f) ?? f,
    tracked(ledger, file) {
      const shards = shardsOf.get(file);
      if (shards === undefined) return ledger.knownTests(file);
      const [first, ...rest] = shards as [Shard, ...Shard[]];
      return ledger.knownTests(first.file).map((t) => {
        if (t.desc.seeded !== true) return { ...t, file };
        const parts = [t, ...rest.map((s) => ledger.find(s.file, t.desc.key))];
        return mergeShards(file, t, parts, shards);
      });
    },
  };
}

/** One shard's part of the sweep: its failing seeds, how many of its seeds ran and did not. */
function shardSweep(o: Outcome | undefined, seeds: readonly number[]): SeedSweep {
  if (o?.status === 'passed') return { ran: seeds.length, notRun: 0, seeds: [], failed: 0 };
  if (o?.sweep !== undefined) return o.sweep;
  // one failing seed without a list: a shard of one seed, or a run that stopped there (timeout, crash)
  const seed = o?.seed ?? seeds[0] ?? 0;
  const at = Math.max(0, seeds.indexOf(seed));
  const fail: SeedFailure = { seed, what: firstLine(o?.error ?? 'not run') };
  return { ran: at + 1, notRun: seeds.length - at - 1, seeds: [fail], failed: 1 };
}

/** A seeded test's shards (in seed order) as the one test they are. */
function mergeShards(
  file: string,
  head: TrackedTest,
  parts: readonly (TrackedTest | undefined)[],
  shards: readonly Shard[],
): TrackedTest {
  const outcomes = parts.map((p) => p?.outcome);
  const durationMs = outcomes.reduce((a, o) => a + (o?.durationMs ?? 0), 0);
  const bad = outcomes.findIndex((o) => o?.status !== 'passed');
  if (bad < 0) return { ...head, file, outcome: { ...(outcomes.at(-1) as Outcome), durationMs } };
  const base = parts[bad];
  const sweeps = outcomes.map((o, k) => shardSweep(o, shards[k]?.seeds ?? []));
  const all = sweeps.flatMap((s) => s.seeds);
  const sweep: SeedSweep = {
    ran: sweeps.reduce((a, s) => a + s.ran, 0),
    notRun: sweeps.reduce((a, s) => a + s.notRun, 0),
    seeds: all.slice(0, MAX_SWEEP_SEEDS),
    failed: sweeps.reduce((a, s) => a + s.failed, 0),
  };
  const o: Outcome = outcomes[bad] ?? { status: 'crashed', durationMs: 0, error: 'not run' };
  let error = o.error;
  if (o.formatted && error !== undefined) {
    const lines = error.split('\n');
    const at = lines.findIndex((l) => SWEEP_HEADER_RE.test(l));
    error = [...(at < 0 ? lines : lines.slice(0, at)), ...sweepLines(sweep)].join('\n');
  }
  const merged: TrackedTest = {
    file,
    desc: head.desc,
    outcome: { ...o, durationMs, sweep, ...(error !== undefined ? { error } : {}) },
  };
  if (base?.lastSeed !== undefined) merged.lastSeed = base.lastSeed;
  return merged;
}
