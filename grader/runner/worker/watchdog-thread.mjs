// Worker side: the watchdog helper thread (plain JS: it runs in a worker_thread of a vitest forks
// worker, where no TypeScript loader exists). The worker's main thread bumps a heartbeat in shared
// memory from a real setInterval and at every test start (and stores how full its heap is); if the heartbeat stops for stallMs (an
// infinite loop, sync or microtask — or a heap so full that V8 only collects garbage) or, sooner,
// stops while the process burns busyMs of CPU (a spinning loop rather than a starved process), or the
// process's resident memory exceeds rssMb, this thread appends a record naming the running test
// to the channel (with the run's MAC) and SIGKILLs its own process. The runner turns that into timeout/crashed.
import { createHmac } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

/** @type {{ sab: SharedArrayBuffer, sidecar: string, key: string, stallMs: number, busyMs: number, rssMb: number, layout: typeof import('../contract.js').WATCHDOG }} */
const { sab, sidecar, key, stallMs, busyMs, rssMb, layout: L } = workerData;
const words = new Int32Array(sab, 0, L.words);
const bytes = new Uint8Array(sab);
const decoder = new TextDecoder();

function readString(lengthWord, offset) {
  const n = Atomics.load(words, lengthWord);
  if (n < 0) return null;
  return decoder.decode(bytes.slice(offset, offset + Math.min(n, L.maxLen)));
}

/** The line format of contract.ts's encodeRecord (this plain-JS thread cannot import TypeScript). */
function encode(record) {
  const json = JSON.stringify(record);
  const mac = key
    ? createHmac('sha256', Buffer.from(key, 'hex')).update(json).digest('hex').slice(0, 32)
    : '-';
  return `${mac} ${json}\n`;
}

function die(record) {
  const full = {
    ...record,
    file: readString(L.fileLength, L.fileOffset) ?? '',
    pid: process.pid,
    key: readString(L.keyLength, L.keyOffset),
  };
  try {
    if (sidecar) appendFileSync(sidecar, encode(full));
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}

/** Process CPU time (user + system) in ms: the main thread's, plus this thread's small share. */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let lastBeat = Atomics.load(words, L.heartbeat);
let lastChange = performance.now();
let cpuAtChange = cpuMs();
setInterval(() => {
  const now = performance.now();
  const beat = Atomics.load(words, L.heartbeat);
  if (beat !== lastBeat) {
    lastBeat = beat;
    lastChange = now;
    cpuAtChange = cpuMs();
  } else {
    const stalled = now - lastChange;
    const busy = cpuMs() - cpuAtChange;
    if (stalled > stallMs || busy > busyMs) {
      const heapPercent = Atomics.load(words, L.heapPercent);
      if (heapPercent >= 85) die({ t: 'oom', what: 'heap', mb: heapPercent });
      else die({ t: 'hung', stallMs: Math.round(stalled) });
    }
  }
  const rss = process.memoryUsage.rss() / 1048576;
  if (rss > rssMb) die({ t: 'oom', what: 'rss', mb: Math.round(rss) });
}, 100);
