// Shared presentation helpers for terminal output: status labels and colors, durations, padding.
// chalk honours NO_COLOR / FORCE_COLOR and plain output when stdout is not a terminal.
import chalk from 'chalk';
import type { TestStatus } from './model.js';

const LABELS: Record<TestStatus, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  timeout: 'TIMEOUT',
  crashed: 'CRASH',
  skipped: 'SKIP',
};

export const STATUS_WIDTH = 7;

export function statusLabel(s: TestStatus, width = 0): string {
  const text = LABELS[s].padEnd(width);
  switch (s) {
    case 'passed':
      return chalk.green(text);
    case 'failed':
      return chalk.red.bold(text);
    case 'timeout':
      return chalk.yellow.bold(text);
    case 'crashed':
      return chalk.magenta.bold(text);
    case 'skipped':
      return chalk.gray(text);
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function score(got: number, max: number): string {
  const text = `${fmtPoints(got)}/${fmtPoints(max)}`;
  if (max === 0) return chalk.gray(text);
  return got === max ? chalk.green(text) : got === 0 ? chalk.red(text) : chalk.yellow(text);
}

function fmtPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Visible length, ignoring ANSI color escapes. */
export function visibleLength(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes on purpose
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export function padVisible(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - visibleLength(s)));
  return align === 'left' ? s + pad : pad + s;
}
