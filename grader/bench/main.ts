// `npm run bench [-- --json] [--out FILE] [--runs N] [--grade-runs N] [--no-grade] [--gc-writes N,M]
// [--gc-limit L] [--no-snap] [--snap-only] [--snap-mb N] …`: measures the simulator on this machine.
// (1) A chaos scenario, 5 stores and 5 clients, over the solutions' store: speed-up (virtual s per
// wall s), events per wall s and committed client ops per wall s, over several seeds after two warm-up
// runs (min / median / max; also per CPU second of the process, GC threads included).
// (2) The wall time of `raftlab grade lab1 --target solutions`, spawned as a child process.
// (3) With --gc-writes: the log-GC memory bench (gc-bench.ts) once per write count — peak heap, raft-log
// keys per store, wall time. `npm run bench` runs node with --expose-gc so heap samples are taken
// after a full collection.
// (4) Lab 4's snapshot transport, unless --no-snap: a snapshot file copied over loopback TCP by the
// kit's sender and receiver against a raw socket copy of the same bytes (snap-tcp-bench.ts: throughput
// ratio, RSS growth), and a snapshot of 100 000 keys through the simulator's chunked path
// (snap-sim-bench.ts: wall time, heap). --snap-only runs just these.
// Scenario runs happen in this process with @target resolved by tsx from tsconfig (solutions/).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flag, intOption, parse, str, UsageError } from '../cli/args.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { formatGcBench, type GcBenchResult, runGcBench } from './gc-bench.js';
import { formatSnapSimBench, runSnapSimBench, type SnapSimBenchResult } from './snap-sim-bench.js';
import {
  formatCopy,
  formatSnapTcpBench,
  runSnapTcpBench,
  type SnapTcpBenchResult,
} from './snap-tcp-bench.js';
import { BENCH_SCENARIO, type BenchRun, summarize, type Summary } from './stats.js';
import { runScenario } from '../sim/scenario.js';

interface GradeTiming {
  wallMs: number;
  exitCode: number | null;
}

interface BenchResult {
  machine: { node: string; cpus: number; loadavg: number[] };
  scenario?: { description: string; runs: BenchRun[]; summary: Summary };
  grade?: { runs: GradeTiming[]; minMs: number; maxMs: number };
  gc?: GcBenchResult[];
  snapTcp?: SnapTcpBenchResult;
  snapSim?: SnapSimBenchResult;
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
    'no-snap': { type: 'boolean' },
    'snap-only': { type: 'boolean' },
    'snap-mb': { type: 'string' },
    'snap-rounds': { type: 'string' },
    'snap-chunk-kb': { type: 'string' },
    'snap-window-kb': { type: 'string' },
    'snap-keys': { type: 'string' },
  });
  if (flag(p, 'no-snap') && flag(p, 'snap-only'))
    throw new UsageError('--no-snap and --snap-only contradict each other');
  const kb = (name: string): number | undefined => {
    const n = intOption(p, name, { min: 1 });
    return n === undefined ? undefined : n * 1024;
  };
  const limits = { chunkBytes: kb('snap-chunk-kb'), windowBytes: kb('snap-window-kb') };
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
    snap: !flag(p, 'no-snap'),
    snapOnly: flag(p, 'snap-only'),
    snapMB: intOption(p, 'snap-mb', { min: 1 }) ?? 256,
    snapRounds: intOption(p, 'snap-rounds', { min: 1 }) ?? 1,
    snapLimits: Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    snapKeys: intOption(p, 'snap-keys', { min: 1 }) ?? 100_000,
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
  --no-snap         skip the lab-4 snapshot benches
  --snap-only       run only the lab-4 snapshot benches
  --snap-mb N       size of the TCP bench's snapshot file in MiB (default 256)
  --snap-rounds N   rounds of the TCP bench, each a kit copy and a raw copy (default 1; medians)
  --snap-chunk-kb K the kit's chunk size in the TCP bench (default: the kit's, 64)
  --snap-window-kb K  the kit's window in the TCP bench (default: the kit's, 1024)
  --snap-keys N     keys in the simulator's snapshot bench (default 100000)
  --json            print the results as JSON (use npm run -s to drop npm's banner)
  --out FILE        also write the JSON to FILE
  -h, --help        show this help`;

type Values = ReturnType<typeof options>;
type Log = (s: string) => void;

/** (1) The chaos scenario: two warm-up runs (JIT), not reported, then `runs` measured seeds. */
async function scenarioBench(runs: number, log: Log): Promise<BenchResult['scenario']> {
  log(`scenario: ${BENCH_SCENARIO.description}`);
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
  return { description: BENCH_SCENARIO.description, runs: results, summary };
}

/** (2) Timed runs of the lab-1 grader. */
function gradeBench(gradeRuns: number, log: Log): BenchResult['grade'] {
  const grades: GradeTiming[] = [];
  for (let i = 0; i < gradeRuns; i++) {
    const g = gradeRun();
    grades.push(g);
    log(`raftlab grade lab1 --target solutions: ${(g.wallMs / 1000).toFixed(2)} s wall (exit ${g.exitCode})`);
  }
  const ms = grades.map((g) => g.wallMs);
  return { runs: grades, minMs: Math.min(...ms), maxMs: Math.max(...ms) };
}

/** (3) The log-GC memory bench, once per write count. */
async function gcBench(values: Values, log: Log): Promise<GcBenchResult[]> {
  if (typeof globalThis.gc !== 'function') log('(no --expose-gc: heap samples include uncollected garbage)');
  const out: GcBenchResult[] = [];
  for (const writes of values.gcWrites ?? []) {
    const r = await runGcBench({ writes, gcCountLimit: values.gcLimit, writers: values.gcWriters });
    out.push(r);
    log(formatGcBench(r));
  }
  return out;
}

/** (4) Lab 4: the snapshot over loopback TCP, then the snapshot through the simulator's chunked path. */
async function snapBench(values: Values, log: Log, result: BenchResult): Promise<void> {
  result.snapTcp = await runSnapTcpBench({
    sizeMB: values.snapMB,
    rounds: values.snapRounds,
    limits: values.snapLimits,
    onCopy: (c) => log(formatCopy(c)),
  });
  log(formatSnapTcpBench(result.snapTcp));
  result.snapSim = await runSnapSimBench({ keys: values.snapKeys });
  log(formatSnapSimBench(result.snapSim));
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    console.log(HELP);
    return;
  }
  const values = options(process.argv.slice(2));
  const { cpus, loadavg } = await import('node:os');
  const log = (s: string): void => {
    if (!values.json) process.stdout.write(`${s}\n`);
  };
  const result: BenchResult = { machine: { node: process.version, cpus: cpus().length, loadavg: [] } };
  if (!values.snapOnly) {
    result.scenario = await scenarioBench(values.runs, log);
    if (!values.noGrade) result.grade = gradeBench(values.gradeRuns, log);
    if (values.gcWrites !== undefined) result.gc = await gcBench(values, log);
  }
  if (values.snap) await snapBench(values, log, result);
  result.machine.loadavg = loadavg();
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
