// The one mapping from how a command ended to its exit code, shared by raftlab, the self-test, the
// generators and the bench: 0 ok, 1 a failing grade / check / self-test, 2 a usage or target error,
// 3 an internal error (a bug of the kit: printed with its stack).
import chalk from 'chalk';
import { SelectionError } from '../runner/host/select.js';
import { TargetError } from '../runner/host/paths.js';
import { MakeLabsError } from '../tools/makelabs/errors.js';
import { CONSOLE_IO, type CommandIO } from './command.js';
import { UsageError } from './usage.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for a result: passed (0) or not (1). */
export function exitFor(passed: boolean): ExitCode {
  return passed ? EXIT.ok : EXIT.failed;
}

/** The exit code of an error a command threw. */
export function exitCodeOf(e: unknown): ExitCode {
  if (e instanceof UsageError || e instanceof SelectionError || e instanceof TargetError) return EXIT.usage;
  // make-labs: marker problems, a refused output folder, a student's work in labs/
  if (e instanceof MakeLabsError) return EXIT.failed;
  return EXIT.internal;
}

/** The lines to print for an error a command threw, under the program's name (e.g. `raftlab grade`). */
export function errorLines(program: string, e: unknown, helpCommand?: string): string[] {
  const code = exitCodeOf(e);
  if (code === EXIT.internal) {
    return [
      `${program}: internal error (please report it with the command you ran):`,
      e instanceof Error ? (e.stack ?? e.message) : String(e),
    ];
  }
  const raw = e instanceof Error ? e.message : String(e);
  // `make-labs: make-labs: …` when the program and the command have one name
  const message = raw.startsWith(`${program}: `) ? raw.slice(program.length + 2) : raw;
  const help = code === EXIT.usage && helpCommand !== undefined ? [`Run "${helpCommand}" for usage.`] : [];
  return [`${program}: ${message}`, ...help];
}

/** Runs a program's body the same way for every entry point: a thrown error is printed and becomes its exit code. */
export async function runProgram(
  program: string,
  body: () => Promise<number> | number,
  opts: { io?: CommandIO; helpCommand?: string } = {},
): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const io = opts.io ?? CONSOLE_IO;
    const lines = errorLines(program, e, opts.helpCommand);
    const [first = '', ...rest] = lines;
    io.err(chalk.red(first));
    for (const l of rest) io.err(l);
    return exitCodeOf(e);
  }
}
