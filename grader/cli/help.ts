// The top-level help of the `raftlab` command, made from the list of its commands (each command's
// own help is made from its definition: grader/cli/command.ts).
import type { Command } from './command.js';

export function topHelp(commands: readonly Command[]): string {
  const rows = [
    ...commands.map((c) => [[c.name, c.positionals].filter((x) => x !== undefined).join(' '), c.summary]),
    ['help [command]', 'show help for a command'],
  ];
  const width = Math.max(...rows.map(([l = '']) => l.length)) + 2;
  return `raftlab — build Raft, and get graded in seconds

Usage: npx raftlab <command> [options]

Commands:
${rows.map(([l = '', r = '']) => `  ${l.padEnd(width)} ${r}`).join('\n')}

Run "npx raftlab <command> --help" for the options of a command. Every command takes --no-color
(NO_COLOR=1 also turns colours off; FORCE_COLOR=1 forces them).
Exit codes: 0 everything passed, 1 something failed, 2 bad command line or target, 3 internal error.`;
}
