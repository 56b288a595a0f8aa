// Command-line parsing on node:util parseArgs, with the errors every command shares: an unknown
// option or a bad value is a UsageError (exit code 2) whose message names the problem.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The command line is wrong; the message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function parse(command: string, args: readonly string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError(`${command}: ${msg.replace(/\. To specify a positional argument.*$/s, '')}`);
  }
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

export function strs(p: Parsed, name: string): string[] {
  const v = p.values[name];
  if (!Array.isArray(v)) return typeof v === 'string' ? [v] : [];
  return v.filter((x): x is string => typeof x === 'string');
}

export function intOption(
  p: Parsed,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  const raw = str(p, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(n))
    throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  if (opts.min !== undefined && n < opts.min)
    throw new UsageError(`--${name} must be at least ${opts.min}, got ${n}`);
  if (opts.max !== undefined && n > opts.max)
    throw new UsageError(`--${name} must be at most ${opts.max}, got ${n}`);
  return n;
}
