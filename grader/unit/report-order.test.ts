// Unit test of the report's test order: within a lab, parts in registry order, and within a part the
// unit tests before the crash-sweep, network, chaos and system tests, so that the table and the failure list show
// the most specific failure first (the runner hands tests over in file order, which is alphabetical).
import { describe, expect, test } from 'vitest';
import { renderFailures } from '../report/failures.js';
import { allTests, buildReport, kindRank, type TestReport } from '../report/model.js';

function t(id: string, part: string, tags: string[]): TestReport {
  return {
    id,
    name: id,
    part,
    tags,
    points: 0,
    max: 1,
    status: 'failed',
    durationMs: 1,
    file: `${id}.test.ts`,
    error: `[${id}] broke ${id}`,
  };
}

const header = { target: 'labs', targetDir: '/x/labs', seeds: [1], wallMs: 5, problems: [] };

describe('report order', () => {
  // File order as the runner collects it: lab2-system-gc (lab2c), lab2a…, and lab1b-chaos before lab1b-commit.
  const collected = [
    t('lab1b.chaos.a', 'lab1b', ['chaos']),
    t('lab1b.commit.a', 'lab1b', ['unit']),
    t('lab1b.network.a', 'lab1b', ['network']),
    t('lab1b.commit.b', 'lab1b', []),
    t('lab1a.system.a', 'lab1a', ['system']),
    t('lab1a.votes.a', 'lab1a', ['unit']),
    t('lab2c.system.a', 'lab2c', ['system']),
    t('lab2a.compact.a', 'lab2a', ['unit']),
    t('lab2c.crash.a', 'lab2c', ['unit', 'crash']),
    t('lab2c.worker.a', 'lab2c', ['unit']),
  ];
  const report = buildReport(header, collected, []);
  const order = [
    'lab1a.votes.a',
    'lab1a.system.a',
    'lab1b.commit.a',
    'lab1b.commit.b',
    'lab1b.network.a',
    'lab1b.chaos.a',
    'lab2a.compact.a',
    'lab2c.worker.a',
    'lab2c.crash.a',
    'lab2c.system.a',
  ];

  test('kinds rank unit (or untagged) < crash < network < chaos < system', () => {
    const tags = [[], ['unit'], ['unit', 'crash'], ['network'], ['chaos'], ['system'], ['unit', 'system']];
    expect(tags.map((t) => kindRank({ tags: t }))).toEqual([0, 0, 1, 2, 3, 4, 4]);
  });

  test('a part’s unit tests come before its crash, network, chaos and system tests; ties keep file order', () => {
    expect(allTests(report).map((x) => x.id)).toEqual(order);
  });

  test('the failure list follows the same order', () => {
    const lines = renderFailures(report).join('\n');
    const at = order.map((id) => lines.indexOf(`broke ${id}`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
