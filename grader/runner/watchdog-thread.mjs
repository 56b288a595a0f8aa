// The watchdog helper thread (plain JS: it runs in a worker_thread of a vitest forks worker, where
// no TypeScript loader exists). The worker's main thread bumps a heartbeat in shared memory from a
// real setInterval (and stores how full its heap is); if the heartbeat stops for stallMs (an
// infinite loop, sync or microtask — or a heap so full that V8 only collects garbage) or, sooner,
// stops while the process burns busyMs of CPU (a spinning loop rather than a starved process), or the
// process's resident memory exceeds rssMb, this thread appends a record naming the running test
// to the sidecar file and SIGKILLs its own process. The runner turns that into timeout/crashed.
import { appendFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

/** @type {{ sab: SharedArrayBuffer, sidecar: string, stallMs: number, busyMs: number, rssMb: number, keyOffset: number, fileOffset: number, maxLen: number }} */
const { sab, sidecar, stallMs, busyMs, rssMb, keyOffset, fileOffset, maxLen } = workerData;
const words = new Int32Array(sab, 0, 4);
const bytes = new Uint8Array(sab);
const decoder = new TextDecoder();

/** Words: 0 heartbeat, 1 key length (-1: no test running), 2 file path length, 3 heap use in %. */
function readString(lengthWord, offset) {
  const n = Atomics.load(words, lengthWord);
  if (n < 0) return null;
  return decoder.decode(bytes.slice(offset, offset + Math.min(n, maxLen)));
}

function die(record) {
  const full = {
    ...record,
    file: readString(2, fileOffset) ?? '',
    pid: process.pid,
    key: readString(1, keyOffset),
  };
  try {
    if (sidecar) appendFileSync(sidecar, `${JSON.stringify(full)}\n`);
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}

/** Process CPU time (user + system) in ms: the main thread's, plus this thread's small share. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let lastBeat = Atomics.load(words, 0);
let lastChange = performance.now();
let cpuAtChange = cpuMs();
setInterval(() => {
  const now = performance.now();
  const beat = Atomics.load(words, 0);
  if (beat !== lastBeat) {
    lastBeat = beat;
    lastChange = now;
    cpuAtChange = cpuMs();
  } else {
    const stalled = now - lastChange;
    const busy = cpuMs() - cpuAtChange;
    if (stalled > stallMs || busy > busyMs) {
      const heapPercent = Atomics.load(words, 3);
      if (heapPercent >= 85) die({ t: 'oom', what: 'heap', mb: heapPercent });
      else die({ t: 'hung', stallMs: Math.round(stalled) });
    }
  }
  const rss = process.memoryUsage.rss() / 1048576;
  if (rss > rssMb) die({ t: 'oom', what: 'rss', mb: Math.round(rss) });
}, 100);
