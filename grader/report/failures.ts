// What `raftlab grade` prints after the table: each test that did not pass with the first lines of
// its message and the command that replays it, then run-level problems, a sealed submission's
// rejected regions and ignored changes, the determinism
// verdict and a one-line summary.
import chalk from 'chalk';
import { SWEEP_HEADER_RE } from '../runner/contract.js';
import { allTests, type Report, type TestReport } from './model.js';
import { formatMs, statusLabel } from './style.js';

const MAX_MESSAGE_LINES = 10;

/** At most this many lines of a multi-seed run's list of failing seeds are printed. */
const MAX_SWEEP_LINES = 12;

export function renderFailure(t: TestReport): string[] {
  const out = [`  ${statusLabel(t.status)} ${chalk.bold(t.id)} ${chalk.dim(`— ${t.name}`)}`];
  const all = (t.error ?? '(no message)').split('\n').filter((l) => !/^\s*replay: /.test(l));
  // a multi-seed run's list of failing seeds is shown even when the first seed's message is cut
  const at = all.findIndex((l) => SWEEP_HEADER_RE.test(l));
  const lines = at < 0 ? all : all.slice(0, at);
  const sweep = at < 0 ? [] : all.slice(at);
  for (const l of lines.slice(0, MAX_MESSAGE_LINES)) out.push(`    ${l.trimEnd()}`);
  if (lines.length > MAX_MESSAGE_LINES)
    out.push(chalk.dim(`    … ${lines.length - MAX_MESSAGE_LINES} more lines (see --json)`));
  for (const l of sweep.slice(0, MAX_SWEEP_LINES)) out.push(`    ${l.trimEnd()}`);
  if (sweep.length > MAX_SWEEP_LINES)
    out.push(chalk.dim(`    … ${sweep.length - MAX_SWEEP_LINES} more failing seeds (see --json)`));
  if (t.replay) out.push(`    ${chalk.cyan(`replay: ${t.replay}`)}`);
  if (t.page) out.push(`    ${chalk.cyan(`page:   ${t.page}`)} ${chalk.dim('(open it in a browser)')}`);
  return out;
}

/** Groups of at least this many tests failing with the same message are printed once. */
const GROUP_MIN = 3;
/** At most this many ids are listed for a group. */
const GROUP_LIST_MAX = 12;

/** The message without what is specific to one test (its `[id]` prefix, seed and replay lines). */
function messageBody(t: TestReport): string {
  return (t.error ?? '')
    .replace(/^\[[^\]]*\] /, '')
    .split('\n')
    .filter((l) => !/^\s*(replay|seed): /.test(l))
    .join('\n');
}

/** Word-wraps at commas/spaces to `width` columns; continuation lines are indented. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function renderGroup(ts: TestReport[]): string[] {
  const first = ts[0] as TestReport;
  const lines = messageBody(first).split('\n');
  const out = [`  ${statusLabel(first.status)} ${chalk.bold(`${ts.length} tests`)} with the same message:`];
  for (const l of lines.slice(0, MAX_MESSAGE_LINES)) out.push(`    ${l.trimEnd()}`);
  const shown = ts.slice(0, GROUP_LIST_MAX).map((t) => t.id);
  const more = ts.length > GROUP_LIST_MAX ? ` … and ${ts.length - GROUP_LIST_MAX} more (see the table)` : '';
  out.push(...wrap(`tests: ${shown.join(', ')}${more}`, 100).map((l) => chalk.dim(`    ${l}`)));
  if (first.replay) out.push(`    ${chalk.cyan(`replay one: ${first.replay}`)}`);
  if (first.page)
    out.push(
      `    ${chalk.cyan(`page of one: ${first.page}`)} ${chalk.dim('(pages of the others beside it)')}`,
    );
  return out;
}

export function renderFailures(report: Report): string[] {
  const bad = allTests(report).filter((t) => t.status !== 'passed');
  if (bad.length === 0) return [];
  const groups = new Map<string, TestReport[]>();
  for (const t of bad) {
    // the stack's frames aside: one bug reached from several tests is one group (the first one's stack shown)
    const k = `${t.status}\u0000${messageBody(t)
      .split('\n')
      .filter((l) => !/^\s+at /.test(l))
      .join('\n')}`;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  const out = ['', chalk.bold(`Failures (${bad.length})`)];
  for (const ts of groups.values()) {
    if (ts.length >= GROUP_MIN) out.push('', ...renderGroup(ts));
    else for (const t of ts) out.push('', ...renderFailure(t));
  }
  return out;
}

export function renderProblems(report: Report): string[] {
  if (report.problems.length === 0) return [];
  const out = ['', chalk.bold.red('Problems')];
  for (const p of report.problems)
    out.push(...p.split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)));
  return out;
}

export function renderDeterminism(report: Report): string[] {
  const d = report.determinism;
  if (!d) return [];
  const n = allTests(report).length;
  if (d.ok)
    return [
      '',
      chalk.green(`Determinism check passed: ${n} tests gave the same status and trace in two runs.`),
    ];
  const out = [
    '',
    chalk.bold.red(`Determinism check FAILED: ${d.differences.length} test(s) differ between two runs`),
  ];
  for (const x of d.differences) {
    const a = `${x.first.status}${x.first.traceDigest ? ` trace ${x.first.traceDigest.slice(0, 12)}` : ''}`;
    const b = `${x.second.status}${x.second.traceDigest ? ` trace ${x.second.traceDigest.slice(0, 12)}` : ''}`;
    out.push(`  - ${x.id}: first run ${a}, second run ${b}`);
  }
  return out;
}

/** At most this many ignored changes are printed (the JSON report has them all). */
const IGNORED_SHOWN = 20;

/** A sealed run: what the static check rejected (those files graded as stubs), and what was ignored. */
export function renderSubmission(report: Report): string[] {
  const s = report.submission;
  if (s === undefined || (s.problems.length === 0 && s.ignored.length === 0)) return [];
  const out: string[] = [];
  if (s.problems.length > 0) {
    out.push(
      '',
      chalk.bold.red(
        `Rejected regions: ${s.problems.length} problem(s); each file named here was graded as its stubs`,
      ),
    );
    for (const p of s.problems)
      out.push(`  ${p.file}${p.line > 0 ? `:${p.line}` : ''} [${p.rule}] ${p.message}`);
  }
  if (s.ignored.length > 0) {
    out.push(
      '',
      chalk.bold(
        `Ignored changes: ${s.ignored.length} (only the marked regions are graded; the kit's version of everything else is used)`,
      ),
    );
    for (const c of s.ignored.slice(0, IGNORED_SHOWN))
      out.push(chalk.dim(`  ${c.change.padEnd(8)} ${c.file}: ${c.detail}`));
    if (s.ignored.length > IGNORED_SHOWN)
      out.push(chalk.dim(`  … ${s.ignored.length - IGNORED_SHOWN} more (see --json)`));
  }
  return out;
}

export function renderSummary(report: Report): string[] {
  const tests = allTests(report);
  const count = (s: TestReport['status']) => tests.filter((t) => t.status === s).length;
  const parts = [
    chalk.green(`${count('passed')} passed`),
    count('failed') > 0 ? chalk.red(`${count('failed')} failed`) : undefined,
    count('timeout') > 0 ? chalk.yellow(`${count('timeout')} timed out`) : undefined,
    count('crashed') > 0 ? chalk.magenta(`${count('crashed')} crashed`) : undefined,
    count('skipped') > 0 ? chalk.gray(`${count('skipped')} skipped`) : undefined,
  ].filter((x): x is string => x !== undefined);
  const seeds =
    report.seedSet !== undefined
      ? `seeds of instructor set ${report.seedSet.name}`
      : report.seeds.length > 1
        ? `seeds ${report.seeds[0]}..${report.seeds.at(-1)}`
        : `seed ${report.seed}`;
  return [
    '',
    `${chalk.bold(`Score ${report.total.score}/${report.total.max}`)}  ${parts.join(', ')}  ${chalk.dim(
      `(${seeds}, ${formatMs(report.wallMs)})`,
    )}`,
  ];
}
