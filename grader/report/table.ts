// The results table printed by `raftlab grade`: one row per test (id, points, status, time),
// grouped by lab and part with subtotals, then the total.
import chalk from 'chalk';
import { allTests, type Report, type TestReport } from './model.js';
import { formatMs, padVisible, STATUS_WIDTH, score, statusLabel } from './style.js';

const POINTS_WIDTH = 7;
const TIME_WIDTH = 8;

function row(t: TestReport, idWidth: number): string {
  const time = t.status === 'skipped' ? '' : formatMs(t.durationMs);
  return [
    '      ',
    padVisible(t.id, idWidth),
    '  ',
    padVisible(score(t.points, t.max), POINTS_WIDTH, 'right'),
    '  ',
    statusLabel(t.status, STATUS_WIDTH),
    '  ',
    padVisible(chalk.dim(time), TIME_WIDTH, 'right'),
  ].join('');
}

function subtotal(indent: string, label: string, got: number, max: number, width: number): string {
  return `${indent}${padVisible(label, width - indent.length + 6)}  ${padVisible(score(got, max), POINTS_WIDTH, 'right')}`;
}

export function renderTable(report: Report): string[] {
  const tests = allTests(report);
  const idWidth = Math.max(24, ...tests.map((t) => t.id.length));
  const out: string[] = [];
  for (const lab of report.labs) {
    out.push('', `  ${chalk.bold(lab.id)}  ${chalk.bold(lab.title)}`);
    for (const part of lab.parts) {
      const ts = lab.tests.filter((t) => t.part === part.id || (lab.id === 'other' && part.id === 'other'));
      out.push(`    ${chalk.cyan(part.id)}  ${part.title}`);
      if (ts.length === 0) out.push(chalk.dim('      (no tests yet)'));
      for (const t of ts) out.push(row(t, idWidth));
      out.push(subtotal('    ', chalk.dim(`${part.id} subtotal`), part.score, part.max, idWidth));
    }
    out.push(subtotal('  ', chalk.bold(`${lab.id} total`), lab.score, lab.max, idWidth));
  }
  const pct = report.total.max > 0 ? ` (${Math.round((100 * report.total.score) / report.total.max)}%)` : '';
  out.push('', `${subtotal('', chalk.bold('TOTAL'), report.total.score, report.total.max, idWidth)}${pct}`);
  return out;
}
