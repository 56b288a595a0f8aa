// `raftlab list`: labs, parts and tests (id, points, tags, title), collected by loading the test
// files in vitest's collect mode (nothing runs), by default against the reference solutions (or labs/
// in a student copy that has none).
import { existsSync } from 'node:fs';
import chalk from 'chalk';
import { LABS } from '../registry.js';
import { listTests } from '../runner/host/list.js';
import { testListCommand } from '../runner/host/test-list-command.js';
import { displayPath, resolveTarget } from '../runner/host/paths.js';
import type { TestDescriptor } from '../runner/contract.js';
import { labTestFiles, selectLabs } from '../runner/host/select.js';
import { SOLUTIONS_DIR } from '../paths.js';
import { defineCommand, type OptionDefs, type Parsed } from './command.js';
import { exitFor } from './exit.js';
import { checkLabWords } from './validate.js';

interface ListedTest extends TestDescriptor {
  file: string;
}

const OPTIONS = {
  target: {
    type: 'string',
    arg: 'T',
    help: 'target the test files are loaded against (default solutions, which always loads;\nlabs in a copy without solutions/)',
  },
  json: { type: 'boolean', help: 'print the listing as JSON' },
  'write-tests': { type: 'boolean', hidden: true, help: 'regenerate grader/tests.json from the suites' },
  'check-tests': { type: 'boolean', hidden: true, help: 'check grader/tests.json against the suites' },
} as const satisfies OptionDefs;

export const listCommand = defineCommand({
  name: 'list',
  invocation: 'npx raftlab list',
  positionals: '[lab1|lab1a|…|all …]',
  summary: 'list labs, parts and tests (id, points, tags, title)',
  description:
    'Lists the labs and parts and, for each test, its id, points, tags and title, by loading the test\n' +
    'files without running any test.',
  options: OPTIONS,
  run: list,
});

async function list(p: Parsed<typeof OPTIONS>): Promise<number> {
  const v = p.values;
  if (v['write-tests'] || v['check-tests']) return testListCommand(v['write-tests']);
  checkLabWords('list', p.positionals);
  const words = p.positionals.length > 0 ? p.positionals : LABS.map((l) => l.id);
  const selection = selectLabs(words);
  // The reference when this checkout has it; a student copy without solutions/ lists against labs/.
  const target = resolveTarget(v.target ?? (existsSync(SOLUTIONS_DIR) ? 'solutions' : 'labs'));
  const files = selection.labs.flatMap((l) => labTestFiles(l.id));
  const listings = await listTests(files, target.dir);
  const tests: ListedTest[] = listings.flatMap((l) =>
    l.tests
      .filter((t) => t.part === undefined || selection.parts.includes(t.part))
      .map((t) => ({ ...t, file: displayPath(l.file) })),
  );
  const errors = listings.filter((l) => l.error !== undefined);
  if (v.json) {
    console.log(
      JSON.stringify(
        {
          target: target.arg,
          tests,
          errors: errors.map((e) => ({ file: displayPath(e.file), error: e.error })),
        },
        null,
        2,
      ),
    );
    return exitFor(errors.length === 0);
  }
  const idWidth = Math.max(24, ...tests.map((t) => (t.id ?? t.key).length));
  for (const lab of selection.labs) {
    const labTests = tests.filter((t) => lab.parts.some((q) => q.id === t.part));
    console.log(`\n${chalk.bold(`${lab.id}  ${lab.title}`)}  ${chalk.dim(`${lab.doc}`)}`);
    for (const part of lab.parts.filter((q) => selection.parts.includes(q.id))) {
      const ts = labTests.filter((t) => t.part === part.id);
      const pts = ts.reduce((a, t) => a + (t.points ?? 0), 0);
      console.log(
        `  ${chalk.cyan(part.id)}  ${part.title}  ${chalk.dim(`${ts.length} tests, ${pts} points`)}`,
      );
      for (const t of ts) {
        const tags = (t.tags ?? []).join(',');
        const seeded = t.seeded ? 'seeded' : '';
        const title =
          t.id !== undefined && t.name.startsWith(`${t.id} `) ? t.name.slice(t.id.length + 1) : t.name;
        console.log(
          `    ${(t.id ?? t.key).padEnd(idWidth)}  ${String(t.points ?? 0).padStart(3)} pt  ${chalk.dim(
            [tags, seeded]
              .filter((x) => x !== '')
              .join(' ')
              .padEnd(18),
          )}  ${title}`,
        );
      }
    }
  }
  const others = tests.filter((t) => t.part === undefined);
  if (others.length > 0) {
    console.log(`\n${chalk.bold('Plain vitest tests (no rule(): 0 points)')}`);
    for (const t of others) console.log(`    ${t.key}  ${chalk.dim(t.file)}`);
  }
  for (const e of errors) console.error(chalk.red(`could not load ${displayPath(e.file)}: ${e.error}`));
  const total = tests.reduce((a, t) => a + (t.points ?? 0), 0);
  console.log(`\n${tests.length} tests, ${total} points`);
  return exitFor(errors.length === 0);
}
