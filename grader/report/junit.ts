// The grade report as JUnit XML (`grade --junit FILE`), for CI systems that read it: one <testsuite> per
// lab, one <testcase> per test with its points in <properties>; `failed` is a <failure>, `timeout` and
// `crashed` are an <error> (the test did not finish), `skipped` is <skipped/>; the message is the
// test's full error. Problems of the run (and rejected regions) are one errored testcase of a suite
// `raftlab.run`, so that CI goes red as `grade` does.
import type { LabReport, Report, TestReport } from './model.js';

/** A code point XML 1.0 can hold (tab, LF, CR, and from U+0020 up, less surrogates and U+FFFE/U+FFFF). */
function xmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x9 || cp === 0xa || cp === 0xd;
  return !(cp >= 0xd800 && cp <= 0xdfff) && cp !== 0xfffe && cp !== 0xffff;
}

/** Text or attribute value, escaped; characters XML cannot carry become U+FFFD. */
export function xmlEscape(s: string): string {
  // for…of walks code points: a lone surrogate comes out alone, a valid pair as one.
  return Array.from(s, (c) => (xmlChar(c.codePointAt(0) ?? 0) ? c : '\uFFFD'))
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

/** Element text: like an attribute, but line ends stay readable. */
function xmlText(s: string): string {
  return xmlEscape(s).replaceAll('&#10;', '\n').replaceAll('&#9;', '\t');
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

function property(name: string, value: string | number): string {
  return `<property${attrs({ name, value })}/>`;
}

function testcase(t: TestReport, lab: LabReport): string[] {
  const head = `    <testcase${attrs({ classname: `raftlab.${lab.id}.${t.part}`, name: `${t.id} ${t.name}`, time: secs(t.durationMs) })}>`;
  const props = [
    property('points', t.points),
    property('max', t.max),
    property('status', t.status),
    ...(t.seed !== undefined ? [property('seed', t.seed)] : []),
  ];
  const out = [head, `      <properties>${props.join('')}</properties>`];
  const message = t.error ?? t.status;
  const first = message.split('\n')[0] ?? message;
  if (t.status === 'failed')
    out.push(`      <failure${attrs({ message: first, type: 'failed' })}>${xmlText(message)}</failure>`);
  else if (t.status === 'timeout' || t.status === 'crashed')
    out.push(`      <error${attrs({ message: first, type: t.status })}>${xmlText(message)}</error>`);
  else if (t.status === 'skipped') out.push(`      <skipped${attrs({ message: first })}/>`);
  out.push('    </testcase>');
  return out;
}

function count(ts: readonly TestReport[], ...statuses: TestReport['status'][]): number {
  return ts.filter((t) => statuses.includes(t.status)).length;
}

function suite(lab: LabReport): string[] {
  const ts = lab.tests;
  const head = `  <testsuite${attrs({
    name: `raftlab.${lab.id}`,
    tests: ts.length,
    failures: count(ts, 'failed'),
    errors: count(ts, 'timeout', 'crashed'),
    skipped: count(ts, 'skipped'),
    time: secs(ts.reduce((a, t) => a + t.durationMs, 0)),
  })}>`;
  const props = [
    property('score', lab.score),
    property('max', lab.max),
    ...lab.parts.map((p) => property(`${p.id}.score`, `${p.score}/${p.max}`)),
  ];
  return [
    head,
    `    <properties>${props.join('')}</properties>`,
    ...ts.flatMap((t) => testcase(t, lab)),
    '  </testsuite>',
  ];
}

/** Problems outside the tests: the run's own, and regions the static check rejected. */
function runProblems(report: Report): string[] {
  const rejected = (report.submission?.problems ?? []).map(
    (p) => `${p.file}:${p.line} [${p.rule}] ${p.message}`,
  );
  return [...report.problems, ...rejected];
}

function problemSuite(problems: readonly string[]): string[] {
  const text = problems.join('\n');
  const first = problems[0] ?? '';
  return [
    `  <testsuite${attrs({ name: 'raftlab.run', tests: 1, failures: 0, errors: 1, skipped: 0, time: secs(0) })}>`,
    `    <testcase${attrs({ classname: 'raftlab.run', name: 'grading problems', time: secs(0) })}>`,
    `      <error${attrs({ message: first, type: 'problem' })}>${xmlText(text)}</error>`,
    '    </testcase>',
    '  </testsuite>',
  ];
}

export function renderJunit(report: Report): string {
  const tests = report.labs.flatMap((l) => l.tests);
  const problems = runProblems(report);
  const extra = problems.length > 0 ? 1 : 0;
  const root = `<testsuites${attrs({
    name: 'raftlab',
    tests: tests.length + extra,
    failures: count(tests, 'failed'),
    errors: count(tests, 'timeout', 'crashed') + extra,
    skipped: count(tests, 'skipped'),
    time: secs(report.wallMs),
  })}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    root,
    ...report.labs.flatMap(suite),
    ...(problems.length > 0 ? problemSuite(problems) : []),
    '</testsuites>',
    '',
  ].join('\n');
}
