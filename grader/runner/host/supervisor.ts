// Host side: the time limits, enforced from outside the workers. It follows the channel's
// verified records (which worker runs which file and test, since when by the host's clock) and
// SIGKILLs a worker whose test, file, or the whole run, goes past its limit — also a worker that
// stopped itself (SIGSTOP) or fooled its own watchdog. At the end of a run it kills every worker that
// is still alive, so that the report is written only after all of them are dead. A test's and a
// file's limits count a worker's own time: wall time less the time it sat runnable waiting for a core
// (Linux's /proc/<pid>/schedstat), so a loaded machine does not turn a correct test into a kill; the
// whole run's limit is wall time.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import {
  decodeRecord,
  DEFAULT_TIMEOUT_MS,
  type Limits,
  type TestDescriptor,
  WALL_GRACE_MS,
} from '../contract.js';
import { type Cause, wallCause } from './causes.js';

/** A worker the supervisor killed. */
export interface Kill {
  file: string;
  /** The test it was running (null: loading, or between tests). */
  key: string | null;
  pid: number;
  ranMs: number;
  cause: Cause;
}

interface Worker {
  file: string;
  loadedAt: number;
  key: string | null;
  startedAt: number;
}

const POLL_MS = 250;

/**
 * How long `pid` has waited for a core (ms), from /proc/<pid>/schedstat's run-queue wait; 0 where the
 * file cannot be read (not Linux, or the process is gone), which makes its own time wall time.
 */
function runQueueWaitMs(pid: number): number {
  try {
    const wait = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1e6 : 0;
  } catch {
    return 0;
  }
}

/** `pid`'s own clock: the host's clock less the time `pid` waited for a core. */
function ownNow(pid: number): number {
  return performance.now() - runQueueWaitMs(pid);
}

export class Supervisor {
  private readonly workers = new Map<number, Worker>();
  private readonly seen = new Set<number>();
  private readonly kills: Kill[] = [];
  private offset = 0;
  private partial = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly runStart = performance.now();
  /** Set once the whole run went past its limit: no further pass may start. */
  expired = false;

  constructor(
    private readonly channel: string,
    private readonly key: string,
    private readonly limits: Limits,
    private readonly tests: ReadonlyMap<string, readonly TestDescriptor[]>,
    private readonly seeds: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  /** Kills since the last call (the ledger charges them after each pass). */
  takeKills(): Kill[] {
    return this.kills.splice(0);
  }

  private testLimit(file: string, key: string): number {
    const d = this.tests.get(file)?.find((t) => t.key === key);
    const run = d?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return run * (d?.seeded === true ? this.seeds : 1) + WALL_GRACE_MS;
  }

  private fileLimit(file: string): number {
    const keys = (this.tests.get(file) ?? []).map((t) => t.key);
    return keys.reduce((a, k) => a + this.testLimit(file, k), WALL_GRACE_MS);
  }

  private poll(): void {
    this.readNew();
    const now = performance.now();
    if (now - this.runStart > this.limits.wallMs) {
      this.expired = true;
      for (const [pid, w] of this.workers)
        this.kill(pid, w, wallCause('the whole grading run', this.limits.wallMs));
      return;
    }
    for (const [pid, w] of this.workers) {
      const fileMs = this.fileLimit(w.file);
      const own = ownNow(pid);
      if (w.key !== null && own - w.startedAt > this.testLimit(w.file, w.key))
        this.kill(pid, w, wallCause('this test', this.testLimit(w.file, w.key)));
      else if (own - w.loadedAt > fileMs) this.kill(pid, w, wallCause('its test file', fileMs));
    }
  }

  private kill(pid: number, w: Worker, cause: Cause): void {
    this.workers.delete(pid);
    if (!isOurChild(pid)) return;
    // its own time, read while it can still be read
    const ranMs = Math.round(ownNow(pid) - (w.key !== null ? w.startedAt : w.loadedAt));
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return; // already gone
    }
    this.kills.push({ file: w.file, key: w.key, pid, ranMs, cause });
  }

  /** Follows the channel from where it stopped; only verified records move the state. */
  private readNew(): void {
    let fd: number;
    try {
      fd = openSync(this.channel, 'r');
    } catch {
      return;
    }
    const buf = Buffer.alloc(1 << 16);
    try {
      for (
        let n = readSync(fd, buf, 0, buf.length, this.offset);
        n > 0;
        n = readSync(fd, buf, 0, buf.length, this.offset)
      ) {
        this.offset += n;
        const text = this.partial + buf.toString('utf8', 0, n);
        const lines = text.split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) this.apply(line);
      }
    } finally {
      closeSync(fd);
    }
  }

  private apply(line: string): void {
    const r = decodeRecord(this.key, line);
    if (!r || r.pid <= 0) return;
    const now = ownNow(r.pid);
    const w = this.workers.get(r.pid);
    if (r.t === 'load') {
      this.seen.add(r.pid);
      this.workers.set(r.pid, { file: r.file, loadedAt: now, key: null, startedAt: now });
    } else if (w && r.t === 'start') {
      w.key = r.key;
      w.startedAt = now;
    } else if (w && r.t === 'end') w.key = null;
    else if (r.t === 'hung' || r.t === 'oom') this.workers.delete(r.pid);
  }

  /** Stops polling and SIGKILLs every worker of the run that is still alive. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const pid of this.seen) {
      if (!isOurChild(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
}

/** Is `pid` a live child of this process? Where /proc is missing, a verified record's pid is trusted. */
function isOurChild(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    try {
      process.kill(pid, 0);
      return process.platform !== 'linux';
    } catch {
      return false;
    }
  }
  // pid (comm) state ppid …: comm may hold spaces and parentheses, so parse after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]) === process.pid && fields[0] !== 'Z';
}
