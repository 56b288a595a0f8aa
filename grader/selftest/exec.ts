// Runs one subprocess for a self-test step: captured output (optionally streamed), a wall-clock
// timeout that kills the whole process group, and paths to the repo's own tool binaries.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingDependency } from './errors.js';

export interface ExecOptions {
  cwd: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Also copy the output to this process's stdout as it comes. */
  stream?: boolean;
}

export interface ExecResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** stdout and stderr interleaved (the last MAX_OUTPUT characters). */
  output: string;
  ms: number;
}

const MAX_OUTPUT = 2_000_000;

/** Process groups still running, killed if the self-test itself is interrupted. */
const running = new Set<number>();
let handlersInstalled = false;

function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const pid of running) killGroup(pid);
      process.exit(130);
    });
  }
}

export function exec(cmd: string, args: readonly string[], opts: ExecOptions): Promise<ExecResult> {
  const command = [cmd, ...args].join(' ');
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, [...args], {
      cwd: opts.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    installInterruptHandlers();
    if (child.pid !== undefined) running.add(child.pid);
    let output = '';
    const onData = (chunk: Buffer): void => {
      const s = chunk.toString('utf8');
      if (opts.stream) process.stdout.write(s);
      output += s;
      if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolvePromise({ command, code, signal, timedOut, output, ms: performance.now() - started });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A tool from node_modules/.bin; MissingDependency when `npm ci` has not installed it. */
export function bin(root: string, name: string): string {
  const path = join(root, 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new MissingDependency(`node_modules/.bin/${name} is missing: run npm ci`);
  return path;
}

/** Requires a repo file that another part of the kit provides. */
export function requireFile(root: string, rel: string, what: string): string {
  const path = join(root, rel);
  if (!existsSync(path)) throw new MissingDependency(`${rel} does not exist yet (${what})`);
  return path;
}

/** The last `n` non-empty lines of some output, for failure messages. */
export function tail(output: string, n = 40): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}

/** Describes how a command ended, for failure messages. */
export function ending(r: ExecResult, timeoutMs: number): string {
  if (r.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s (killed)`;
  if (r.signal !== null) return `killed by ${r.signal}`;
  return `exit code ${r.code}`;
}
