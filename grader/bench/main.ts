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
import { flag, intOption, parse, str, UsageError } from '../cli/args.js';
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

/** The bench's options, checked like the CLI's (a bad number is a usage error, not zero runs). */
function options(argv: readonly string[]) {
  const p = parse('bench', argv, {
    json: { type: 'boolean' },
    runs: { type: 'string' },
    'grade-runs': { type: 'string' },
    'no-grade': { type: 'boolean' },
    out: { type: 'string' },
    'gc-writes': { type: 'string' },
    'gc-limit': { type: 'string' },
    'gc-writers': { type: 'string' },
  });
  const gcWrites = str(p, 'gc-writes')
    ?.split(',')
    .map((w) => {
      const n = Number(w);
      if (!Number.isSafeInteger(n) || n < 1)
        throw new UsageError(`--gc-writes: "${w}" is not a positive integer`);
      return n;
    })
    .sort((a, b) => a - b);
  return {
    json: flag(p, 'json'),
    runs: intOption(p, 'runs', { min: 1 }) ?? 5,
    gradeRuns: intOption(p, 'grade-runs', { min: 1 }) ?? 2,
    noGrade: flag(p, 'no-grade'),
    out: str(p, 'out'),
    gcWrites,
    gcLimit: intOption(p, 'gc-limit', { min: 1 }) ?? 1000,
    gcWriters: intOption(p, 'gc-writers', { min: 1 }) ?? 16,
  };
}

const HELP = `Usage: npm run bench -- [options]

Measures the simulator and the grader on this machine (see docs/performance.md).

Options:
  --runs N          seeds of the chaos scenario to measure (default 5, after 2 warm-up runs)
  --grade-runs N    timed runs of \`raftlab grade lab1 --target solutions\` (default 2)
  --no-grade        skip the grader timing
  --gc-writes N,M   also run the log-GC memory bench with N, M … writes (e.g. 100000,1000000)
  --gc-limit L      its GC count limit (default 1000)
  --gc-writers W    its concurrent writers (default 16)
  --json            print the results as JSON (use npm run -s to drop npm's banner)
  --out FILE        also write the JSON to FILE
  -h, --help        show this help`;

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    console.log(HELP);
    return;
  }
  const values = options(process.argv.slice(2));
  const runs = values.runs;
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
  if (!values.noGrade) {
    const grades: GradeTiming[] = [];
    for (let i = 0; i < values.gradeRuns; i++) {
      const g = gradeRun();
      grades.push(g);
      log(
        `raftlab grade lab1 --target solutions: ${(g.wallMs / 1000).toFixed(2)} s wall (exit ${g.exitCode})`,
      );
    }
    const ms = grades.map((g) => g.wallMs);
    result.grade = { runs: grades, minMs: Math.min(...ms), maxMs: Math.max(...ms) };
  }
  if (values.gcWrites !== undefined) {
    const counts = values.gcWrites;
    if (typeof globalThis.gc !== 'function')
      log('(no --expose-gc: heap samples include uncollected garbage)');
    result.gc = [];
    for (const writes of counts) {
      const r = await runGcBench({
        writes,
        gcCountLimit: values.gcLimit,
        writers: values.gcWriters,
      });
      result.gc.push(r);
      log(formatGcBench(r));
    }
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (values.json) process.stdout.write(json);
  if (values.out !== undefined) writeFileSync(values.out, json);
}

try {
  await main();
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(e.message);
  process.exitCode = 2;
}
