// Screenshots of the viewer's views at 1400×900, taken by the browser step: into docs/img/viewer-*.png
// (for the docs) when RAFTLAB_SCREENSHOTS=1, else into the step's scratch folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { frames, open, openTab } from './browser-checks.js';
import type { TracePage } from './browser-pages.js';

export const SHOT_VIEWPORT = { width: 1400, height: 900 } as const;

/** The folder the step's screenshots go to. */
export function shotsDir(root: string, scratch: string): string {
  return process.env.RAFTLAB_SCREENSHOTS === '1' ? join(root, 'docs', 'img') : join(scratch, 'screenshots');
}

interface Shot {
  name: string;
  page: TracePage;
  prepare(p: Page): Promise<void>;
}

/** Searches for `text` (Enter jumps to the first match) and clicks that row: lanes with details open. */
async function findAndSelect(p: Page, text: string, kind: string): Promise<void> {
  await p.fill('[data-testid=search]', text);
  await p.press('[data-testid=search]', 'Enter');
  await frames(p, 3);
  const row = p.locator(`[data-testid=view-lanes] [data-seq][data-kind=${kind}]`).first();
  if ((await row.count()) > 0) await row.click();
}

/** Takes the five pictures; returns the files written. */
export async function screenshots(
  context: BrowserContext,
  pages: { small: TracePage; failing: TracePage; demo: TracePage },
  dir: string,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const shots: Shot[] = [
    {
      name: 'lanes',
      page: pages.small,
      prepare: (p) => findAndSelect(p, 'snapshot-generated', 'snapshot-generated'),
    },
    { name: 'state', page: pages.small, prepare: (p) => openTab(p, 'state') },
    { name: 'clients', page: pages.small, prepare: (p) => openTab(p, 'clients') },
    { name: 'chain', page: pages.demo, prepare: (p) => openTab(p, 'chain') },
    { name: 'failure', page: pages.failing, prepare: (p) => p.click('[data-testid=jump-failure]') },
  ];
  const files: string[] = [];
  for (const s of shots) {
    const p = await open(context, s.page);
    await s.prepare(p);
    await frames(p, 3);
    const file = join(dir, `viewer-${s.name}.png`);
    await p.screenshot({ path: file });
    await p.close();
    files.push(file);
  }
  return files;
}
