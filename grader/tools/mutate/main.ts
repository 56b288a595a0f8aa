// `npm run mutate [part…]`: mutation testing of the reference's marked regions with StrykerJS. For each
// part (default: all, in registry order) Stryker mutates only the bodies of that part's regions in
// solutions/ and runs only that part's own tests (grader/tests.json) through its vitest runner, in a
// sandbox copy of the repo, with the repo's vitest setup (grader/tools/mutate/vitest.config.ts). Not
// part of `npm test`; see docs/mutation.md for the numbers and why it does not go through the sealed
// grader.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { PART_IDS } from '../../registry.js';
import { REPO_ROOT } from '../../paths.js';
import { isEquivalent } from './equivalent.js';
import { partScope, type PartScope } from './scope.js';
import { formatSummary, type PartSummary, readReport, summarize } from './summary.js';

type StrykerOptions = ConstructorParameters<typeof Stryker>[0];

/** Where the sandbox and the reports go (inside .raftlab/, which git and the kit's copies ignore). */
const OUT_DIR = join(REPO_ROOT, '.raftlab', 'mutate');

const USAGE = `usage: npm run mutate -- [part…] [--concurrency N] [--summary]
  part           ${PART_IDS.join(', ')} (default: all, one Stryker run each)
  --concurrency  test-runner processes per run (default 2)
  --summary      run nothing: summarize the parts' last reports again (after editing equivalent.ts)`;

const reportFile = (part: string): string => join(OUT_DIR, `${part}.json`);
const summaryFile = (part: string): string => join(OUT_DIR, `${part}.summary.json`);

function strykerOptions(scope: PartScope, concurrency: number): StrykerOptions {
  const report = join(OUT_DIR, scope.part);
  return {
    testRunner: 'vitest',
    vitest: { configFile: 'grader/tools/mutate/vitest.config.ts', related: false },
    mutate: scope.mutate,
    coverageAnalysis: 'perTest',
    concurrency,
    tempDirName: relative(REPO_ROOT, join(OUT_DIR, 'tmp')),
    ignorePatterns: ['/docs', '/.raftlab', '/coverage', '/tmp'],
    disableTypeChecks: false,
    reporters: ['progress', 'json', 'html'],
    jsonReporter: { fileName: reportFile(scope.part) },
    htmlReporter: { fileName: `${report}.html` },
    thresholds: { high: 95, low: 90, break: null },
    // Generous: the machine is shared, and a timeout counts as detected, so it must not be spurious.
    timeoutMS: 30_000,
    timeoutFactor: 3,
  };
}

/** Stryker's child processes inherit these: the target, the part's tests, and nothing of a unit run. */
function setTestEnv(scope: PartScope): void {
  process.env['RAFTLAB_TARGET'] = 'solutions';
  process.env['RAFTLAB_SELECT'] = JSON.stringify({ parts: [scope.part], idPrefixes: [] });
  process.env['RAFTLAB_MUTATE_FILES'] = JSON.stringify(scope.testFiles);
  delete process.env['RAFTLAB_UNIT'];
  // Stryker judges hangs itself (its hit limit and timeouts); the grader's watchdog would kill the whole
  // test-runner process (Stryker runs vitest's threads pool in it), which Stryker reports as an error.
  process.env['RAFTLAB_STALL_MS'] = '600000';
  process.env['RAFTLAB_BUSY_MS'] = '600000';
}

/** Prints and stores a part's summary, from the JSON report of its last run. */
function report(part: string, wallMs: number): PartSummary {
  const summary = summarize(part, readReport(reportFile(part)), isEquivalent, wallMs);
  console.log(formatSummary(summary));
  writeFileSync(summaryFile(part), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

async function mutatePart(part: string, concurrency: number): Promise<PartSummary> {
  const scope = partScope(part);
  console.log(
    `\n== ${part}: ${scope.lines} region lines in ${scope.mutate.length} regions; ` +
      `${scope.tests} tests in ${scope.testFiles.length} files`,
  );
  setTestEnv(scope);
  process.chdir(REPO_ROOT);
  const started = performance.now();
  await new Stryker(strykerOptions(scope, concurrency)).runMutationTest();
  return report(part, performance.now() - started);
}

/** The summary of a part's last report again, keeping that run's wall time. */
function resummarize(part: string): PartSummary | undefined {
  if (!existsSync(reportFile(part))) {
    console.log(`${part}: no report yet (npm run mutate -- ${part})`);
    return undefined;
  }
  const old = existsSync(summaryFile(part))
    ? (JSON.parse(readFileSync(summaryFile(part), 'utf8')) as PartSummary).wallMs
    : 0;
  return report(part, old);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '2' },
      summary: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const concurrency = Number(values.concurrency);
  const unknown = positionals.filter((p) => !PART_IDS.includes(p));
  if (unknown.length > 0 || !Number.isSafeInteger(concurrency) || concurrency < 1) {
    console.error(unknown.length > 0 ? `unknown part: ${unknown.join(', ')}\n${USAGE}` : USAGE);
    return 2;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const parts = positionals.length > 0 ? positionals : PART_IDS;
  for (const part of parts) {
    if (values.summary === true) resummarize(part);
    else await mutatePart(part, concurrency);
  }
  return 0;
}

process.exitCode = await main();
