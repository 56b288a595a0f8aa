// Unit tests of the runner's pure parts: report aggregation and pass/fail verdict, determinism
// comparison, lab/part selection, seed lists, and the CLI's command-line errors (exit code 2).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../cli/main.js';
import { seedList } from '../cli/grade-command.js';
import { buildReport, type Report, reportPassed, type TestReport } from '../report/model.js';
import { compareReports } from '../runner/host/determinism.js';
import { isSelected, parseSeeds, replayCommand } from '../runner/contract.js';
import { SelectionError, selectLabs } from '../runner/host/select.js';

function t(id: string, part: string, status: TestReport['status'], max: number, digest?: string): TestReport {
  return {
    id,
    name: id,
    part,
    tags: [],
    points: status === 'passed' ? max : 0,
    max,
    status,
    durationMs: 1,
    file: 'x.test.ts',
    ...(digest ? { traceDigest: digest } : {}),
  };
}

const header = { target: 'labs', targetDir: '/x/labs', seeds: [1], wallMs: 5, problems: [] };

describe('buildReport', () => {
  test('sums per part and lab in registry order (skipped tests count in the max); selected parts without tests show max 0', () => {
    const r = buildReport(
      header,
      [
        t('lab1b.a', 'lab1b', 'passed', 2),
        t('lab1a.a', 'lab1a', 'failed', 3),
        t('lab1a.b', 'lab1a', 'skipped', 5),
      ],
      ['lab1a', 'lab1b', 'lab1c'],
    );
    expect(r.labs.map((l) => l.id)).toEqual(['lab1']);
    expect(r.labs[0]?.parts).toEqual([
      { id: 'lab1a', title: 'Leader election', score: 0, max: 8 },
      { id: 'lab1b', title: 'Log replication', score: 2, max: 2 },
      { id: 'lab1c', title: 'RawNode and Ready', score: 0, max: 0 },
    ]);
    expect(r.total).toEqual({ score: 2, max: 10 });
    expect(reportPassed(r)).toBe(false);
  });

  test('passes only when every test passed and nothing else went wrong', () => {
    const ok = buildReport(
      header,
      [t('lab1a.a', 'lab1a', 'passed', 1), t('lab1a.b', 'lab1a', 'passed', 1)],
      [],
    );
    expect(reportPassed(ok)).toBe(true);
    expect(reportPassed({ ...ok, problems: ['x.test.ts: could not be loaded'] })).toBe(false);
    const rejected = { file: 'labs/raft/raft.ts', line: 3, rule: 'host-access' as const, message: 'process' };
    expect(reportPassed({ ...ok, submission: { ignored: [], problems: [rejected], graded: [] } })).toBe(
      false,
    );
    expect(reportPassed(buildReport(header, [], []))).toBe(false);
    for (const s of ['failed', 'timeout', 'crashed', 'skipped'] as const) {
      expect(reportPassed(buildReport(header, [t('lab1a.a', 'lab1a', s, 1)], []))).toBe(false);
    }
  });

  test('tests of unknown parts land in an "other" lab', () => {
    const r = buildReport(header, [t('plain test', '', 'passed', 0)], []);
    expect(r.labs.map((l) => l.id)).toEqual(['other']);
  });
});

describe('compareReports', () => {
  test('reports tests whose status or trace digest differ', () => {
    const mk = (tests: TestReport[]): Report => buildReport(header, tests, []);
    const a = mk([
      t('lab1a.a', 'lab1a', 'passed', 1, 'd1'),
      t('lab1a.b', 'lab1a', 'passed', 1, 'd2'),
      t('lab1a.c', 'lab1a', 'failed', 1),
    ]);
    const b = mk([
      t('lab1a.a', 'lab1a', 'passed', 1, 'd1'),
      t('lab1a.b', 'lab1a', 'passed', 1, 'XX'),
      t('lab1a.c', 'lab1a', 'timeout', 1),
    ]);
    expect(compareReports(a, b).map((d) => d.id)).toEqual(['lab1a.b', 'lab1a.c']);
    expect(compareReports(a, a)).toEqual([]);
  });
});

describe('selection', () => {
  test('labs, parts and all', () => {
    expect(selectLabs(['lab1a']).parts).toEqual(['lab1a']);
    expect(selectLabs(['lab1a']).partial).toBe(true);
    expect(selectLabs(['lab1', 'lab1a']).partial).toBe(false);
    expect(selectLabs(['lab2b', 'lab1c']).labs.map((l) => l.id)).toEqual(['lab1', 'lab2']);
    expect(() => selectLabs(['lab9'])).toThrow(SelectionError);
  });

  test('isSelected honours parts, id prefixes and only', () => {
    expect(isSelected({ parts: [], idPrefixes: [] }, 'lab1a.x', 'lab1a')).toBe(true);
    expect(isSelected({ parts: ['lab1b'], idPrefixes: [] }, 'lab1a.x', 'lab1a')).toBe(false);
    expect(isSelected({ parts: [], idPrefixes: ['lab1a.vote'] }, 'lab1a.vote.one', 'lab1a')).toBe(true);
    expect(isSelected({ parts: [], idPrefixes: ['lab1a.vote'] }, 'lab1a.term.one', 'lab1a')).toBe(false);
    expect(isSelected({ parts: [], idPrefixes: [], only: 'lab1a.x' }, 'lab1a.x', 'lab1a')).toBe(true);
    expect(isSelected({ parts: [], idPrefixes: [], only: 'lab1a.x' }, 'lab1a.xy', 'lab1a')).toBe(false);
  });

  test('seeds and replay commands', () => {
    expect(seedList(7, 3)).toEqual([7, 8, 9]);
    expect(parseSeeds(undefined)).toEqual([1]);
    expect(parseSeeds('3, 4')).toEqual([3, 4]);
    expect(() => parseSeeds('1,x')).toThrow(RangeError);
    expect(replayCommand('lab1a.x', 7, 'labs')).toBe('npx raftlab replay lab1a.x --seed 7 --target labs');
    expect(replayCommand('lab1a.x', undefined, "/tmp/it's")).toBe(
      "npx raftlab replay lab1a.x --target '/tmp/it'\\''s'",
    );
  });
});

describe('CLI command line', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('help exits 0; mistakes exit 2 with a clear message', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--help'])).toBe(0);
    expect(await main(['grade', '--help'])).toBe(0);
    expect(await main(['replay', '--help'])).toBe(0);
    expect(await main(['list', '-h'])).toBe(0);
    expect(await main(['help', 'grade'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain('Usage: npx raftlab grade');
    expect(await main(['grade', '--bogus'])).toBe(2);
    expect(await main(['grade', 'lab9'])).toBe(2);
    expect(await main(['grade', '--seeds', '0'])).toBe(2);
    expect(await main(['grade', '--seed', 'abc'])).toBe(2);
    expect(await main(['grade', 'lab1', '--target', '/nonexistent/dir'])).toBe(2);
    expect(await main(['replay'])).toBe(2);
    expect(await main(['frobnicate'])).toBe(2);
    const messages = err.mock.calls.flat().join('\n');
    expect(messages).toContain('unknown option --bogus');
    expect(messages).toContain('unknown lab or part "lab9"');
    expect(messages).toContain('--seeds must be a whole number from 1 to 10000, got "0"');
    expect(messages).toContain('is not a directory');
    expect(messages).toContain('unknown command "frobnicate"');
  });
});
