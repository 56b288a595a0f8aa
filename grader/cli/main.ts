// The `raftlab` command (grader/bin/raftlab.mjs calls main; `tsx grader/cli/main.ts …` works too):
// decides colour, dispatches to the commands (each defined with grader/cli/command.ts), prints help,
// and leaves errors to the one exit-code mapping (grader/cli/exit.ts).
import { isEntryPoint } from '../paths.js';
import { makeLabsCli } from '../tools/make-labs.js';
import { applyColour, noColorFlag } from './colour.js';
import type { Command } from './command.js';
import { EXIT, runProgram } from './exit.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { gradeBatchCommand } from './grade-batch-command.js';
import { gradescopeCommand } from './gradescope-command.js';
import { gradeCommand } from './grade-command.js';
import { topHelp } from './help.js';
import { listCommand } from './list-command.js';
import { replayCommand } from './replay-command.js';
import { didYouMean, UsageError } from './usage.js';

const COMMANDS: readonly Command[] = [
  gradeCommand,
  listCommand,
  replayCommand,
  demoCommand,
  makeLabsCli,
  gradeBatchCommand,
  gradescopeCommand,
  exportCommand,
];

function find(name: string): Command {
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd !== undefined) return cmd;
  const names = COMMANDS.map((c) => c.name);
  throw new UsageError(
    `unknown command "${name}"${didYouMean(name, names)} (commands: ${names.join(', ')}; see npx raftlab --help)`,
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  applyColour(noColorFlag(argv));
  const args = argv.filter((a, i) => i !== 0 || a !== '--no-color'); // `raftlab --no-color grade …`
  const [name, ...rest] = args;
  return runProgram('raftlab', async () => {
    if (name === undefined || name === '--help' || name === '-h') {
      console.log(topHelp(COMMANDS));
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === 'help') {
      const topic = rest[0];
      console.log(topic === undefined ? topHelp(COMMANDS) : find(topic).help());
      return EXIT.ok;
    }
    if (name === '--version') {
      console.log('raftlab 0.1.0');
      return EXIT.ok;
    }
    return await find(name).execute(rest);
  });
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
