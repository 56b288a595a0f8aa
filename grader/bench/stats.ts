// The bench's scenario definition and its statistics (ranges and medians over runs).
import type { ScenarioOptions } from '../sim/scenario.js';

export interface BenchRun {
  seed: number;
  virtualMs: number;
  wallMs: number;
  cpuMs: number;
  events: number;
  okOps: number;
  messages: number;
}

export interface Range {
  min: number;
  median: number;
  max: number;
}

export interface Summary {
  /** Virtual seconds per wall second. */
  speedup: Range;
  /** Virtual seconds per CPU second of this process. */
  cpuSpeedup: Range;
  eventsPerSec: Range;
  /** Acknowledged (committed) client operations per wall second. */
  opsPerSec: Range;
}

/** 5 stores, 5 clients, 10 s of clients under partitions, 10% drops and crashes of one store. */
export const BENCH_SCENARIO: { description: string; options: ScenarioOptions } = {
  description:
    '5 stores, 5 clients, 10 s virtual of client activity under random partitions, 10% message drops ' +
    'and crash/restart of one store at a time (then catch-up, read-back, durability and linearizability checks)',
  options: {
    clients: 5,
    runMs: 10_000,
    chaos: { partitions: true, unreliable: { drop: 0.1 }, crash: 'one' },
  },
};

function range(xs: number[]): Range {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

export function summarize(runs: BenchRun[]): Summary {
  return {
    speedup: range(runs.map((r) => r.virtualMs / r.wallMs)),
    cpuSpeedup: range(runs.map((r) => r.virtualMs / r.cpuMs)),
    eventsPerSec: range(runs.map((r) => (r.events / r.wallMs) * 1000)),
    opsPerSec: range(runs.map((r) => (r.okOps / r.wallMs) * 1000)),
  };
}
