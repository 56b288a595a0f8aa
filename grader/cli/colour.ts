// Whether the output is coloured, decided once per process: --no-color, then FORCE_COLOR (as chalk
// and Node read it: 0/false off, else on), then NO_COLOR (set and not empty: off), else chalk's own
// detection (a terminal). The decision is also handed to the test workers through the environment:
// vitest's console in a worker colours a student's console.log output even into a pipe unless
// NO_COLOR is set, so colour there follows whether the grader's stdout is a coloured terminal.
import chalk, { type ColorSupportLevel, supportsColor } from 'chalk';

export interface ColourInputs {
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** chalk's detection for stdout (0 when it is not a terminal). */
  detected: ColorSupportLevel;
}

/** The colour level to use (0: none). */
export function colourLevel({ noColorFlag, env, detected }: ColourInputs): ColorSupportLevel {
  if (noColorFlag) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.min(Math.max(n, 1), 3) as ColorSupportLevel);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return detected;
}

/** Applies the decision to chalk and to the environment the test workers inherit. */
export function applyColour(noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): ColorSupportLevel {
  const detected = supportsColor === false ? 0 : supportsColor.level;
  const level = colourLevel({ noColorFlag, env, detected });
  chalk.level = level;
  if (level === 0) {
    env.NO_COLOR = '1';
    delete env.FORCE_COLOR;
  }
  return level;
}

/** Was --no-color given (anywhere before a `--`)? Every command accepts it. */
export function noColorFlag(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--no-color');
}
