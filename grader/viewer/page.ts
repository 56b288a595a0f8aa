// The trace viewer's page: one self-contained HTML file holding a run's trace, the viewer's script
// (grader/viewer/client/, bundled by esbuild into one IIFE) and its styles. No network, no external
// resource: the file opens offline in any current browser. Trace text is untrusted (student code can put
// any string in an event), so it travels as JSON in a non-executed script block, `<` escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../paths.js';
import type { TraceEvent, TraceMeta } from './model/types.js';

const CLIENT = join(REPO_ROOT, 'grader/viewer/client');

/** A page's content: the trace (parsed events, or the JSON lines as written) and what it is. */
export interface PageInput {
  meta: TraceMeta;
  events?: readonly TraceEvent[];
  /** The trace's JSON lines (one event each), used as they are: faster than events for big traces. */
  lines?: readonly string[];
}

let bundled: { script: string; styles: string } | undefined;

/** The client script and styles, built once per process (about 50 ms). */
function assets(): { script: string; styles: string } {
  if (bundled !== undefined) return bundled;
  const out = buildSync({
    entryPoints: [join(CLIENT, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = out.outputFiles[0]?.text ?? '';
  const styles = readFileSync(join(CLIENT, 'styles.css'), 'utf8');
  bundled = { script, styles };
  return bundled;
}

/** JSON text made safe inside a <script> element: no `</script`, `<!--` or line separators survive. */
function scriptSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text made safe inside an HTML element or attribute. */
function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A line that is one JSON object (a worker's trace file is untrusted: anything else is left out). */
function isEventLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The trace as one JSON array, from lines if given (each line is already one canonical JSON value). */
function eventsJson(input: PageInput): string {
  if (input.lines !== undefined) return `[${input.lines.filter(isEventLine).join(',')}]`;
  return JSON.stringify(input.events ?? []);
}

/** The whole page. */
export function buildPage(input: PageInput): string {
  const { script, styles } = assets();
  const data = scriptSafe(`{"meta":${JSON.stringify(input.meta)},"events":${eventsJson(input)}}`);
  // The bundle itself could contain "</script" in a string literal: split it so the element stays whole.
  const code = script.replace(/<\/script/gi, '<\\/script');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(`RaftLab trace — ${input.meta.title}`)}</title>`,
    `<style>${styles.replace(/<\/style/gi, '<\\/style')}</style>`,
    '</head>',
    '<body>',
    `<script id="raftlab-data" type="application/json">${data}</script>`,
    '<div id="app"></div>',
    `<script>${code}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Reads a JSON-lines trace file into lines (the trace a replay or a grade run wrote). */
export function readTraceLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}
