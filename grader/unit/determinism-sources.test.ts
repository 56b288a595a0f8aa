// Principle 2 for the reference: code under test reads no clock, sets no timer and draws no unseeded
// random number except through the injected Runtime. This scans solutions/ for the global APIs that
// would break "same seed ⇒ same run"; only the real-world adapters may use them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { SOLUTIONS_DIR as ROOT } from '../paths.js';

/** The adapters that run a real cluster: they implement the Runtime and the TCP transport. */
const ALLOWED = new Set(['runtime/realtime.ts', 'store/tcp-transport.ts']);
const FORBIDDEN =
  /(?<![.\w])(Date\.now|new Date\(|Math\.random|setTimeout|setInterval|setImmediate|queueMicrotask|performance\.now|process\.hrtime|crypto\.random\w*)\s*\(/;

/** A method signature (typed parameters), e.g. the Runtime interface's own setInterval: not a call. */
const SIGNATURE = /^\s*\w+\(\w+\s*:/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'gen' ? [] : sources(path);
    return d.name.endsWith('.ts') ? [path] : [];
  });
}

test('solutions/ uses no clock, timer or randomness outside the injected Runtime', () => {
  const offences: string[] = [];
  for (const file of sources(ROOT)) {
    const rel = relative(ROOT, file);
    if (ALLOWED.has(rel)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (FORBIDDEN.test(code) && !SIGNATURE.test(code))
          offences.push(`solutions/${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offences).toEqual([]);
});

test('the scan would catch a direct call', () => {
  expect(FORBIDDEN.test('const t = Date.now();')).toBe(true);
  expect(FORBIDDEN.test('setTimeout(() => {}, 5)')).toBe(true);
  expect(FORBIDDEN.test('this.runtime.setTimer(5, f)')).toBe(false);
  expect(FORBIDDEN.test('cfg.runtime.setInterval(10, f)')).toBe(false);
  expect(SIGNATURE.test('  setInterval(periodMs: number, fn: () => void): Timer;')).toBe(true);
  expect(SIGNATURE.test('    setInterval(() => tick(), 10);')).toBe(false);
});
