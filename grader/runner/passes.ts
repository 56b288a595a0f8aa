// The vitest passes of one grading run: runs the files, feeds the ledger, re-runs the files whose
// test process died (decided tests skip themselves through the gate), and finally lists, against
// the reference, the tests of files that could not be loaded at all.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TestModule } from 'vitest/node';
import type { TestStatus } from '../report/model.js';
import { DIED, describeCause } from './causes.js';
import { GradeReporter } from './collector.js';
import type { GradeOptions } from './grade.js';
import type { Ledger, Limits, TrackedTest } from './ledger.js';
import { type FileListing, listTests } from './list.js';
import { displayPath, REPO_ROOT, type Target } from './paths.js';
import type { Selection } from './protocol.js';
import { appendRecord, readRecords } from './sidecar.js';
import { openSession } from './vitest-session.js';

/** At most this many vitest passes over files whose worker keeps dying. */
const MAX_PASSES = 25;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface PassContext {
  files: string[];
  target: Target;
  seeds: number[];
  selection: Selection;
  limits: Limits;
  opts: GradeOptions;
  ledger: Ledger;
}

/** A file that never declared its tests, and what to fail them with once they are listed. */
export interface Unlisted {
  file: string;
  status: TestStatus;
  error: string;
}

function unlistedCause(ledger: Ledger, file: string): Unlisted {
  const loadError = ledger.loadError(file);
  if (loadError !== undefined)
    return { file, status: 'failed', error: `the test file could not be loaded: ${loadError}` };
  const cause = ledger.passCause(file) ?? DIED;
  return { file, status: cause.status, error: describeCause(cause, 'while loading the test file') };
}

/** Tell the gate (through the sidecar) that these tests are decided: later passes skip them. */
function markDecided(sidecar: string, tests: readonly TrackedTest[]): void {
  for (const t of tests) appendRecord(sidecar, { t: 'decided', file: t.file, pid: 0, key: t.desc.key });
}

/**
 * All vitest passes, inside the grader environment. A file whose process died is run again (its
 * decided tests skip themselves) as long as each pass decides something. Returns the files that
 * never declared their tests.
 */
export async function runPasses(ctx: PassContext, sidecar: string): Promise<Unlisted[]> {
  const { ledger, opts } = ctx;
  let pass = 1;
  const onModuleEnd = (m: TestModule) => {
    let passed = 0;
    let failed = 0;
    for (const tc of m.children.allTests()) {
      const s = tc.result().state;
      if (s === 'passed') passed++;
      else if (s === 'failed') failed++;
    }
    if (passed + failed > 0 || m.errors().length > 0) {
      const durationMs = Math.round(m.diagnostic().duration);
      const broken = m.errors().length > 0;
      opts.onProgress?.({ kind: 'file', file: m.moduleId, pass, passed, failed, broken, durationMs });
    }
  };
  const session = await openSession({
    reporters: [new GradeReporter(onModuleEnd, opts.console)],
    ...(opts.only !== undefined ? { testNamePattern: `(?:^| )${escapeRegExp(opts.only)} ` } : {}),
    // One worker per core (vitest's default keeps one core idle): lab files are independent processes.
    maxWorkers: opts.maxWorkers ?? availableParallelism(),
  });
  const unlisted: Unlisted[] = [];
  try {
    let pending = [...ctx.files];
    for (; pending.length > 0 && pass <= MAX_PASSES; pass++) {
      const before = new Map(pending.map((f) => [f, ledger.decidedCount(f)]));
      ledger.beginPass();
      const res = await session.vitest.runTestSpecifications(session.specs(pending));
      ledger.ingestModules(res.testModules);
      ledger.ingestSidecar(readRecords(sidecar));
      ledger.ingestUnhandled(res.unhandledErrors);
      const next: string[] = [];
      for (const f of pending) {
        const cause = ledger.passCause(f);
        if (ledger.knownTests(f).length === 0) {
          // never declared its tests (a load error, or death while loading): list them elsewhere
          if (!ledger.isLoaded(f)) unlisted.push(unlistedCause(ledger, f));
          continue;
        }
        const open = ledger.undecided(f).length;
        if (open === 0) {
          if (cause)
            ledger.problem(
              `${displayPath(f)}: ${describeCause(cause, 'outside any test (an afterAll hook, or a stray timer)')}`,
            );
          continue;
        }
        if (ledger.decidedCount(f) === (before.get(f) ?? 0)) markDecided(sidecar, ledger.settleStalled(f));
        else if (cause)
          // It died between tests after deciding some: no test to charge, but it must not go unseen.
          ledger.problem(
            `${displayPath(f)}: ${describeCause(cause, 'between tests (a hook, or a stray timer)')}`,
          );
        const remaining = ledger.undecided(f).length;
        if (remaining > 0) {
          opts.onProgress?.({ kind: 'died', file: f, pass, remaining });
          next.push(f);
        }
      }
      pending = next;
    }
    for (const f of pending) {
      ledger.closeFile(
        f,
        'crashed',
        describeCause(DIED, `before this test could start (${MAX_PASSES} test processes died)`),
      );
    }
  } finally {
    await session.vitest.close();
    ledger.refineCrashes(session.capture.heapOomPids());
  }
  return unlisted;
}

/** Files that could not be loaded: learn their tests from the reference target, then fail them all. */
export async function resolveUnlisted(ctx: PassContext, unlisted: Unlisted[]): Promise<void> {
  if (unlisted.length === 0) return;
  const files = unlisted.map((u) => u.file);
  ctx.opts.onProgress?.({ kind: 'listing', files });
  const reference = ctx.opts.referenceTarget ?? join(REPO_ROOT, 'solutions');
  let listings: FileListing[];
  try {
    listings = await listTests(files, reference, ctx.limits);
  } catch (e) {
    listings = files.map((file) => ({ file, tests: [], error: String(e) }));
  }
  for (const u of unlisted) {
    const listing = listings.find((l) => l.file === u.file);
    for (const d of listing?.tests ?? []) ctx.ledger.know(u.file, d);
    ctx.ledger.closeFile(u.file, u.status, u.error);
    // Selection may leave none of a file's tests to charge: that is only a problem when listing failed.
    if (listing === undefined || listing.error !== undefined || listing.tests.length === 0) {
      const why = listing?.error ? `: ${listing.error.split('\n')[0]}` : '';
      ctx.ledger.problem(`${displayPath(u.file)}: ${u.error}\n  (its tests could not be listed${why})`);
    }
  }
}
