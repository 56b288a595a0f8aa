// `npm run bench [-- --json] [--out FILE] [--runs N] [--grade-runs N] [--no-grade] [--gc-writes N,M]
// [--gc-limit L]`: measures the simulator on this machine.
// (1) A chaos scenario, 5 stores and 5 clients, over the solutions' store: speed-up (virtual s per
// wall s), events per wall s and committed client ops per wall s, over several seeds after two warm-up
// runs (min / median / max; also per CPU second of the process, GC threads included).
// (2) The wall time of `raftlab grade lab1 --target solutions`, spawned as a child process.
// (3) With --gc-writes: the log-GC memory bench (gc-bench.ts) once per write count — peak heap, raft-log
// keys per store, wall time. `npm run bench` runs node with --expose-gc so heap samples are taken
// after a full collection.
// Scenario runs happen in this process with @target resolved by tsx from tsconfig (solutions/).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { formatGcBench, type GcBenchResult, runGcBench } from './gc-bench.js';
import { BENCH_SCENARIO, type BenchRun, summarize, type Summary } from './stats.js';
import { runScenario } from '../sim/scenario.js';

interface GradeTiming {
  wallMs: number;
  exitCode: number | null;
}

interface BenchResult {
  machine: { node: string; cpus: number; loadavg: number[] };
  scenario: { description: string; runs: BenchRun[]; summary: Summary };
  grade?: { runs: GradeTiming[]; minMs: number; maxMs: number };
  gc?: GcBenchResult[];
}

const repo = fileURLToPath(new URL('../..', import.meta.url));

async function scenarioRun(seed: number): Promise<BenchRun> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runScenario(
    { rng: new Rng(seed), trace: new Trace({ keepLines: false }) },
    BENCH_SCENARIO.options,
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    seed,
    virtualMs: r.virtualMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    events: r.events,
    okOps: r.ops.ok,
    messages: r.net.sent,
  };
}

function gradeRun(): GradeTiming {
  const t0 = performance.now();
  const res = spawnSync(
    process.execPath,
    ['grader/bin/raftlab.mjs', 'grade', 'lab1', '--target', 'solutions'],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
  return { wallMs: performance.now() - t0, exitCode: res.status };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      'grade-runs': { type: 'string', default: '2' },
      'no-grade': { type: 'boolean', default: false },
      out: { type: 'string' },
      'gc-writes': { type: 'string' },
      'gc-limit': { type: 'string', default: '1000' },
      'gc-writers': { type: 'string', default: '16' },
    },
  });
  const runs = Number(values.runs);
  const { cpus, loadavg } = await import('node:os');
  const log = (s: string): void => {
    if (!values.json) process.stdout.write(`${s}\n`);
  };
  log(`scenario: ${BENCH_SCENARIO.description}`);
  // Two warm-up runs (JIT), not reported: the figures are for a warm process.
  await scenarioRun(1000);
  await scenarioRun(1001);
  const results: BenchRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await scenarioRun(i + 1);
    results.push(r);
    log(
      `  seed ${r.seed}: ${(r.virtualMs / 1000).toFixed(1)} s virtual in ${r.wallMs.toFixed(0)} ms wall ` +
        `(${r.cpuMs.toFixed(0)} ms CPU), ${r.events} events, ${r.okOps} ops acknowledged, ${r.messages} messages`,
    );
  }
  const summary = summarize(results);
  log(
    `speed-up ${summary.speedup.min.toFixed(0)}–${summary.speedup.max.toFixed(0)}× (median ${summary.speedup.median.toFixed(0)}×, ` +
      `by CPU time ${summary.cpuSpeedup.median.toFixed(0)}×); ${summary.eventsPerSec.median.toFixed(0)} events/s; ` +
      `${summary.opsPerSec.median.toFixed(0)} acknowledged ops/s (medians)`,
  );
  const result: BenchResult = {
    machine: { node: process.version, cpus: cpus().length, loadavg: loadavg() },
    scenario: { description: BENCH_SCENARIO.description, runs: results, summary },
  };
  if (!values['no-grade']) {
    const grades: GradeTiming[] = [];
    for (let i = 0; i < Number(values['grade-runs']); i++) {
      const g = gradeRun();
      grades.push(g);
      log(
        `raftlab grade lab1 --target solutions: ${(g.wallMs / 1000).toFixed(2)} s wall (exit ${g.exitCode})`,
      );
    }
    const ms = grades.map((g) => g.wallMs);
    result.grade = { runs: grades, minMs: Math.min(...ms), maxMs: Math.max(...ms) };
  }
  if (values['gc-writes'] !== undefined) {
    const counts = values['gc-writes']
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    if (typeof globalThis.gc !== 'function')
      log('(no --expose-gc: heap samples include uncollected garbage)');
    result.gc = [];
    for (const writes of counts) {
      const r = await runGcBench({
        writes,
        gcCountLimit: Number(values['gc-limit']),
        writers: Number(values['gc-writers']),
      });
      result.gc.push(r);
      log(formatGcBench(r));
    }
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (values.json) process.stdout.write(json);
  if (values.out !== undefined) writeFileSync(values.out, json);
}

await main();
