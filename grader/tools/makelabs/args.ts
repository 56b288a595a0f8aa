// The command line of `raftlab make-labs`: its definition (options, help text) in the kit's one
// command framework (grader/cli/command.ts), and the parsed arguments the generator runs with.
import { type CommandSpec, type OptionDefs, parseCommand } from '../../cli/command.js';
import { UsageError } from '../../cli/usage.js';
import { parseHintLevel } from './generate.js';
import type { HintLevel } from './stub.js';

export interface MakeLabsArgs {
  help: boolean;
  check: boolean;
  force: boolean;
  /** Raw --solved list (labs/parts), not yet expanded. */
  solved?: string;
  out?: string;
  /** Repo root holding solutions/ and labs/ (default: this checkout). */
  root?: string;
  /** How much the stubs' hints give away (--hints, default full). */
  hints: HintLevel;
}

const OPTIONS = {
  check: {
    type: 'boolean',
    help:
      'exit 1 if labs/ (or --out DIR) differs from what would be written,\n' +
      'listing each differing file and its first differing line; writes nothing',
  },
  out: { type: 'string', arg: 'DIR', help: 'write (or with --check, compare) DIR instead of labs/' },
  solved: {
    type: 'string',
    arg: 'LIST',
    help:
      'keep the reference code of these parts, stub the rest; LIST is\n' +
      'comma-separated part ids (lab1a) or lab ids (lab1 = all its parts)\n' +
      "or 'all'; needs --out",
  },
  force: { type: 'boolean', help: 'overwrite labs/ even if its marked regions hold implemented code' },
  root: { type: 'string', arg: 'DIR', help: 'repository root holding solutions/ (default: this checkout)' },
  hints: {
    type: 'string',
    arg: 'LEVEL',
    default: 'full',
    help:
      "how much the stubs' hints give away: full (close to the code, what\n" +
      "labs/ holds), brief (each rule in words: the regions' `// brief:`\n" +
      'lines) or none (`// BEGIN <part>` and the stub only)',
  },
} as const satisfies OptionDefs;

export const MAKE_LABS: CommandSpec<typeof OPTIONS> = {
  name: 'make-labs',
  invocation: 'npx raftlab make-labs',
  summary: 'generate labs/ (the student skeleton) from solutions/',
  description:
    'Generates the student tree labs/ from solutions/: every marked region\n' +
    '  // BEGIN <part>: <hint>  …  // END <part>\n' +
    'keeps its two marker lines and gets `throw new LabTodo(part, hint)` as its body.\n' +
    'Without options it writes labs/ (stale files there are deleted).',
  options: OPTIONS,
  footer: 'Exit codes: 0 ok, 1 differences or marker problems or refused output, 2 usage error.',
};

export function parseMakeLabsArgs(args: readonly string[]): MakeLabsArgs {
  const { values, help } = parseCommand(MAKE_LABS, args);
  const parsed: MakeLabsArgs = {
    help,
    check: values.check,
    force: values.force,
    hints: parseHintLevel(values.hints),
    ...(values.solved === undefined ? {} : { solved: values.solved }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.root === undefined ? {} : { root: values.root }),
  };
  if (parsed.solved !== undefined && parsed.out === undefined) {
    throw new UsageError('--solved needs --out DIR: labs/ always holds the unsolved skeleton');
  }
  return parsed;
}
