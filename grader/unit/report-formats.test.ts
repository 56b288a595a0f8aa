// The report formats beside --json: JUnit XML (grader/report/junit.ts), checked to be well-formed XML
// with the structure of the JUnit schema CI tools read (an XSD-lite check written from that schema), and
// Gradescope's results.json (grader/report/gradescope.ts), checked with ajv against a JSON schema written
// from Gradescope's autograder specification. The report holds every status, a message with characters
// XML cannot carry, run-level problems and a rejected region.
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { renderGradescope } from '../report/gradescope.js';
import { GRADESCOPE_SCHEMA } from './gradescope-schema.js';
import { renderJunit, xmlEscape } from '../report/junit.js';
import { buildReport, type Report, type TestReport } from '../report/model.js';

function t(
  id: string,
  status: TestReport['status'],
  points: number,
  extra: Partial<TestReport> = {},
): TestReport {
  return {
    id,
    name: `title of ${id}`,
    part: id.split('.')[0] ?? 'lab1a',
    tags: ['unit'],
    points,
    max: 3,
    status,
    durationMs: 12,
    file: 'grader/labs/lab1/x.test.ts',
    ...(status === 'passed' ? {} : { error: `[${id}] went wrong`, replay: `npx raftlab replay ${id}` }),
    ...extra,
  };
}

const NASTY = 'expected <a & "b"> \u0000\u0007 \uD800 ]]> done\nline two';

function sample(): Report {
  const tests = [
    t('lab1a.one', 'passed', 3),
    t('lab1a.two', 'failed', 0, { error: NASTY, seed: 7 }),
    t('lab1b.three', 'timeout', 0),
    t('lab1b.four', 'crashed', 0),
    t('lab2a.five', 'skipped', 0),
  ];
  const submission = {
    ignored: [{ file: 'package.json', change: 'modified' as const, detail: 'from line 2' }],
    problems: [{ file: 'raft/raft.ts', line: 12, rule: 'clock' as const, message: '`Date` reads the clock' }],
    graded: ['raft/log.ts'],
  };
  const header = {
    target: 'sub',
    targetDir: '/tmp/sub',
    seeds: [1],
    wallMs: 1234,
    problems: ['a file did not load'],
    submission,
  };
  return buildReport(header, tests, ['lab1a', 'lab1b', 'lab2a']);
}

type Node = Record<string, unknown>;
const list = (x: unknown): Node[] => (x === undefined ? [] : Array.isArray(x) ? (x as Node[]) : [x as Node]);
const int = (n: Node, a: string): number => {
  const v = n[`@_${a}`];
  expect(v, `attribute ${a}`).toMatch(/^\d+$/);
  return Number(v);
};

/** The JUnit schema's structure: required attributes, counts that add up, one outcome per testcase. */
function checkJunitStructure(doc: Node): { cases: Node[] } {
  const root = doc.testsuites as Node;
  expect(root, 'root element <testsuites>').toBeDefined();
  const suites = list(root.testsuite);
  const cases: Node[] = [];
  for (const s of suites) {
    expect(typeof s['@_name']).toBe('string');
    expect(String(s['@_time'])).toMatch(/^\d+(\.\d+)?$/);
    const cs = list(s.testcase);
    expect(int(s, 'tests')).toBe(cs.length);
    const has = (k: string) => cs.filter((c) => c[k] !== undefined).length;
    expect(int(s, 'failures')).toBe(has('failure'));
    expect(int(s, 'errors')).toBe(has('error'));
    expect(int(s, 'skipped')).toBe(has('skipped'));
    for (const c of cs) {
      expect(typeof c['@_name']).toBe('string');
      expect(typeof c['@_classname']).toBe('string');
      expect(String(c['@_time'])).toMatch(/^\d+(\.\d+)?$/);
      expect(['failure', 'error', 'skipped'].filter((k) => c[k] !== undefined).length).toBeLessThanOrEqual(1);
      for (const k of ['failure', 'error'])
        for (const f of list(c[k])) expect(typeof f['@_message']).toBe('string');
      cases.push(c);
    }
  }
  expect(int(root, 'tests')).toBe(cases.length);
  return { cases };
}

describe('JUnit XML', () => {
  const xml = renderJunit(sample());
  const parser = new XMLParser({ ignoreAttributes: false, parseAttributeValue: false, parseTagValue: false });

  test('is well-formed XML 1.0 with the JUnit structure', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const { cases } = checkJunitStructure(parser.parse(xml) as Node);
    // Five tests, and the run's problems as one errored testcase.
    expect(cases.length).toBe(6);
  });

  test('one testcase per test, points in properties, failures and errors with their message', () => {
    const { cases } = checkJunitStructure(parser.parse(xml) as Node);
    const byName = (id: string) => cases.find((c) => String(c['@_name']).startsWith(id)) as Node;
    const props = (c: Node) =>
      Object.fromEntries(list((c.properties as Node).property).map((p) => [p['@_name'], p['@_value']]));
    expect(props(byName('lab1a.one'))).toMatchObject({ points: '3', max: '3', status: 'passed' });
    expect(props(byName('lab1a.two'))).toMatchObject({ points: '0', max: '3', seed: '7' });
    const failure = byName('lab1a.two').failure as Node;
    expect(String(failure['#text'])).toContain('expected <a & "b">');
    expect(String(failure['#text'])).toContain(']]> done\nline two');
    expect((byName('lab1b.three').error as Node)['@_type']).toBe('timeout');
    expect((byName('lab1b.four').error as Node)['@_type']).toBe('crashed');
    expect(byName('lab2a.five').skipped).toBeDefined();
    const run = byName('grading problems').error as Node;
    expect(String(run['#text'])).toContain('a file did not load');
    expect(String(run['#text'])).toContain('raft/raft.ts:12 [clock]');
  });

  test('characters XML cannot carry are replaced, never written', () => {
    expect(xmlEscape('a\u0000b\uD800c\u{1F600}')).toBe('a\uFFFDb\uFFFDc\u{1F600}');
    expect([...xml].some((c) => (c.codePointAt(0) ?? 0) < 0x9)).toBe(false);
  });
});

describe('Gradescope results.json', () => {
  const report = sample();
  const results = renderGradescope(report);

  test('validates against the schema of Gradescope results', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(GRADESCOPE_SCHEMA);
    const ok = validate(JSON.parse(JSON.stringify(results)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('scores add up, statuses map, numbers are unique, the summary names problems and ignored files', () => {
    expect(results.score).toBe(report.total.score);
    expect(results.tests.reduce((a, x) => a + x.score, 0)).toBe(report.total.score);
    expect(results.tests.reduce((a, x) => a + x.max_score, 0)).toBe(report.total.max);
    expect(results.tests.map((x) => x.status)).toEqual(['passed', 'failed', 'failed', 'failed', 'failed']);
    expect(new Set(results.tests.map((x) => x.number)).size).toBe(results.tests.length);
    expect(results.tests[1]?.output).toContain('expected <a & "b">');
    expect(results.tests[2]?.output).toMatch(/^timeout: /);
    expect(results.output).toContain('a file did not load');
    expect(results.output).toContain('raft/raft.ts:12 [clock]');
    expect(results.output).toContain('package.json (modified)');
  });

  test('visibility is the one asked for', () => {
    const hidden = renderGradescope(report, { visibility: 'after_published' });
    expect(new Set(hidden.tests.map((x) => x.visibility))).toEqual(new Set(['after_published']));
  });
});
