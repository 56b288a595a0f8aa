// What a person would see on a viewer page, checked in the browser against the trace the page was built
// from (the names are the page's DOM contract: data-testid attributes, window.__raftlab): one lane per
// store, one arrow per delivered packet, the failure and the jump to it, the snapshot chain in order, an
// event's fields on a click. Each check fails with what it expected, what it saw and the page's file.
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceEvent } from '../viewer/model/types.js';
import {
  inLanesViewport,
  isReady,
  type PageSummary,
  readSummary,
  scanArrows,
  visibleRows,
  waitFrames,
} from './browser-inpage.js';
import type { TracePage } from './browser-pages.js';
import { StepFailure } from './errors.js';

const READY_TIMEOUT_MS = 20_000;
/** The window height while scanning the arrows. */
const SCAN_HEIGHT = 4_000;

export function fail(page: TracePage, what: string, expected: string, actual: string): never {
  throw new StepFailure(`${what} (${page.file})\n  expected: ${expected}\n  actual:   ${actual}`);
}

/** Opens the page and waits for data-ready; a request that leaves the file, or a script error, fails. */
export async function open(context: BrowserContext, page: TracePage): Promise<Page> {
  const p = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('request', (r) => {
    if (!/^(file|data|blob|about):/.test(r.url())) outside.push(r.url());
  });
  await p.goto(page.url);
  try {
    await p.waitForFunction(isReady, null, {
      timeout: READY_TIMEOUT_MS,
    });
  } catch {
    fail(
      page,
      'the page never became ready',
      `#app[data-ready=1] within ${READY_TIMEOUT_MS} ms`,
      errors.join('; ') || 'no script error',
    );
  }
  if (errors.length > 0) fail(page, 'the page threw', 'no script error', errors.join('; '));
  if (outside.length > 0)
    fail(page, 'the page is not self-contained', 'no network request', outside.join(', '));
  return p;
}

export async function summary(p: Page, page: TracePage): Promise<PageSummary> {
  const s = await p.evaluate(readSummary);
  if (s === null)
    fail(page, 'the page publishes its summary', 'window.__raftlab set once ready', 'undefined');
  return s;
}

/** Resolves after `n` rendered frames. */
export async function frames(p: Page, n = 2): Promise<void> {
  await p.evaluate(waitFrames, n);
}

export async function openTab(p: Page, view: 'lanes' | 'state' | 'clients' | 'chain'): Promise<void> {
  await p.click(`[data-testid=tab-${view}]`);
  await p.waitForSelector(`[data-testid=view-${view}]:not([hidden])`, { timeout: 5_000 });
  await frames(p);
}

/** The trace's stores: every numeric node, ascending. */
export function storesOf(events: readonly TraceEvent[]): number[] {
  const ids = new Set<number>();
  for (const e of events) if (typeof e.node === 'number') ids.add(e.node);
  return [...ids].sort((a, b) => a - b);
}

/** 1. one lane header per store of the trace. */
export async function checkLanes(p: Page, page: TracePage): Promise<string> {
  await openTab(p, 'lanes');
  const expected = storesOf(page.events);
  const headers = await p.$$eval('[data-testid=lane-header]', (els) =>
    els.map((e) => Number(e.getAttribute('data-store'))),
  );
  const actual = [...headers].sort((a, b) => a - b);
  if (actual.join() !== expected.join())
    fail(
      page,
      'one lane header per store',
      `stores ${expected.join(', ')}`,
      `lane headers of stores ${headers.join(', ') || 'none'}`,
    );
  return `${expected.length} lanes`;
}

/** 2. scrolling the whole lanes view shows one delivered arrow per `deliver` event of the trace. */
export async function checkArrows(p: Page, page: TracePage): Promise<string> {
  await openTab(p, 'lanes');
  const expected = page.events.filter((e) => e.kind === 'deliver').length;
  // a tall window: fewer screens to scroll (the lanes fill the window)
  const size = p.viewportSize();
  await p.setViewportSize({ width: size?.width ?? 1400, height: SCAN_HEIGHT });
  const seen = await p.evaluate(scanArrows);
  if (size !== null) await p.setViewportSize(size);
  if (seen === null) fail(page, 'the lanes scroll', 'a [data-testid=lanes-scroll] element', 'none');
  const s = await summary(p, page);
  if (seen.delivered.length !== expected)
    fail(
      page,
      'one delivered arrow per deliver event',
      `${expected} distinct [data-testid=arrow][data-outcome=delivered] (the trace's deliver events)`,
      `${seen.delivered.length} over ${seen.screens} screens (window.__raftlab.delivered = ${s.delivered})`,
    );
  const bad = seen.delivered.filter((i) => !Number.isInteger(i) || i < 0 || i >= s.arrows);
  if (bad.length > 0)
    fail(page, 'data-arrow indexes model.arrows', `0 ≤ data-arrow < ${s.arrows}`, bad.slice(0, 5).join(', '));
  return `${expected} delivered arrows (${seen.dropped.length} dropped) over ${seen.screens} screens`;
}

/** 3. a failed run: its failure text is shown, and jump-failure brings the failure marker into view. */
export async function checkFailure(p: Page, page: TracePage): Promise<string> {
  const last = page.events.at(-1);
  if (last?.kind !== 'failure')
    fail(page, 'the failing source', 'a trace ending with a failure event', `last event ${last?.kind}`);
  const firstLine = String(last.error).split('\n')[0] ?? '';
  const shown = (await p.locator('[data-testid=failure]').textContent({ timeout: 5_000 })) ?? '';
  if (!shown.includes(firstLine))
    fail(
      page,
      'the failure text is shown',
      `[data-testid=failure] containing "${firstLine}"`,
      `"${shown.slice(0, 200)}"`,
    );
  await p.click('[data-testid=jump-failure]');
  await p
    .waitForSelector('[data-testid=failure-marker]', { state: 'attached', timeout: 5_000 })
    .catch(() => undefined);
  await frames(p, 3);
  if (!(await p.evaluate(inLanesViewport, '[data-testid=failure-marker]')))
    fail(
      page,
      'jump-failure brings the failure marker into view',
      '[data-testid=failure-marker] inside the lanes viewport',
      'not in view (or not rendered)',
    );
  return `failure shown, jump-failure reaches event ${page.events.length - 1}`;
}

/** The chain steps the snapshot demo must show, in order. */
export const SNAPSHOT_CHAIN = [
  'fallback',
  'unavailable',
  'generate',
  'next-snapshot',
  'progress-snapshot',
  'message',
  'transport',
  'handle',
  'install',
  'advance',
  'ack',
  'progress-leaves',
] as const;

/** 4. the demo page opens on the chain view, with every step of the snapshot chain seen, in order. */
export async function checkChain(p: Page, page: TracePage): Promise<string> {
  const view = (await summary(p, page)).view;
  if (view !== 'chain')
    fail(page, 'the demo page opens on the chain view', "window.__raftlab.view() = 'chain'", `'${view}'`);
  const steps = await p.$$eval('[data-testid=view-chain] [data-testid=chain-step]', (els) =>
    els.map((e) => `${e.getAttribute('data-key')}:${e.getAttribute('data-seen')}`),
  );
  const expected = SNAPSHOT_CHAIN.map((k) => `${k}:1`);
  if (steps.join(' ') !== expected.join(' '))
    fail(
      page,
      'the chain view lists the snapshot chain in order, every step seen',
      expected.join(' '),
      steps.join(' ') || 'no chain-step',
    );
  return `chain of ${steps.length} steps`;
}

/** 5. clicking an event row shows its fields in the details panel. */
export async function checkDetails(p: Page, page: TracePage, kind = 'persist'): Promise<string> {
  await openTab(p, 'lanes');
  const seq = (await p.evaluate(visibleRows, kind))[0];
  const event = seq === undefined ? undefined : page.events[seq];
  if (seq === undefined || event === undefined)
    fail(page, `a ${kind} row to click`, `a [data-kind=${kind}] row in view at the top of the lanes`, 'none');
  await p.locator(`[data-testid=view-lanes] [data-seq="${seq}"]`).first().click();
  const fields: [string, unknown][] = [['seq', seq], ...Object.entries(event)];
  const shows = (text: string, [k, v]: [string, unknown]): boolean =>
    text.includes(k) && (typeof v === 'object' || text.includes(String(v)));
  const details = p.locator('[data-testid=details]');
  const deadline = Date.now() + 3_000;
  let text = '';
  do {
    text = (await details.textContent()) ?? '';
    if (fields.every((f) => shows(text, f))) return `details of event ${seq} (${kind})`;
    await frames(p);
  } while (Date.now() < deadline);
  const missing = fields.filter((f) => !shows(text, f)).map(([k]) => k);
  fail(
    page,
    `clicking event ${seq} shows its fields`,
    `[data-testid=details] with ${fields.map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
    `missing ${missing.join(', ')} in "${text.slice(0, 300)}"`,
  );
}

/** The walk-through's chain (docs/debugging.md): the steps seen (1) and not seen (0), in order. */
export const WALKTHROUGH_CHAIN =
  'fallback:1 unavailable:1 generate:1 next-snapshot:0 progress-snapshot:1 message:0 transport:0 handle:0 install:0 advance:0 ack:0 progress-leaves:0';

/**
 * The failing page of docs/debugging.md's walk-through opens the chain view on the snapshot asked for and
 * never sent, with the steps the doc describes seen and not seen.
 */
export async function checkWalkthrough(p: Page, page: TracePage): Promise<string> {
  await openTab(p, 'chain');
  const title = await p.$eval('[data-testid=chain-select]', (el) => {
    const s = el as unknown as { selectedOptions: ArrayLike<{ textContent: string | null }> };
    return s.selectedOptions[0]?.textContent ?? '';
  });
  const steps = await p.$$eval('[data-testid=view-chain] [data-testid=chain-step]', (els) =>
    els.map((e) => `${e.getAttribute('data-key')}:${e.getAttribute('data-seen')}`),
  );
  const wanted = 'snapshot @18 from store 3 to store 1: asked for, never sent';
  if (!title.startsWith(wanted) || steps.join(' ') !== WALKTHROUGH_CHAIN)
    fail(
      page,
      "the walk-through's chain: the snapshot never sent, as docs/debugging.md shows it",
      `${wanted} — ${WALKTHROUGH_CHAIN}`,
      `${title} — ${steps.join(' ')}`,
    );
  return 'the never-sent snapshot chain, as documented';
}
