// The `raftlab` command (grader/bin/raftlab.mjs calls main; `tsx grader/cli/main.ts …` works too):
// dispatches to grade, list, replay and make-labs, prints help, and maps errors to exit codes
// (2: bad command line, 3: internal error).
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import chalk from 'chalk';
import { TargetError } from '../runner/host/paths.js';
import { SelectionError } from '../runner/host/select.js';
import { UsageError } from './args.js';
import { gradeCommand } from './grade-command.js';
import { HELP as MAKE_LABS_HELP, makeLabsCommand } from '../tools/make-labs.js';
import { GRADE_HELP, LIST_HELP, REPLAY_HELP, TOP_HELP } from './help.js';
import { listCommand } from './list-command.js';
import { replayCommand } from './replay-command.js';

type Command = (args: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  grade: { run: gradeCommand, help: GRADE_HELP },
  list: { run: listCommand, help: LIST_HELP },
  replay: { run: replayCommand, help: REPLAY_HELP },
  'make-labs': { run: (args) => makeLabsCommand([...args]), help: MAKE_LABS_HELP },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h') {
      console.log(TOP_HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === 'help') {
      const topic = rest[0];
      const cmd = topic !== undefined ? COMMANDS[topic] : undefined;
      if (topic !== undefined && !cmd) throw new UsageError(`unknown command "${topic}"`);
      console.log(cmd ? cmd.help : TOP_HELP);
      return 0;
    }
    if (name === '--version') {
      console.log('raftlab 0.1.0');
      return 0;
    }
    const cmd = COMMANDS[name];
    if (!cmd)
      throw new UsageError(
        `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see npx raftlab --help)`,
      );
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SelectionError || e instanceof TargetError) {
      console.error(chalk.red(`raftlab: ${e.message}`));
      return 2;
    }
    console.error(chalk.red('raftlab: internal error (please report it with the command you ran):'));
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 3;
  }
}

/** Also runnable directly (`tsx grader/cli/main.ts grade …`, as the npm scripts do). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
