// Host side: the vitest passes of one grading run. Runs the files, feeds the ledger (channel first,
// then vitest's results, then the supervisor's kills), and re-runs the files whose test process
// died (decided tests skip themselves through the gate). A file that never loaded has all its listed
// tests failed with the reason.
import type { TestModule } from 'vitest/node';
import type { Limits, Selection } from '../contract.js';
import { DIED, describeCause, wallCause } from './causes.js';
import type { HostChannel } from './channel.js';
import { GradeReporter } from './collector.js';
import type { Ledger, TrackedTest } from './ledger.js';
import type { GradeOptions } from './options.js';
import { displayPath, type Target } from './paths.js';
import type { Supervisor } from './supervisor.js';
import { openSession } from './vitest-session.js';

/** At most this many vitest passes over files whose worker keeps dying. */
const MAX_PASSES = 25;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface PassContext {
  /** The files vitest runs (a sharded file's shards in its place: shards.ts). */
  files: string[];
  /** The test file a file of the run stands for, for progress events. */
  sourceOf: (file: string) => string;
  /** Worker processes vitest may run at once. */
  workers: number;
  target: Target;
  seeds: number[];
  selection: Selection;
  limits: Limits;
  opts: GradeOptions;
  ledger: Ledger;
  channel: HostChannel;
  supervisor: Supervisor;
}

/** A file that never declared its tests: all its listed tests fail with the reason. */
function closeUnloaded(ledger: Ledger, file: string): void {
  const loadError = ledger.loadError(file);
  if (loadError !== undefined) {
    ledger.closeFile(file, 'failed', `the test file could not be loaded: ${loadError}`);
    return;
  }
  const cause = ledger.passCause(file) ?? DIED;
  ledger.closeFile(file, cause.status, describeCause(cause, 'while loading the test file'));
}

/** Tell the gate (through the channel) that these tests are decided: later passes skip them. */
function markDecided(channel: HostChannel, tests: readonly TrackedTest[]): void {
  for (const t of tests) channel.append({ t: 'decided', file: t.file, pid: 0, key: t.desc.key });
}

/**
 * All vitest passes, inside the grader environment. A file whose process died is run again (its
 * decided tests skip themselves) as long as each pass decides something.
 */
/**
 * vitest's pool emits "Worker exited unexpectedly" as an `error` event with no listener when a worker
 * dies after its file finished (between files, while it idles): that would end the host, and with it
 * the report. Such a death costs nothing that the ledger does not already see (a file whose tests are
 * undecided is re-run), so for the span of the passes it is noted as a problem instead.
 */
export function guardIdleWorkerExits(ledger: Pick<Ledger, 'problem'>): () => void {
  const onUncaught = (err: Error): void => {
    if (err.message === 'Worker exited unexpectedly' && (err.stack ?? '').includes('emitUnexpectedExit')) {
      ledger.problem('a test process exited while idle between files (its tests were decided or are re-run)');
      return;
    }
    process.off('uncaughtException', onUncaught);
    throw err;
  };
  process.on('uncaughtException', onUncaught);
  return () => process.off('uncaughtException', onUncaught);
}

export async function runPasses(ctx: PassContext): Promise<void> {
  const { ledger, opts, channel, supervisor } = ctx;
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
      const file = ctx.sourceOf(m.moduleId);
      opts.onProgress?.({ kind: 'file', file, pass, passed, failed, broken, durationMs });
    }
  };
  const session = await openSession({
    reporters: [new GradeReporter(onModuleEnd, opts.console)],
    ...(opts.only !== undefined ? { testNamePattern: `(?:^| )${escapeRegExp(opts.only)} ` } : {}),
    // One worker per core (vitest's default keeps one core idle): lab files are independent processes.
    maxWorkers: ctx.workers,
  });
  const unguard = guardIdleWorkerExits(ledger);
  try {
    let pending = [...ctx.files];
    for (; pending.length > 0 && pass <= MAX_PASSES && !supervisor.expired; pass++) {
      const before = new Map(pending.map((f) => [f, ledger.decidedCount(f)]));
      ledger.beginPass();
      const res = await session.vitest.runTestSpecifications(session.specs(pending));
      ledger.ingestKills(supervisor.takeKills());
      const read = channel.read();
      ledger.ingestSidecar(read.records, read.rejected);
      ledger.ingestModules(res.testModules);
      ledger.ingestUnhandled(res.unhandledErrors);
      const next: string[] = [];
      for (const f of pending) {
        const cause = ledger.passCause(f);
        if (ledger.knownTests(f).length === 0) continue; // nothing selected or listed in it
        if (!ledger.isLoaded(f) && ledger.decidedCount(f) === (before.get(f) ?? 0)) {
          closeUnloaded(ledger, f); // never declared its tests: a load error, or death while loading
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
        if (ledger.decidedCount(f) === (before.get(f) ?? 0)) markDecided(channel, ledger.settleStalled(f));
        else if (cause)
          // It died between tests after deciding some: no test to charge, but it must not go unseen.
          ledger.problem(
            `${displayPath(f)}: ${describeCause(cause, 'between tests (a hook, or a stray timer)')}`,
          );
        const remaining = ledger.undecided(f).length;
        if (remaining > 0) {
          opts.onProgress?.({ kind: 'died', file: ctx.sourceOf(f), pass, remaining });
          next.push(f);
        }
      }
      pending = next;
    }
    const why = supervisor.expired
      ? describeCause(wallCause('the whole grading run', ctx.limits.wallMs), 'before this test could finish')
      : describeCause(DIED, `before this test could start (${MAX_PASSES} test processes died)`);
    for (const f of pending) ledger.closeFile(f, supervisor.expired ? 'timeout' : 'crashed', why);
  } finally {
    await session.vitest.close();
    unguard();
    ledger.refineCrashes(session.capture.heapOomPids());
  }
}
