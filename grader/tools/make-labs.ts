// `raftlab make-labs`: generates the student skeleton labs/ (or a partly solved tree) from solutions/,
// or with --check verifies that labs/ is up to date. The logic lives in ./makelabs/; this file is the
// command and the public API. Runnable directly: `tsx grader/tools/make-labs.ts [options]`.
import { join, relative, resolve } from 'node:path';
import { type Command, renderHelp } from '../cli/command.js';
import { runProgram } from '../cli/exit.js';
import { isEntryPoint, REPO_ROOT } from '../paths.js';
import { MAKE_LABS, parseMakeLabsArgs } from './makelabs/args.js';
import { expandSolved, generate } from './makelabs/generate.js';
import { isDirectory } from './makelabs/walk.js';
import {
  assertNoStudentWork,
  assertSafeOutput,
  diffTree,
  formatDifference,
  OUT_TSCONFIG,
  outTsconfig,
  writeTree,
} from './makelabs/output.js';

export { MAKE_LABS, type MakeLabsArgs, parseMakeLabsArgs } from './makelabs/args.js';
export * from './makelabs/errors.js';
export {
  expandSolved,
  type GeneratedTree,
  type GenerateOptions,
  generate,
  LABTODO_FILE,
  parseHintLevel,
} from './makelabs/generate.js';
export type { Manifest, ManifestPart, ManifestRegion } from './makelabs/manifest.js';
export { scanRegions } from './makelabs/markers.js';
export {
  assertSafeOutput,
  type Difference,
  diffTree,
  findStudentWork,
  formatDifference,
  type WriteSummary,
  writeTree,
} from './makelabs/output.js';
export { HINT_LEVELS, type HintLevel, NO_HINT, renderFile, stubStatement } from './makelabs/stub.js';

/** Where messages go; the self-test and unit tests capture them. */
export interface MakeLabsIO {
  out(line: string): void;
  err(line: string): void;
}

export interface MakeLabsContext {
  /** Repo root (holding solutions/ and labs/); --root overrides it. Default: this checkout. */
  root?: string;
  io?: MakeLabsIO;
}

export { REPO_ROOT };

const consoleIO: MakeLabsIO = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Runs the command; returns the exit code (grader/cli/exit.ts: 0 ok, 1 failure, 2 usage, 3 internal). */
export async function makeLabsCommand(args: readonly string[], ctx: MakeLabsContext = {}): Promise<number> {
  const io = ctx.io ?? consoleIO;
  return runProgram('make-labs', () => run(args, ctx, io), {
    io,
    helpCommand: 'npx raftlab make-labs --help',
  });
}

/** make-labs as a raftlab subcommand. */
export const makeLabsCli: Command = {
  name: MAKE_LABS.name,
  summary: MAKE_LABS.summary,
  positionals: undefined,
  help: () => renderHelp(MAKE_LABS),
  execute: (args, io) => makeLabsCommand(args, io === undefined ? {} : { io }),
};

function run(args: readonly string[], ctx: MakeLabsContext, io: MakeLabsIO): number {
  const opts = parseMakeLabsArgs(args);
  if (opts.help) {
    io.out(renderHelp(MAKE_LABS));
    return 0;
  }
  const root = resolve(opts.root ?? ctx.root ?? REPO_ROOT);
  const solutionsDir = join(root, 'solutions');
  const isDefault = opts.out === undefined;
  const outDir = opts.out === undefined ? join(root, 'labs') : resolve(opts.out);
  const label = isDefault ? 'labs/' : `${displayPath(outDir)}/`;
  const solved = opts.solved === undefined ? [] : expandSolved(opts.solved);

  const generated = generate({ solutionsDir, solved, hints: opts.hints });
  // a --out tree gets its own tsconfig.json (editors, tsc); labs/ is covered by the kit's tsconfig.labs.json
  const tree = isDefault
    ? generated
    : { ...generated, files: new Map([...generated.files, [OUT_TSCONFIG, outTsconfig(outDir, root)]]) };
  const missing = tree.manifest.parts.filter((p) => p.regions.length === 0).map((p) => p.id);

  if (opts.check) {
    if (!isDirectory(outDir)) {
      io.err(`make-labs: ${label} does not exist${isDefault ? ': run `raftlab make-labs`' : ''}`);
      return 1;
    }
    const diffs = diffTree(outDir, tree);
    if (diffs.length === 0) {
      io.out(`make-labs: ${label} is up to date (${tree.files.size} files)`);
      return 0;
    }
    io.err(
      `make-labs: ${label} differs from what \`raftlab make-labs\` would write (${plural(diffs.length, 'file')}):`,
    );
    for (const d of diffs) for (const line of formatDifference(d, label)) io.err(`  ${line}`);
    if (isDefault) io.err('Run `raftlab make-labs` to regenerate labs/ (never edit it by hand).');
    return 1;
  }

  assertSafeOutput(outDir, solutionsDir, isDefault);
  if (isDefault) assertNoStudentWork(outDir, label, opts.force);
  const summary = writeTree(outDir, tree, true);
  const solvedNote = solved.length === 0 ? '' : `, solved: ${solved.join(',')}`;
  io.out(
    `make-labs: wrote ${label} (${tree.files.size} files: ${summary.written.length} written, ` +
      `${summary.unchanged} unchanged, ${summary.deleted.length} deleted${solvedNote})`,
  );
  if (missing.length > 0) io.out(`make-labs: parts with no marked region yet: ${missing.join(', ')}`);
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A path relative to the working directory when it is below it, else absolute. */
function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await makeLabsCommand(process.argv.slice(2));
}
