// The trace viewer's pages as the grader writes them: one self-contained HTML file (no external
// resource) whose trace survives any string student code puts in an event, without that string ever
// becoming markup; `grade` writes a page per failing seeded test into the folder its message names;
// `demo` writes its page with the chain view open. (`replay --html`, and what the pages show, are
// checked in a real browser by the self-test's browser step.)
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../runner/host/paths.js';
import { buildPage } from '../viewer/page.js';
import { pageName, writeFailurePages } from '../viewer/pages.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'raftlab-pages-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The JSON the page carries, parsed back as the page's script does. */
function pageData(html: string): { meta: Record<string, unknown>; events: Record<string, unknown>[] } {
  const m = /<script id="raftlab-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'the page has its data block').not.toBeNull();
  return JSON.parse(m![1]!) as { meta: Record<string, unknown>; events: Record<string, unknown>[] };
}

const HOSTILE = '</script><script>alert(1)</script><!-- \u2028 <img src=x onerror=alert(2)>';

describe('a page', () => {
  test('is self-contained: one script and one style inlined, no external resource', () => {
    const html = buildPage({ meta: { title: 't' }, events: [{ t: 0, node: 1, kind: 'up' }] });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // the SVG namespace is a name, not an address the page loads
    const addresses = html.replaceAll('"http://www.w3.org/2000/svg"', '');
    expect(addresses).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(|https?:\/\//);
    expect(html.match(/<script>/g)?.length, 'one inline script (the viewer)').toBe(1);
  });

  test('carries any event string as data, never as markup', () => {
    const events = [{ t: 1, node: 2, kind: 'refuse', reason: HOSTILE }];
    const html = buildPage({ meta: { title: HOSTILE, failure: HOSTILE }, events });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)?.length, 'only the two script elements end').toBe(2);
    const data = pageData(html);
    expect(data.events[0]!['reason']).toBe(HOSTILE);
    expect(data.meta['failure']).toBe(HOSTILE);
    expect(html).toContain(`<title>RaftLab trace — &#60;/script&#62;`);
  });

  test('from trace lines, leaves out lines that are not one JSON object', () => {
    const lines = [
      '{"kind":"up","node":1,"t":0}',
      'not json',
      '[1,2]',
      '{"kind":"x"',
      '{"kind":"tick","node":1,"t":50}',
    ];
    const data = pageData(buildPage({ meta: { title: 't' }, lines }));
    expect(data.events.map((e) => e['kind'])).toEqual(['up', 'tick']);
  });
});

describe('writeFailurePages', () => {
  test('a page per failed run with a trace; older pages removed; missing traces skipped', () => {
    const traces = join(root, 'traces');
    const pages = join(root, 'pages');
    rmSync(traces, { recursive: true, force: true });
    mkdirSync(traces, { recursive: true });
    mkdirSync(pages, { recursive: true });
    writeFileSync(join(pages, pageName('old.test', 3)), 'stale');
    writeFileSync(join(pages, 'notes.txt'), 'mine');
    writeFileSync(join(traces, 'a.b.7.jsonl'), '{"kind":"failure","node":"sim","t":5,"error":"boom"}\n');
    const out = writeFailurePages(traces, pages, [
      { id: 'a.b', seed: 7, target: 'labs', error: 'boom' },
      { id: 'c.d', seed: 1, target: 'labs' },
    ]);
    expect([...out.keys()]).toEqual(['a.b']);
    expect(readdirSync(pages).sort()).toEqual([pageName('a.b', 7), 'notes.txt']);
    const data = pageData(readFileSync(out.get('a.b')!, 'utf8'));
    expect(data.meta).toMatchObject({ testId: 'a.b', seed: 7, failure: 'boom' });
  });
});

/** Runs the kit's CLI in a child (as a student would), in folder `cwd` (never blocking this worker). */
function raftlab(cwd: string, ...args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    const argv = [join(REPO_ROOT, 'grader/bin/raftlab.mjs'), ...args, '--no-color'];
    execFile(process.execPath, argv, { cwd, encoding: 'utf8', timeout: 240_000 }, (err, stdout, stderr) => {
      const status = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      done({ status, out: `${stdout}\n${stderr}` });
    });
  });
}

describe.concurrent('the commands', () => {
  test('grade writes a page for a failing seeded test and names it in the failure', async () => {
    const cwd = mkdtempSync(join(root, 'grade-'));
    const r = await raftlab(cwd, 'grade', 'lab1d', '--tests', 'lab1d.system.one-client');
    expect(r.status, r.out).toBe(1);
    const rel = join('.raftlab', 'pages', pageName('lab1d.system.one-client', 1));
    expect(r.out).toContain(`page:   ${join(cwd, rel).replace(`${REPO_ROOT}/`, '')}`);
    const data = pageData(readFileSync(join(cwd, rel), 'utf8'));
    expect(data.events.at(-1)?.['kind'], 'the trace of the failed run ends with its failure').toBe('failure');
    expect(String(data.meta['failure'])).toContain('LabTodo');
  }, 240_000);

  test('grade --no-pages writes none', async () => {
    const cwd = mkdtempSync(join(root, 'nopages-'));
    const r = await raftlab(cwd, 'grade', 'lab1d', '--tests', 'lab1d.system.one-client', '--no-pages');
    expect(r.status, r.out).toBe(1);
    expect(existsSync(join(cwd, '.raftlab')), r.out).toBe(false);
    expect(r.out).not.toContain('page:');
  }, 240_000);

  test('demo writes its page with the chain view open, and names the demos there are', async () => {
    const cwd = mkdtempSync(join(root, 'demo-'));
    const r = await raftlab(cwd, 'demo', 'snapshot', '--target', 'solutions');
    expect(r.status, r.out).toBe(0);
    const data = pageData(readFileSync(join(cwd, '.raftlab', 'pages', 'demo-snapshot.html'), 'utf8'));
    expect(data.meta).toMatchObject({ testId: 'demo.snapshot', open: 'chain', chain: 'snapshot', seed: 1 });
    expect(data.meta['replay']).toBe('npx raftlab demo snapshot --seed 1 --target solutions');
    const kinds = new Set(data.events.map((e) => e['kind']));
    for (const k of ['snapshot-call', 'snapshot-generated', 'progress', 'snapshot-installed', 'state'])
      expect(kinds.has(k), `the demo's trace has ${k} events`).toBe(true);
    const bad = await raftlab(cwd, 'demo', 'snapshots');
    expect(bad.status).toBe(2);
    expect(bad.out).toContain('did you mean snapshot');
    expect(bad.out).toContain('log-gc');
  }, 240_000);
});
