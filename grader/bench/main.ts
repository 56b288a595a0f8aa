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
import { defineCommand, type OptionDefs, type Parsed } from '../cli/command.js';
import { EXIT, runProgram } from '../cli/exit.js';
import { UsageError } from '../cli/usage.js';
import { REPO_ROOT as repo } from '../paths.js';
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

const OPTIONS = {
  runs: {
    type: 'int',
    arg: 'N',
    default: 5,
    min: 1,
    help: 'seeds of the chaos scenario to measure (after 2 warm-up runs)',
  },
  'grade-runs': {
    type: 'int',
    arg: 'N',
    default: 2,
    min: 1,
    help: 'timed runs of `raftlab grade lab1 --target solutions`',
  },
  'no-grade': { type: 'boolean', help: 'skip the grader timing' },
  'gc-writes': {
    type: 'string',
    arg: 'N,M',
    help: 'also run the log-GC memory bench with N, M … writes (e.g. 100000,1000000)',
  },
  'gc-limit': { type: 'int', arg: 'L', default: 1000, min: 1, help: 'its GC count limit' },
  'gc-writers': { type: 'int', arg: 'W', default: 16, min: 1, help: 'its concurrent writers' },
  'no-snap': { type: 'boolean', help: 'skip the lab-4 snapshot benches' },
  'snap-only': { type: 'boolean', help: 'run only the lab-4 snapshot benches' },
  'snap-mb': {
    type: 'int',
    arg: 'N',
    default: 256,
    min: 1,
    help: "size of the TCP bench's snapshot file in MiB",
  },
  'snap-rounds': {
    type: 'int',
    arg: 'N',
    default: 1,
    min: 1,
    help: 'rounds of the TCP bench, each a kit copy and a raw copy (medians)',
  },
  'snap-chunk-kb': {
    type: 'int',
    arg: 'K',
    min: 1,
    help: "the kit's chunk size in the TCP bench (default: the kit's, 64)",
  },
  'snap-window-kb': {
    type: 'int',
    arg: 'K',
    min: 1,
    help: "the kit's window in the TCP bench (default: the kit's, 1024)",
  },
  'snap-keys': {
    type: 'int',
    arg: 'N',
    default: 100_000,
    min: 1,
    help: "keys in the simulator's snapshot bench",
  },
  json: { type: 'boolean', help: "print the results as JSON (use npm run -s to drop npm's banner)" },
  out: { type: 'string', arg: 'FILE', help: 'also write the JSON to FILE' },
} as const satisfies OptionDefs;

/** The bench's settings from its checked options (a bad number is a usage error, not zero runs). */
function options(v: Parsed<typeof OPTIONS>['values']) {
  if (v['no-snap'] && v['snap-only']) throw new UsageError('--no-snap and --snap-only contradict each other');
  const kb = (n: number | undefined): number | undefined => (n === undefined ? undefined : n * 1024);
  const limits = { chunkBytes: kb(v['snap-chunk-kb']), windowBytes: kb(v['snap-window-kb']) };
  const gcWrites = v['gc-writes']
    ?.split(',')
    .map((w) => {
      const n = Number(w);
      if (!Number.isSafeInteger(n) || n < 1)
        throw new UsageError(`--gc-writes: "${w}" is not a positive integer`);
      return n;
    })
    .sort((a, b) => a - b);
  return {
    json: v.json,
    runs: v.runs,
    gradeRuns: v['grade-runs'],
    noGrade: v['no-grade'],
    out: v.out,
    gcWrites,
    gcLimit: v['gc-limit'],
    gcWriters: v['gc-writers'],
    snap: !v['no-snap'],
    snapOnly: v['snap-only'],
    snapMB: v['snap-mb'],
    snapRounds: v['snap-rounds'],
    snapLimits: Object.fromEntries(Object.entries(limits).filter(([, x]) => x !== undefined)),
    snapKeys: v['snap-keys'],
  };
}

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

async function bench(p: Parsed<typeof OPTIONS>): Promise<number> {
  const values = options(p.values);
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
  return EXIT.ok;
}

const benchCommand = defineCommand({
  name: 'bench',
  invocation: 'npm run bench --',
  summary: 'measure the simulator and the grader',
  description: 'Measures the simulator and the grader on this machine (see docs/performance.md).',
  options: OPTIONS,
  run: bench,
});

const args = process.argv.slice(2);
process.exitCode = await runProgram('bench', () => benchCommand.execute(args), {
  helpCommand: 'npm run bench -- --help',
});
