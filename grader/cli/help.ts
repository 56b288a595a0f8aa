// Help texts of the `raftlab` command and its subcommands.
export const TOP_HELP = `raftlab — build Raft, and get graded in seconds

Usage: npx raftlab <command> [options]

Commands:
  grade [lab…]         run the tests of labs or parts and show your score
  list [lab…]          list labs, parts and tests (id, points, tags, title)
  replay <test-id>     re-run one test with one seed, e.g. to debug a failure
  make-labs            generate labs/ (the student skeleton) from solutions/
  help [command]       show help for a command

Run "npx raftlab <command> --help" for the options of a command.
Exit codes: 0 everything passed, 1 something failed, 2 bad command line, 3 internal error.`;

export const GRADE_HELP = `Usage: npx raftlab grade [lab1|lab1a|…|all …] [options]

Runs the tests of the given labs or parts (default: all labs that have tests) against your code
and prints a table of points, then each failure with its message and a replay command.

Options:
  --target T            what to grade: labs (default), solutions, or a folder (e.g. a submission)
  --seed S              first seed for seeded tests (default 1)
  --seeds N             run seeded tests with N seeds: S, S+1, …, S+N-1 (default 1)
  --tests PREFIX        only tests whose id starts with PREFIX (repeatable, or comma-separated)
  --json FILE           also write the full report as JSON to FILE (- : to stdout, the table to stderr)
  --check-determinism   run everything twice; fail if a test's status or trace differs
  -h, --help            show this help

Examples:
  npx raftlab grade lab1a
  npx raftlab grade lab1 --seeds 20
  npx raftlab grade all --target /path/to/submission --seed 9001 --json report.json

Exit code 0 only when every selected test passed.`;

export const LIST_HELP = `Usage: npx raftlab list [lab1|lab1a|…|all …] [options]

Lists the labs and parts and, for each test, its id, points, tags and title, by loading the test
files without running any test.

Options:
  --target T   target the test files are loaded against (default solutions, which always loads)
  --json       print the listing as JSON
  -h, --help   show this help`;

export const REPLAY_HELP = `Usage: npx raftlab replay <test-id> [options]

Runs exactly one test with one seed and prints its outcome, with the test's console output.
Copy the replay line that grade prints for a failure.

Options:
  --seed S       the seed (default 1; ignored by tests that are not seeded)
  --target T     labs (default), solutions, or a folder
  --trace FILE   write the run's trace (JSON lines, one event per line) to FILE
  -h, --help     show this help`;
