// Command-line parsing of `raftlab make-labs`, and its help text.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface MakeLabsArgs {
  help: boolean;
  check: boolean;
  force: boolean;
  /** Raw --solved list (labs/parts), not yet expanded. */
  solved?: string;
  out?: string;
  /** Repo root holding solutions/ and labs/ (default: this checkout). */
  root?: string;
}

export const HELP = `Usage: raftlab make-labs [options]

Generates the student tree labs/ from solutions/: every marked region
  // BEGIN <part>: <hint>  …  // END <part>
keeps its two marker lines and gets \`throw new LabTodo(part, hint)\` as its body.

Options:
  (none)              write labs/ (stale files there are deleted)
  --check             exit 1 if labs/ (or --out DIR) differs from what would be written,
                      listing each differing file and its first differing line; writes nothing
  --out DIR           write (or with --check, compare) DIR instead of labs/
  --solved LIST       keep the reference code of these parts, stub the rest; LIST is
                      comma-separated part ids (lab1a) or lab ids (lab1 = all its parts)
                      or 'all'; needs --out
  --force             overwrite labs/ even if its marked regions hold implemented code
  --root DIR          repository root holding solutions/ (default: this checkout)
  -h, --help          show this help

Exit codes: 0 ok, 1 differences or marker problems or refused output, 2 usage error.`;

export function parseMakeLabsArgs(args: readonly string[]): MakeLabsArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const parsed: MakeLabsArgs = {
    help: values.help === true,
    check: values.check === true,
    force: values.force === true,
    ...(values.solved === undefined ? {} : { solved: values.solved }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.root === undefined ? {} : { root: values.root }),
  };
  if (parsed.solved !== undefined && parsed.out === undefined) {
    throw new UsageError('--solved needs --out DIR: labs/ always holds the unsolved skeleton');
  }
  return parsed;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: false,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      check: { type: 'boolean' },
      force: { type: 'boolean' },
      solved: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
    },
  });
}
