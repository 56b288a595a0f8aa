// The command line of the self-test (`npm test -- [flags]` or `tsx grader/selftest/main.ts [flags]`),
// defined with the kit's one command framework (grader/cli/command.ts).
import { type CommandSpec, type OptionDefs, parseCommand, renderHelp } from '../cli/command.js';
import { didYouMean, UsageError } from '../cli/usage.js';

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

const OPTIONS = {
  only: { type: 'list', arg: 'a,b', help: 'run only these steps' },
  skip: { type: 'list', arg: 'a,b', help: 'skip these steps' },
  'keep-going': { type: 'boolean', help: 'run the remaining steps after a failure' },
  thorough: { type: 'boolean', help: 'cumulative step: grade every lab in every partly solved tree' },
  jobs: {
    type: 'int',
    arg: 'N',
    min: 1,
    help: 'cumulative and mistakes steps: N gradings at a time (default 2, 1 on one core)',
  },
  verbose: { type: 'boolean', short: 'v', help: 'stream the output of every command' },
  list: { type: 'boolean', help: 'list the steps and exit' },
} as const satisfies OptionDefs;

const SELFTEST: CommandSpec<typeof OPTIONS> = {
  name: 'selftest',
  invocation: 'npm test --',
  summary: "the kit's self-test",
  description:
    '(or: npx tsx grader/selftest/main.ts [options])\n\n' +
    "Runs the kit's self-test steps in order and stops at the first failure.",
  options: OPTIONS,
};

export const SELFTEST_HELP = renderHelp(SELFTEST);

export function parseSelftestArgs(args: readonly string[], known: readonly string[]): SelftestArgs {
  const { values: v, help } = parseCommand(SELFTEST, args);
  const parsed: SelftestArgs = {
    help,
    list: v.list,
    only: v.only,
    skip: v.skip,
    keepGoing: v['keep-going'],
    verbose: v.verbose,
    thorough: v.thorough,
    ...(v.jobs === undefined ? {} : { jobs: v.jobs }),
  };
  for (const n of [...parsed.only, ...parsed.skip]) {
    if (!known.includes(n))
      throw new UsageError(`selftest: unknown step ${n}${didYouMean(n, known)} (steps: ${known.join(', ')})`);
  }
  return parsed;
}
