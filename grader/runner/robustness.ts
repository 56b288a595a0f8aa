// End-to-end robustness checks of the grader, run by the self-test: targets made from solutions/ with
// an injected fault are graded through the real CLI, and the reports are checked.
//   1. Raft.tick() loops forever: the report is complete, in bounded time, and those tests are `timeout`.
//   2. A seeded test fails: the replay command printed in its report reproduces the same failure, and
//      two gradings with the same seed give the same status and trace digest.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report, TestReport } from '../report/model.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'grader', 'bin', 'raftlab.mjs');

/** A robustness expectation did not hold. */
class RobustnessFailure extends Error {
  override readonly name = 'RobustnessFailure';
}

function expect(cond: boolean, what: string): asserts cond {
  if (!cond) throw new RobustnessFailure(what);
}

/** A copy of solutions/ with `from` replaced by `to` in one file (which must contain `from`). */
function faultyTarget(dir: string, file: string, from: string, to: string): string {
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, 'solutions'), dir, { recursive: true });
  const path = join(dir, file);
  const src = readFileSync(path, 'utf8');
  expect(src.includes(from), `cannot inject the fault: ${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(path, src.replace(from, to));
  return dir;
}

function cli(args: string[], timeoutMs: number): { code: number | null; out: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, ms: performance.now() - t0 };
}

function tests(report: Report): TestReport[] {
  return report.labs.flatMap((l) => l.tests);
}

function readReport(path: string): Report {
  expect(existsSync(path), `no report was written to ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

function tickLoop(scratch: string): string {
  const target = faultyTarget(
    join(scratch, 'tick-loop'),
    'raft/raft.ts',
    '  tick(): void {\n',
    '  tick(): void {\n    for (;;) {}\n',
  );
  const json = join(scratch, 'tick-loop.json');
  const limitMs = 120_000;
  const r = cli(
    ['grade', 'lab1a', '--tests', 'lab1a.election', '--target', target, '--json', json],
    limitMs + 30_000,
  );
  expect(r.ms < limitMs, `grading a target whose tick() never returns took ${Math.round(r.ms / 1000)} s`);
  expect(r.code === 1, `exit code ${r.code} (want 1: some tests failed)\n${r.out.slice(-2000)}`);
  const all = tests(readReport(json));
  const timeouts = all.filter((t) => t.status === 'timeout');
  expect(all.length >= 8, `the report lists ${all.length} lab1a.election tests`);
  expect(timeouts.length > 0, 'no test was reported as timeout');
  expect(
    timeouts.every((t) => /watchdog/.test(t.error ?? '')),
    'a timeout does not say the watchdog stopped it',
  );
  expect(
    all.every((t) => t.status === 'timeout' || t.status === 'passed'),
    `unexpected statuses: ${all.map((t) => `${t.id}=${t.status}`).join(', ')}`,
  );
  return `tick() loops forever: ${timeouts.length} timeout, ${all.length - timeouts.length} passed, report complete in ${(r.ms / 1000).toFixed(1)} s`;
}

function replayReproduces(scratch: string): string {
  // Every Raft instance throws on its 60th tick: deterministic per test, whatever else runs.
  const target = faultyTarget(
    join(scratch, 'tick-throws'),
    'raft/raft.ts',
    '  tick(): void {\n',
    '  private injectedTicks = 0;\n  tick(): void {\n    if (++this.injectedTicks === 60) throw new Error("injected fault on tick 60");\n',
  );
  const id = 'lab1b.chaos.lossy-network';
  const reports = [1, 2].map((k) => {
    const json = join(scratch, `tick-throws-${k}.json`);
    cli(['grade', 'lab1b', '--tests', id, '--seed', '5', '--target', target, '--json', json], 120_000);
    return tests(readReport(json)).find((t) => t.id === id);
  });
  const [a, b] = reports;
  expect(a !== undefined && b !== undefined, `${id} is missing from the report`);
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
  const trace = join(scratch, 'replay.jsonl');
  const args = [...a.replay.replace(/^npx raftlab /, '').split(/\s+/), '--trace', trace];
  const r = cli(args, 120_000);
  const headline = (a.error ?? '').split('\n')[0] ?? '';
  expect(r.code !== 0, `the replay command passed: ${a.replay}\n${r.out.slice(-1500)}`);
  expect(
    r.out.includes(headline),
    `the replay does not show the same failure "${headline}"\n${r.out.slice(-1500)}`,
  );
  expect(existsSync(trace) && statSync(trace).size > 0, 'the replay wrote no trace');
  return `a failing seeded test (${id}, seed 5): same digest twice, and its replay command reproduces "${headline.slice(0, 60)}…"`;
}

function main(): number {
  const scratch = join(ROOT, '.raftlab', `robustness-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  try {
    for (const check of [tickLoop, replayReproduces]) console.log(`robustness: ${check(scratch)}`);
    return 0;
  } catch (e) {
    console.error(e instanceof RobustnessFailure ? `robustness: FAILED: ${e.message}` : e);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
