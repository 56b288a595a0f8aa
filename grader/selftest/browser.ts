// The `browser` step: the trace viewer's pages opened in headless Chromium (Debian's package, driven by
// playwright-core, which never downloads a browser), checked for what a person would see — a lane per
// store, an arrow per delivered message, the failure and the jump to it, the snapshot chain in order, an
// event's fields on a click, a 100 000-event page that opens within 3 s and scrolls smoothly — and
// photographed for the docs. Without a Chromium the step is skipped, saying how to install one.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkArrows,
  checkChain,
  checkDetails,
  checkFailure,
  checkLanes,
  checkWalkthrough,
  open,
} from './browser-checks.js';
import { bigPage, demoPage, replayPage, SOURCES, type TracePage } from './browser-pages.js';
import { type BigFigures, checkBig } from './browser-perf.js';
import { SHOT_VIEWPORT, screenshots, shotsDir } from './browser-shots.js';
import { MissingDependency, StepFailure } from './errors.js';
import type { Step, StepContext, StepResult } from './sequence.js';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The longest one check may take (the arrows scan of a small page takes a few seconds). */
const CHECK_TIMEOUT_MS = 60_000;

const NO_CHROMIUM =
  "chromium not found: install Debian's chromium package (apt-get install chromium) to run the browser checks";

/** /usr/bin/chromium, else `chromium` on the PATH. */
function findChromium(path = process.env.PATH ?? ''): string | undefined {
  const candidates = [
    '/usr/bin/chromium',
    ...path
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, 'chromium')),
  ];
  return candidates.find((c) => existsSync(c));
}

async function launch(executablePath: string): Promise<Browser> {
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch {
    throw new MissingDependency('playwright-core is not installed: run npm ci');
  }
  return pw.chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
}

/** A fresh context (no cookies, no storage) at the docs' picture size. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: SHOT_VIEWPORT });
}

interface Pages {
  small: TracePage;
  failing: TracePage;
  walkthrough: TracePage;
  demo: TracePage;
  big: TracePage;
}

async function makePages(ctx: StepContext): Promise<Pages> {
  const [small, failing, walkthrough, demo] = await Promise.all([
    replayPage(ctx, SOURCES.small),
    replayPage(ctx, SOURCES.failing),
    replayPage(ctx, SOURCES.walkthrough),
    demoPage(ctx, SOURCES.demo),
  ]);
  return { small, failing, walkthrough, demo, big: bigPage(ctx) };
}

/** One check, bounded: a page that stops answering fails the step instead of hanging it. */
async function within<T>(what: string, work: () => Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepFailure(`${what}: not done within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Check = (p: Page, page: TracePage) => Promise<string>;

/** Opens the page, runs the checks in order; "name: detail, detail". */
async function checkPage(
  context: BrowserContext,
  page: TracePage,
  checks: Record<string, Check>,
): Promise<string> {
  const p = await within(`opening ${page.file}`, () => open(context, page));
  const details: string[] = [];
  for (const [name, check] of Object.entries(checks))
    details.push(await within(`the ${name} check on ${page.file}`, () => check(p, page)));
  await p.close();
  return `${page.name}: ${details.join(', ')}`;
}

/** Checks 1–5 on the real runs' pages; their detail lines. */
async function checkPages(context: BrowserContext, pages: Pages): Promise<string[]> {
  return [
    await checkPage(context, pages.small, { lanes: checkLanes, arrows: checkArrows, details: checkDetails }),
    await checkPage(context, pages.failing, { lanes: checkLanes, failure: checkFailure }),
    await checkPage(context, pages.walkthrough, { walkthrough: checkWalkthrough }),
    await checkPage(context, pages.demo, { chain: checkChain }),
  ];
}

function bigDetail(f: BigFigures, events: number): string {
  const ms = (x: number): string => `${Math.round(x)} ms`;
  return (
    `${events} events: ready ${ms(f.readyMs)} after navigation (goto→ready ${ms(f.gotoMs)}), ` +
    `scroll→frame median ${ms(f.frameMedianMs)} max ${ms(f.frameMaxMs)}, ≤${f.maxRows} rows in the DOM`
  );
}

export const browserStep: Step = {
  name: 'browser',
  summary:
    'the trace viewer in headless Chromium: lanes, arrows, failure, chain, details, a 100 000-event page',
  async run(ctx): Promise<StepResult> {
    const exe = findChromium();
    if (exe === undefined) return { kind: 'skip', detail: NO_CHROMIUM };
    const pages = await makePages(ctx);
    ctx.note(
      `pages written: ${Object.values(pages)
        .map((p) => p.file)
        .join(', ')}`,
    );
    const browser = await launch(exe);
    try {
      const context = await newContext(browser);
      const details = await checkPages(context, pages);
      const big = await within('the 100 000-event page', () => checkBig(context, pages.big));
      const dir = shotsDir(ctx.root, ctx.scratch);
      const shots = await within('the screenshots', () => screenshots(context, pages, dir));
      details.push(bigDetail(big, pages.big.events.length), `${shots.length} screenshots in ${dir}`);
      return { kind: 'pass', detail: `${browser.version()}: ${details.join('; ')}` };
    } finally {
      await browser.close();
    }
  },
};
