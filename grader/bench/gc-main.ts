// `node --expose-gc --import tsx grader/bench/gc-main.ts [--writes 100000,1000000] [--limit 1000] [--json]`:
// runs the log-GC memory bench (gc-bench.ts) once per write count, smallest first, and prints the
// figures (or them all as JSON). Without --expose-gc the heap samples include uncollected garbage.
import { parseArgs } from 'node:util';
import { type GcBenchResult, formatGcBench, runGcBench } from './gc-bench.js';

const { values } = parseArgs({
  options: {
    writes: { type: 'string', default: '100000,1000000' },
    limit: { type: 'string', default: '1000' },
    writers: { type: 'string', default: '16' },
    json: { type: 'boolean', default: false },
  },
});
const counts = values.writes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const results: GcBenchResult[] = [];
for (const writes of counts) {
  const r = await runGcBench({
    writes,
    gcCountLimit: Number(values.limit),
    writers: Number(values.writers),
    onSample: (s) => {
      if (values.json || s.writes % (writes / 10) !== 0) return;
      const mem = `heap ${s.heapMB.toFixed(1)} MiB, array buffers ${s.arrayBuffersMB.toFixed(1)} MiB`;
      process.stdout.write(`  ${s.writes} writes: ${mem}, ${(s.wallMs / 1000).toFixed(1)} s\n`);
    },
  });
  results.push(r);
  if (!values.json) process.stdout.write(`${formatGcBench(r)}\n`);
}
if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
