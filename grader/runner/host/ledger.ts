// The ledger of one grading run, on the host. Its tests are the committed list's (grader/tests.json,
// or a list the caller supplies), never what a worker declares: a worker can only report outcomes of
// listed tests. After each vitest pass it merges, in order of trust, the channel's verified records
// (finished tests, the test a hung or oversized worker was running, tests that started in a worker
// that died, errors that escaped a test), what vitest reported (a pass counts only with its verified
// end record), and the kills of the host's own supervisor.
import type { TestModule } from 'vitest/node';
import type { TestStatus } from '../../report/model.js';
import {
  describeError,
  isSelected,
  type Limits,
  type SeedSweep,
  type Selection,
  type SidecarRecord,
  type TestDescriptor,
  VITEST_TIMEOUT_RE,
} from '../contract.js';
import {
  type Cause,
  DIED,
  describeCause,
  escaped,
  heapOomCause,
  killCause,
  UNVERIFIED,
  vitestTimeout,
} from './causes.js';
import { descriptorOf } from './descriptors.js';
import type { Kill } from './supervisor.js';

export interface Outcome {
  status: TestStatus;
  durationMs: number;
  seed?: number;
  traceDigest?: string;
  /** What went wrong, without the `[id]` prefix and replay lines (added by the report). */
  error?: string;
  /** The error already has the teaching format (thrown through rule()). */
  formatted?: boolean;
  /** A failing multi-seed run of a seeded rule: every failing seed. */
  sweep?: SeedSweep;
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

/** A listed, selected test that did not run: it counts in the maximum, with 0 points. */
const SKIPPED =
  'skipped: this listed test did not run, so it earns no points (it still counts in the maximum)';

type Extra = { seed?: number; traceDigest?: string; sweep?: SeedSweep };

function extraOf(seed: number | undefined, traceDigest: string | undefined, sweep?: SeedSweep): Extra {
  return {
    ...(seed !== undefined ? { seed } : {}),
    ...(traceDigest ? { traceDigest } : {}),
    ...(sweep !== undefined ? { sweep } : {}),
  };
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
  /** Tests decided before the current pass (vitest reports them as skipped now). */
  private decidedBefore = new Set<TrackedTest>();
  readonly problems: string[] = [];

  /** Tests a worker declared that the list does not have (file → keys): the list is stale. */
  readonly unlisted = new Map<string, Set<string>>();
  /** Channel lines whose MAC did not hold (forged by code under test, or corrupt). */
  rejectedRecords = 0;

  /** `expected`: every test of every file, from the committed list; only selected ones are tracked. */
  constructor(
    private readonly selection: Selection,
    private readonly limits: Limits,
    expected: ReadonlyMap<string, readonly TestDescriptor[]>,
  ) {
    for (const [file, tests] of expected) {
      const byKey = new Map<string, TrackedTest>();
      for (const desc of tests) {
        if (isSelected(selection, desc.id, desc.part)) byKey.set(desc.key, { file, desc });
      }
      this.files.set(file, byKey);
    }
  }

  beginPass(): void {
    this.passCauses = new Map();
  }

  /** A listed, selected test; undefined for anything a worker made up or that is deselected. */
  find(file: string, key: string | null): TrackedTest | undefined {
    return key === null ? undefined : this.files.get(file)?.get(key);
  }

  private noteDeclared(file: string, desc: TestDescriptor): void {
    if (this.files.get(file)?.has(desc.key) || !isSelected(this.selection, desc.id, desc.part)) return;
    const keys = this.unlisted.get(file) ?? new Set<string>();
    keys.add(desc.key);
    this.unlisted.set(file, keys);
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

  /**
   * Results vitest delivered, after the channel's (ingestSidecar): a failure or a skip is taken as
   * reported, but a pass only confirms the verified end record the channel already decided it with.
   */
  ingestModules(modules: readonly TestModule[]): void {
    for (const m of modules) {
      const file = m.moduleId;
      if (m.children.size > 0) this.loaded.add(file);
      for (const tc of m.children.allTests()) {
        const desc = descriptorOf(tc);
        this.noteDeclared(file, desc);
        const t = this.find(file, desc.key);
        if (!t || this.decidedBefore.has(t)) continue; // deselected, unlisted, or an earlier pass's
        const r = tc.result();
        const durationMs = Math.round(tc.diagnostic()?.duration ?? 0);
        const { seed, traceDigest, sweep } = tc.meta();
        const extra = extraOf(seed, traceDigest, sweep);
        if (r.state === 'failed') {
          const f = this.failure(
            describeError(r.errors?.[0] ?? 'failed without an error'),
            durationMs,
            extra,
          );
          if (t.outcome?.status === 'passed') t.outcome = f;
          else this.decide(t, f);
        } else if (r.state === 'skipped')
          this.decide(t, { status: 'skipped', durationMs: 0, error: SKIPPED });
        else if (r.state === 'passed' && !t.outcome)
          this.decide(t, { status: 'failed', durationMs, ...extra, error: describeCause(UNVERIFIED) });
      }
      const errors = m.errors();
      if (errors.length > 0 && m.children.size === 0) {
        this.loadErrors.set(file, errors.map((e) => describeError(e)).join('\n'));
      }
    }
  }

  /** The verified channel records written since the last call (the workers' last words included). */
  ingestSidecar(all: readonly SidecarRecord[], rejected: number): void {
    const records = all.slice(this.consumed);
    this.consumed = all.length;
    this.rejectedRecords = rejected;
    this.decidedBefore = new Set(this.allTests().filter((t) => t.outcome));
    const started = new Map<TrackedTest, number>();
    const find = (file: string, key: string | null) => this.find(file, key);
    for (const r of records) {
      if (r.t !== 'file') continue;
      this.loaded.add(r.file);
      for (const d of r.tests) this.noteDeclared(r.file, d);
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
          else if (r.state === 'skip') this.decide(t, { status: 'skipped', durationMs: 0, error: SKIPPED });
          else
            this.decide(
              t,
              this.failure(
                r.error ?? 'failed without an error',
                r.durationMs,
                extraOf(r.seed, r.traceDigest, r.sweep),
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
    this.chargeStarted(started);
    this.chargeEscapes(records);
  }

  /** Tests that started and never ended: their worker died under them. */
  private chargeStarted(started: ReadonlyMap<TrackedTest, number>): void {
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
  }

  /** Errors that escaped a test fail it (even after it passed); outside any test, a problem. */
  private chargeEscapes(records: readonly SidecarRecord[]): void {
    for (const r of records) {
      if (r.t !== 'uncaught') continue;
      const t = this.find(r.file, r.key);
      if (t?.outcome?.status === 'passed') {
        t.outcome = { ...t.outcome, status: 'failed', error: escaped(r.error), formatted: false };
      } else if (!t && r.key === null) {
        this.problem(`${r.file}: an error escaped outside any test: ${r.error}`);
      }
    }
  }

  /** Workers the host's supervisor killed for running past a wall-clock limit. */
  ingestKills(kills: readonly Kill[]): void {
    for (const k of kills) {
      const t = this.find(k.file, k.key);
      if (!t) {
        this.passCauses.set(k.file, k.cause);
        continue;
      }
      if (t.outcome) continue;
      this.decide(t, {
        status: k.cause.status,
        durationMs: k.ranMs,
        ...seedOf(t),
        error: describeCause(k.cause),
      });
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
