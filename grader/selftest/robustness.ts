// The robustness step: end-to-end checks of the grader through the real CLI, on targets made from
// solutions/ with an injected fault.
//   1. Raft.tick() loops forever: the report is complete, in bounded time, and those tests are `timeout`.
//   2. A seeded test fails: two gradings with the same seed give the same status and trace digest, and
//      the replay command printed in the report reproduces the same failure and writes that trace.
// (The runner's finer-grained robustness cases — exit, throw, rejections, memory — are unit tests:
// grader/unit/runner-robustness.test.ts.)
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report, TestReport } from '../report/model.js';
import { StepFailure } from './errors.js';
import { type ExecResult, exec, tail } from './exec.js';
import { ranTests, readReport } from './report.js';
import type { Step, StepContext } from './sequence.js';

/** The whole grading of the looping target must finish within this (it takes ~20 s). */
const LOOP_LIMIT_MS = 120_000;
const GRADE_LIMIT_MS = 120_000;

function expect(cond: boolean, what: string, output = ''): asserts cond {
  if (!cond) throw new StepFailure(what, output);
}

/** A fresh copy of solutions/ in the scratch folder. */
function copyOfSolutions(ctx: StepContext, name: string): string {
  const dir = join(ctx.scratch, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ctx.root, 'solutions'), dir, { recursive: true });
  return dir;
}

/** The first line of Raft.tick()'s region (a graded target is sealed: only region code counts). */
const TICK = /( {2}tick\(\): void \{\n {4}\/\/ BEGIN lab1a:[^\n]*\n)/;
const HELPERS = /(\/\/ BEGIN helpers:[^\n]*\n)/;

/** A copy of solutions/ whose Raft.tick() region starts with `body`, with `helpers` in the file's helpers region. */
function faultyTick(ctx: StepContext, name: string, helpers: string, body: string): string {
  const dir = copyOfSolutions(ctx, name);
  const path = join(dir, 'raft/raft.ts');
  const src = readFileSync(path, 'utf8');
  expect(
    TICK.test(src) && HELPERS.test(src),
    'cannot inject the fault: raft/raft.ts lost its tick() region or helpers region',
  );
  writeFileSync(path, src.replace(HELPERS, `$1${helpers}`).replace(TICK, `$1${body}`));
  return dir;
}

function cli(ctx: StepContext, args: string[], timeoutMs: number): Promise<ExecResult> {
  return exec(process.execPath, [join(ctx.root, 'grader', 'bin', 'raftlab.mjs'), ...args], {
    cwd: ctx.root,
    env: { NO_COLOR: '1' },
    timeoutMs,
    stream: ctx.verbose,
  });
}

function find(report: Report, id: string): TestReport {
  const t = ranTests(report).find((x) => x.id === id);
  expect(t !== undefined, `${id} is missing from the report`);
  return t;
}

async function tickLoop(ctx: StepContext): Promise<string> {
  const target = faultyTick(ctx, 'tick-loop', '', '    for (;;) {}\n');
  const json = join(ctx.scratch, 'tick-loop.json');
  const r = await cli(
    ctx,
    ['grade', 'lab1a', '--tests', 'lab1a.election', '--target', target, '--json', json, '--no-pages'],
    LOOP_LIMIT_MS,
  );
  expect(
    !r.timedOut,
    `grading a target whose tick() never returns took over ${LOOP_LIMIT_MS / 1000} s`,
    tail(r.output),
  );
  expect(r.code === 1, `exit code ${r.code} (want 1: some tests failed)`, tail(r.output));
  const all = ranTests(readReport(json));
  const timeouts = all.filter((t) => t.status === 'timeout');
  expect(all.length >= 8, `the report lists ${all.length} lab1a.election tests`);
  expect(timeouts.length > 0, 'no test was reported as timeout', tail(r.output));
  expect(
    timeouts.every((t) => /watchdog/.test(t.error ?? '')),
    'a timeout does not say that the watchdog stopped it',
  );
  expect(
    all.every((t) => t.status === 'timeout' || t.status === 'passed'),
    `unexpected statuses: ${all.map((t) => `${t.id}=${t.status}`).join(', ')}`,
  );
  return `tick() loops forever: ${timeouts.length} timeout + ${all.length - timeouts.length} passed, report complete in ${(r.ms / 1000).toFixed(1)} s`;
}

async function replayReproduces(ctx: StepContext): Promise<string> {
  // Every Raft instance throws on its 60th tick: deterministic per test, whatever else runs.
  const target = faultyTick(
    ctx,
    'tick-throws',
    'const injectedTicks = new WeakMap<object, number>();\n',
    '    const injected = (injectedTicks.get(this) ?? 0) + 1;\n    injectedTicks.set(this, injected);\n    if (injected === 60) throw new Error("injected fault on tick 60");\n',
  );
  const id = 'lab1b.chaos.lossy-network';
  const runs: TestReport[] = [];
  for (const k of [1, 2]) {
    const json = join(ctx.scratch, `tick-throws-${k}.json`);
    await cli(
      ctx,
      ['grade', 'lab1b', '--tests', id, '--seed', '5', '--target', target, '--json', json, '--no-pages'],
      GRADE_LIMIT_MS,
    );
    runs.push(find(readReport(json), id));
  }
  const [a, b] = runs as [TestReport, TestReport];
  expect(a.status === 'failed', `${id} should fail on a target whose tick throws (got ${a.status})`);
  expect(
    a.seed === 5 && a.traceDigest !== undefined,
    `${id}: the report lacks the failing seed or trace digest`,
  );
  expect(
    a.status === b.status && a.traceDigest === b.traceDigest && a.error === b.error,
    `same seed, different outcome: ${a.status}/${a.traceDigest} vs ${b.status}/${b.traceDigest}`,
  );
  expect(a.replay?.startsWith('npx raftlab replay ') === true, `no replay command: ${a.replay}`);
  const trace = join(ctx.scratch, 'replay.jsonl');
  const args = [...(a.replay ?? '').replace(/^npx raftlab /, '').split(/\s+/), '--trace', trace];
  const r = await cli(ctx, args, GRADE_LIMIT_MS);
  const headline = (a.error ?? '').split('\n')[0] ?? '';
  expect(r.code !== 0, `the replay command passed: ${a.replay}`, tail(r.output));
  expect(
    r.output.includes(headline),
    `the replay does not show the same failure "${headline}"`,
    tail(r.output),
  );
  expect(existsSync(trace), 'the replay wrote no trace');
  const digest = createHash('sha256').update(readFileSync(trace)).digest('hex');
  expect(
    digest === a.traceDigest,
    `the replayed trace's digest ${digest} differs from the report's ${a.traceDigest}`,
  );
  return `a failing seeded test (${id}, seed 5): same digest twice; its replay reproduces the failure and the trace`;
}

export const robustnessStep: Step = {
  name: 'robustness',
  summary:
    'end to end through the CLI: a looping tick() gets a complete report in bounded time; replay reproduces',
  async run(ctx) {
    const details: string[] = [];
    for (const check of [tickLoop, replayReproduces]) {
      const line = await check(ctx);
      ctx.note(line);
      details.push(line);
    }
    return { kind: 'pass', detail: `${details.length} end-to-end checks passed` };
  },
};
