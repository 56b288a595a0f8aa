// The contract between the host (the grading process, grader/runner/host/) and its test workers
// (grader/runner/worker/): environment variable names, the channel's record format and its MAC, the
// watchdog's shared words, the limits and the defaults both sides agree on. Pure data and tiny
// helpers, so that test-side code (harness, watchdog) and the host can both import it.
import { createHmac } from 'node:crypto';
import type { TaskMeta } from 'vitest';

/** A demo's tag naming the chain the viewer opens on: `chain:snapshot`, `chain:compact-log`. */
export const DEMO_CHAIN_TAG = 'chain:';

/** Environment variables the runner sets for the test workers (and vitest.config.ts reads). */
export const ENV = {
  /** Absolute path of the graded implementation; `@target/*` resolves into it. */
  target: 'RAFTLAB_TARGET',
  /** What the user typed for --target (`labs`, `solutions` or a path); used in replay commands. */
  targetArg: 'RAFTLAB_TARGET_ARG',
  /** Comma-separated seeds for seededRule, e.g. `1,2,3`. */
  seeds: 'RAFTLAB_SEEDS',
  /** A single test id: only that test runs, and its trace may be written (RAFTLAB_TRACE_FILE). */
  only: 'RAFTLAB_ONLY',
  /** Where seededRule writes the trace of the RAFTLAB_ONLY test, as JSON lines. */
  traceFile: 'RAFTLAB_TRACE_FILE',
  /**
   * A folder where seededRule writes the trace of each test that fails, as `<id>.<seed>.jsonl` (the
   * first failing seed of the worker's seeds): the host turns them into viewer pages.
   */
  traceDir: 'RAFTLAB_TRACE_DIR',
  /** JSON-encoded Selection: which parts / id prefixes run; the others are skipped. */
  select: 'RAFTLAB_SELECT',
  /** Per-run JSONL file where workers append what they start and finish (survives a dead worker). */
  sidecar: 'RAFTLAB_SIDECAR',
  /** Watchdog: a worker whose event loop is blocked this long is killed (ms). */
  stallMs: 'RAFTLAB_STALL_MS',
  /** Watchdog: a worker whose main thread spent this much CPU time without yielding is killed (ms). */
  busyMs: 'RAFTLAB_BUSY_MS',
  /** Watchdog: a worker whose resident memory exceeds this is killed (MiB). */
  rssMb: 'RAFTLAB_RSS_MB',
  /** V8 old-space cap of each worker (MiB); read by vitest.config.ts. */
  heapMb: 'RAFTLAB_HEAP_MB',
  /** `1`: vitest.config.ts collects grader/unit/** (the framework's own tests) instead of the labs. */
  unit: 'RAFTLAB_UNIT',
  /**
   * The run's channel key (hex): every sidecar line carries an HMAC made with it. A worker reads it and
   * deletes it from its environment before any code of the target loads.
   */
  channelKey: 'RAFTLAB_CHANNEL_KEY',
  /** JSON array of extra node flags for the workers (the permission model), read by vitest.config.ts. */
  workerArgv: 'RAFTLAB_WORKER_ARGV',
  /** JSON array of the folders vitest may load modules from for this run (tree, grader, dependencies). */
  loadRoots: 'RAFTLAB_LOAD_ROOTS',
  /** Instructors: wall-clock limit of a whole grading run (ms), enforced by the host. */
  wallMs: 'RAFTLAB_WALL_MS',
} as const;

export const DEFAULT_SEED = 1;
/** Default per-rule timeout (per seed for seeded rules). */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Tests yield to the event loop every few hundred ms; 8 s of silence is an infinite loop. */
export const DEFAULT_STALL_MS = 8_000;
/**
 * A stall in which the process also burnt this much CPU is a spinning loop, not a starved process on
 * a loaded machine: it is cut early. No legitimate test computes for 2 s without yielding.
 */
export const DEFAULT_BUSY_MS = 2_000;
export const DEFAULT_HEAP_MB = 1024;
export const DEFAULT_RSS_MB = 2048;
/** Wall-clock limit of one grading run (all files), enforced by the host. */
export const DEFAULT_WALL_MS = 30 * 60_000;
/** What the host adds to a test's own time limit before it kills the worker (covers the watchdog). */
export const WALL_GRACE_MS = 15_000;

/** The limits of a run: the watchdog's (in the worker) and the wall clock's (in the host). */
export interface Limits {
  stallMs: number;
  /** CPU time without yielding after which the watchdog cuts a test (reset at every test start). */
  busyMs: number;
  heapMb: number;
  rssMb: number;
  /** Wall clock of the whole run; each test and file also has its own (see host/supervisor.ts). */
  wallMs: number;
}

/**
 * The watchdog's shared memory (a SharedArrayBuffer private to one worker): Int32 words, then the
 * UTF-8 key of the running test and the path of the test file.
 */
export const WATCHDOG = {
  /** Bumped by the main thread's heartbeat timer and at every test start. */
  heartbeat: 0,
  /** Length of the running test's key (-1: none). */
  keyLength: 1,
  fileLength: 2,
  /** Heap use in % of the limit. */
  heapPercent: 3,
  words: 4,
  keyOffset: 16,
  maxLen: 4096,
  fileOffset: 16 + 4096,
  bytes: 16 + 2 * 4096,
  heartbeatMs: 100,
} as const;

/** Which tests a run executes. Empty lists mean "no restriction". */
export interface Selection {
  parts: string[];
  idPrefixes: string[];
  only?: string;
  /** Exactly these ids (a shard of a file that runs only its seeded tests: host/shards.ts). */
  ids?: string[];
}

/** What the test side knows about one test, as written to the sidecar. */
export interface TestDescriptor {
  /** Stable key within the file: the rule id, or the full vitest name for a non-rule test. */
  key: string;
  name: string;
  id?: string;
  part?: string;
  points?: number;
  tags?: string[];
  seeded?: boolean;
  /** Time limit of one run (one seed) in ms: in the committed list, for the host's wall clock. */
  timeoutMs?: number;
}

export type SidecarState = 'pass' | 'fail' | 'skip';

/** One failing seed of a multi-seed run: the seed and the first line of its message (no `[id]` prefix). */
export interface SeedFailure {
  seed: number;
  what: string;
}

/** What a multi-seed run of a seeded test found: every failing seed, in the order the seeds ran. */
export interface SeedSweep {
  /** Seeds that ran to a verdict. */
  ran: number;
  /** Seeds of the run that did not run: a timed-out seed cannot be cancelled, so the run stops there. */
  notRun: number;
  /** Every failing seed (at most MAX_SWEEP_SEEDS of them; `failed` counts all). */
  seeds: SeedFailure[];
  failed: number;
}

/** At most this many failing seeds are listed in a message; the others are counted. */
export const MAX_LISTED_SEEDS = 50;
/** At most this many failing seeds are kept (in the report); the others are counted. */
export const MAX_SWEEP_SEEDS = 1000;
/** The first line of the seed summary a multi-seed failure ends with (a renderer finds it by this). */
export const SWEEP_HEADER_RE = /^ {2}failed on \d+ of \d+ seeds/;

/**
 * The lines a failing multi-seed run adds below its first failing seed's message: how many seeds
 * failed, each listed one with the first line of its message, the count of the others.
 */
export function sweepLines(s: SeedSweep): string[] {
  const total = s.ran + s.notRun;
  const lines = [
    `  failed on ${s.failed} of ${total} seeds (the first is shown above; replay any with --seed):`,
  ];
  for (const f of s.seeds.slice(0, MAX_LISTED_SEEDS)) lines.push(`    seed ${f.seed}: ${f.what}`);
  const more = s.failed - Math.min(s.seeds.length, MAX_LISTED_SEEDS);
  if (more > 0) lines.push(`    … and ${more} more failing seeds (all of them in the JSON report)`);
  if (s.notRun > 0) lines.push(`  the run stopped at a seed that timed out: ${s.notRun} seeds did not run`);
  return lines;
}

/** The first line of a failure message, without its `[id] ` prefix and never naming vitest's timeout. */
export function firstLine(message: string): string {
  const line = (message.split('\n')[0] ?? '').replace(/^\[[^\]]*\] /, '');
  const clipped = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  return clipped.replace(VITEST_TIMEOUT_RE, 'timed out after $1 ms');
}

/** One line of the sidecar file. `file` is the absolute test-file path, `pid` the worker's. */
export type SidecarRecord =
  | { t: 'load'; file: string; pid: number }
  | { t: 'file'; file: string; pid: number; tests: TestDescriptor[] }
  | { t: 'start'; file: string; pid: number; key: string }
  | { t: 'seed'; file: string; pid: number; key: string; seed: number }
  /** Written by the runner: this test was decided without finishing; later passes skip it. */
  | { t: 'decided'; file: string; pid: number; key: string }
  | {
      t: 'end';
      file: string;
      pid: number;
      key: string;
      state: SidecarState;
      durationMs: number;
      seed?: number;
      traceDigest?: string;
      error?: string;
      /** A failing multi-seed run of a seeded rule: every failing seed. */
      sweep?: SeedSweep;
    }
  | { t: 'uncaught'; file: string; pid: number; key: string | null; error: string }
  | { t: 'hung'; file: string; pid: number; key: string | null; stallMs: number }
  | { t: 'oom'; file: string; pid: number; key: string | null; what: 'heap' | 'rss'; mb: number };

/** The descriptor of a test from its meta and full name: key = rule id, else the full name. */
export function descriptor(m: TaskMeta, fullName: string): TestDescriptor {
  return {
    key: m.id ?? fullName,
    name: fullName,
    id: m.id,
    part: m.part,
    points: m.points,
    tags: m.tags,
    seeded: m.seeded,
  };
}

function mac(key: string, json: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(json).digest('hex').slice(0, 32);
}

/** One channel line: `<mac> <json>`. Without a key (a run without a channel) the MAC is `-`. */
export function encodeRecord(key: string | undefined, r: SidecarRecord): string {
  const json = JSON.stringify(r);
  return `${key ? mac(key, json) : '-'} ${json}\n`;
}

/** The record of a line whose MAC is valid for `key`; undefined for a forged, torn or foreign line. */
export function decodeRecord(key: string | undefined, line: string): SidecarRecord | undefined {
  const space = line.indexOf(' ');
  if (space < 0) return undefined;
  const json = line.slice(space + 1);
  if (line.slice(0, space) !== (key ? mac(key, json) : '-')) return undefined;
  try {
    return JSON.parse(json) as SidecarRecord;
  } catch {
    return undefined;
  }
}

/** The message vitest uses for a test that ran past its timeout (group 1: the limit in ms). */
export const VITEST_TIMEOUT_RE = /Test timed out in (\d+)ms/;

export function parseSeeds(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [DEFAULT_SEED];
  const seeds = raw.split(',').map((s) => Number(s.trim()));
  for (const s of seeds) {
    if (!Number.isSafeInteger(s)) throw new RangeError(`${ENV.seeds}: not an integer seed list: "${raw}"`);
  }
  return seeds;
}

export function parseSelection(raw: string | undefined): Selection {
  if (raw === undefined || raw === '') return { parts: [], idPrefixes: [] };
  const parsed = JSON.parse(raw) as Partial<Selection>;
  return {
    parts: parsed.parts ?? [],
    idPrefixes: parsed.idPrefixes ?? [],
    ...(parsed.only !== undefined ? { only: parsed.only } : {}),
    ...(parsed.ids !== undefined ? { ids: parsed.ids } : {}),
  };
}

/** Does the selection include a test with this id/part? Non-rule tests (no id) run unless `only` is set. */
export function isSelected(sel: Selection, id: string | undefined, part: string | undefined): boolean {
  if (sel.only !== undefined) return id === sel.only;
  if (sel.ids !== undefined && (id === undefined || !sel.ids.includes(id))) return false;
  if (id === undefined) return sel.parts.length === 0 && sel.idPrefixes.length === 0;
  if (sel.parts.length > 0 && (part === undefined || !sel.parts.includes(part))) return false;
  if (sel.idPrefixes.length > 0 && !sel.idPrefixes.some((p) => id === p || id.startsWith(p))) return false;
  return true;
}

/**
 * `Name: message` of an Error or of vitest's serialized error ({ name, message }). A message that
 * already starts with the name (LabTodo's does) or with a rule id (`[lab1a.x] …`) is kept as is.
 */
export function describeError(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') {
    const name = 'name' in e && typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
    return e.message.startsWith(name) || e.message.startsWith('[') ? e.message : `${name}: ${e.message}`;
  }
  return String(e);
}

export function positiveIntEnv(raw: string | undefined, fallback: number): number {
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** Quote a shell word if needed (for replay commands shown to students). */
export function shellWord(s: string): string {
  return /^[\w./:@=+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** A demo's ids are `demo.<name>` (`raftlab demo <name>` runs it). */
export const DEMO_ID_PREFIX = 'demo.';

/** The command that re-runs one test (or demo); `seed` only for seeded rules. */
export function replayCommand(id: string, seed: number | undefined, targetArg: string): string {
  const seedPart = seed === undefined ? '' : ` --seed ${seed}`;
  const run = id.startsWith(DEMO_ID_PREFIX) ? `demo ${id.slice(DEMO_ID_PREFIX.length)}` : `replay ${id}`;
  return `npx raftlab ${run}${seedPart} --target ${shellWord(targetArg)}`;
}
