// Command-line flags of the self-test (`npm test -- [flags]` or `tsx grader/selftest/main.ts [flags]`).
import { parseArgs } from 'node:util';
import { SelftestUsageError } from './errors.js';

export interface SelftestArgs {
  help: boolean;
  list: boolean;
  only: string[];
  skip: string[];
  keepGoing: boolean;
  verbose: boolean;
  thorough: boolean;
  /** Partly solved trees graded at the same time in the cumulative step (default: see main.ts). */
  jobs?: number;
}

export const SELFTEST_HELP = `Usage: npm test -- [options]   (or: npx tsx grader/selftest/main.ts [options])

Runs the kit's self-test steps in order and stops at the first failure.
Options:
  --only a,b      run only these steps
  --skip a,b      skip these steps
  --keep-going    run the remaining steps after a failure
  --thorough      cumulative step: grade every lab in every partly solved tree
  --jobs N        cumulative and mistakes steps: N gradings at a time (default 2, 1 on one core)
  --verbose       stream the output of every command
  --list          list the steps and exit
  -h, --help      show this help`;

function names(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  list: { type: 'boolean' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'keep-going': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  thorough: { type: 'boolean' },
  jobs: { type: 'string' },
} as const;

function parse(args: readonly string[]) {
  return parseArgs({ args: [...args], allowPositionals: false, options: OPTIONS }).values;
}

export function parseSelftestArgs(args: readonly string[], known: readonly string[]): SelftestArgs {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(args);
  } catch (e) {
    throw new SelftestUsageError(e instanceof Error ? e.message : String(e));
  }
  const parsed: SelftestArgs = {
    help: values.help === true,
    list: values.list === true,
    only: names(values.only),
    skip: names(values.skip),
    keepGoing: values['keep-going'] === true,
    verbose: values.verbose === true,
    thorough: values.thorough === true,
    ...(values.jobs === undefined ? {} : { jobs: Number(values.jobs) }),
  };
  if (parsed.jobs !== undefined && (!Number.isSafeInteger(parsed.jobs) || parsed.jobs < 1)) {
    throw new SelftestUsageError(`--jobs must be a positive integer, got ${values.jobs}`);
  }
  const unknown = [...parsed.only, ...parsed.skip].filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new SelftestUsageError(`unknown step ${unknown.join(', ')} (steps: ${known.join(', ')})`);
  }
  return parsed;
}
