// The ledger of one grading run: every selected test of every file, and its outcome once decided.
// After each vitest pass it merges, in order of trust, what vitest reported, what the workers wrote
// to the sidecar since the last pass (finished tests, the test a hung or oversized worker was
// running, tests that started in a worker that died), and errors that escaped a test.
import type { TestModule } from 'vitest/node';
import type { TestStatus } from '../report/model.js';
import {
  type Cause,
  DIED,
  describeCause,
  escaped,
  heapOomCause,
  killCause,
  vitestTimeout,
} from './causes.js';
import { descriptorOf } from './descriptors.js';
import {
  describeError,
  isSelected,
  type Selection,
  type SidecarRecord,
  type TestDescriptor,
  VITEST_TIMEOUT_RE,
} from './protocol.js';

export interface Outcome {
  status: TestStatus;
  durationMs: number;
  seed?: number;
  traceDigest?: string;
  /** What went wrong, without the `[id]` prefix and replay lines (added by the report). */
  error?: string;
  /** The error already has the teaching format (thrown through rule()). */
  formatted?: boolean;
}

export interface TrackedTest {
  file: string;
  desc: TestDescriptor;
  outcome?: Outcome;
  /** Seed of the last run the worker announced (seeded rules), for hung/crashed tests. */
  lastSeed?: number;
  /** The worker that died under this test (crashed), to refine the reason later. */
  crashPid?: number;
}

export interface Limits {
  stallMs: number;
  /** CPU time without yielding after which the watchdog cuts a test (see protocol.ts). */
  busyMs: number;
  heapMb: number;
  rssMb: number;
}

type Extra = { seed?: number; traceDigest?: string };

function extraOf(seed: number | undefined, traceDigest: string | undefined): Extra {
  return { ...(seed !== undefined ? { seed } : {}), ...(traceDigest ? { traceDigest } : {}) };
}

/** The enclosing describe path of a test (`a > b`), '' for a top-level test. */
function suiteOf(t: TrackedTest): string {
  const i = t.desc.name.lastIndexOf(' > ');
  return i < 0 ? '' : t.desc.name.slice(0, i);
}

export class Ledger {
  private readonly files = new Map<string, Map<string, TrackedTest>>();
  /** Files that declared their tests (collected by vitest, or a 'file' record in the sidecar). */
  private readonly loaded = new Set<string>();
  /** What stopped a file's test process outside any test, in the current pass. */
  private passCauses = new Map<string, Cause>();
  /** Files that could not be loaded, and why. */
  private readonly loadErrors = new Map<string, string>();
  /** Sidecar records already ingested (the file only grows). */
  private consumed = 0;
  readonly problems: string[] = [];

  constructor(
    private readonly selection: Selection,
    private readonly limits: Limits,
  ) {}

  beginPass(): void {
    this.passCauses = new Map();
  }

  /** Register a test (idempotent). Tests outside the selection are ignored. */
  know(file: string, desc: TestDescriptor): TrackedTest | undefined {
    if (!isSelected(this.selection, desc.id, desc.part)) return undefined;
    let tests = this.files.get(file);
    if (!tests) {
      tests = new Map();
      this.files.set(file, tests);
    }
    let t = tests.get(desc.key);
    if (!t) {
      t = { file, desc };
      tests.set(desc.key, t);
    }
    return t;
  }

  private decide(t: TrackedTest | undefined, o: Outcome): void {
    if (t && !t.outcome) t.outcome = o;
  }

  isLoaded(file: string): boolean {
    return this.loaded.has(file);
  }

  knownTests(file: string): TrackedTest[] {
    return [...(this.files.get(file)?.values() ?? [])];
  }

  allTests(): TrackedTest[] {
    return [...this.files.values()].flatMap((m) => [...m.values()]);
  }

  decidedCount(file: string): number {
    return this.knownTests(file).filter((t) => t.outcome).length;
  }

  undecided(file: string): TrackedTest[] {
    return this.knownTests(file).filter((t) => !t.outcome);
  }

  passCause(file: string): Cause | undefined {
    return this.passCauses.get(file);
  }

  loadError(file: string): string | undefined {
    return this.loadErrors.get(file);
  }

  problem(msg: string): void {
    if (!this.problems.includes(msg)) this.problems.push(msg);
  }

  private failure(err: string, durationMs: number, extra: Extra): Outcome {
    const timeout = VITEST_TIMEOUT_RE.exec(err);
    if (timeout) {
      const seed = extra.seed !== undefined ? { seed: extra.seed } : {};
      return { status: 'timeout', durationMs, ...seed, error: vitestTimeout(timeout[1] ?? '?') };
    }
    return { status: 'failed', durationMs, ...extra, error: err, formatted: err.startsWith('[') };
  }

  /** Results vitest delivered (complete for files whose worker survived). */
  ingestModules(modules: readonly TestModule[]): void {
    for (const m of modules) {
      const file = m.moduleId;
      if (m.children.size > 0) this.loaded.add(file);
      for (const tc of m.children.allTests()) {
        const t = this.know(file, descriptorOf(tc));
        if (!t || t.outcome) continue; // deselected, or decided by an earlier pass (skipped now)
        const r = tc.result();
        const durationMs = Math.round(tc.diagnostic()?.duration ?? 0);
        const { seed, traceDigest } = tc.meta();
        const extra = extraOf(seed, traceDigest);
        if (r.state === 'passed') this.decide(t, { status: 'passed', durationMs, ...extra });
        else if (r.state === 'skipped') this.decide(t, { status: 'skipped', durationMs: 0 });
        else if (r.state === 'failed') {
          this.decide(
            t,
            this.failure(describeError(r.errors?.[0] ?? 'failed without an error'), durationMs, extra),
          );
        }
      }
      const errors = m.errors();
      if (errors.length > 0 && m.children.size === 0) {
        this.loadErrors.set(file, errors.map((e) => describeError(e)).join('\n'));
      }
    }
  }

  /** The sidecar records written since the last call (the workers' last words included). */
  ingestSidecar(all: readonly SidecarRecord[]): void {
    const records = all.slice(this.consumed);
    this.consumed = all.length;
    const started = new Map<TrackedTest, number>();
    const find = (file: string, key: string | null) =>
      key === null ? undefined : this.files.get(file)?.get(key);
    for (const r of records) {
      if (r.t !== 'file') continue;
      this.loaded.add(r.file);
      for (const d of r.tests) this.know(r.file, d);
    }
    for (const r of records) {
      const t = 'key' in r ? find(r.file, r.key) : undefined;
      switch (r.t) {
        case 'start':
          if (t) started.set(t, r.pid);
          break;
        case 'seed':
          if (t) t.lastSeed = r.seed;
          break;
        case 'end':
          if (!t) break;
          started.delete(t);
          if (t.outcome) {
            // decided from vitest's partial results of a dead worker: fill in what they lacked
            if (t.outcome.durationMs === 0) t.outcome.durationMs = r.durationMs;
            if (t.outcome.seed === undefined && r.seed !== undefined) t.outcome.seed = r.seed;
            break;
          }
          if (r.state === 'pass')
            this.decide(t, { status: 'passed', durationMs: r.durationMs, ...extraOf(r.seed, r.traceDigest) });
          else if (r.state === 'skip') this.decide(t, { status: 'skipped', durationMs: 0 });
          else
            this.decide(
              t,
              this.failure(
                r.error ?? 'failed without an error',
                r.durationMs,
                extraOf(r.seed, r.traceDigest),
              ),
            );
          break;
        case 'hung':
        case 'oom': {
          const cause = killCause(r, this.limits);
          if (!t) {
            this.passCauses.set(r.file, cause); // outside any test: a hook, loading, a stray timer
            break;
          }
          started.delete(t);
          const durationMs = r.t === 'hung' ? r.stallMs : 0;
          this.decide(t, { status: cause.status, durationMs, ...seedOf(t), error: describeCause(cause) });
          break;
        }
        default:
          break;
      }
    }
    for (const [t, pid] of started) {
      if (t.outcome) continue;
      this.decide(t, {
        status: 'crashed',
        durationMs: 0,
        ...seedOf(t),
        error: describeCause(DIED, 'while this test was running'),
      });
      t.crashPid = pid;
    }
    for (const r of records) {
      if (r.t !== 'uncaught') continue;
      const t = find(r.file, r.key);
      if (t?.outcome?.status === 'passed') {
        t.outcome = { ...t.outcome, status: 'failed', error: escaped(r.error), formatted: false };
      } else if (!t && r.key === null) {
        this.problem(`${r.file}: an error escaped outside any test: ${r.error}`);
      }
    }
  }

  /** Unhandled errors vitest reports that name their test (a fallback to the sidecar). */
  ingestUnhandled(errors: readonly unknown[]): void {
    for (const e of errors) {
      if (typeof e !== 'object' || e === null) continue;
      const rec = e as Record<string, unknown>;
      const path = typeof rec.VITEST_TEST_PATH === 'string' ? rec.VITEST_TEST_PATH : undefined;
      const name = typeof rec.VITEST_TEST_NAME === 'string' ? rec.VITEST_TEST_NAME : undefined;
      if (!path || !name) continue;
      const t = this.knownTests(path).find((x) => x.desc.name === name || x.desc.name.endsWith(` > ${name}`));
      if (t?.outcome?.status === 'passed') {
        t.outcome = { ...t.outcome, status: 'failed', error: escaped(describeError(e)), formatted: false };
      }
    }
  }

  /** Crashed tests whose worker V8 reported out of heap (the banner arrives late on stderr). */
  refineCrashes(heapOomPids: ReadonlySet<number>): void {
    for (const t of this.allTests()) {
      if (t.outcome?.status !== 'crashed' || t.crashPid === undefined || !heapOomPids.has(t.crashPid))
        continue;
      t.outcome.error = describeCause(heapOomCause(this.limits), 'while this test was running');
    }
  }

  /**
   * A pass decided nothing in this file: its process stopped before the next test could start.
   * Blame the suite of the first open test (a beforeAll hook of that describe, or of the file for a
   * top-level test) and decide those tests; returns them so the runner can tell the gate.
   */
  settleStalled(file: string): TrackedTest[] {
    const open = this.undecided(file);
    const first = open[0];
    if (!first) return [];
    const suite = suiteOf(first);
    const victims =
      suite === '' ? open : open.filter((t) => suiteOf(t) === suite || suiteOf(t).startsWith(`${suite} > `));
    const where =
      suite === ''
        ? 'before this test could start (in a beforeAll hook of the file?)'
        : `in a hook of "${suite}"`;
    const cause = this.passCauses.get(file) ?? DIED;
    for (const t of victims)
      this.decide(t, { status: cause.status, durationMs: 0, error: describeCause(cause, where) });
    return victims;
  }

  /** Decide every open test of a file with `error` (no further pass will run it). */
  closeFile(file: string, status: TestStatus, error: string): void {
    for (const t of this.undecided(file)) this.decide(t, { status, durationMs: 0, error });
  }
}

function seedOf(t: TrackedTest): { seed?: number } {
  return t.lastSeed !== undefined ? { seed: t.lastSeed } : {};
}
