// Functions the browser step runs INSIDE a viewer page (page.evaluate serializes them: they must use only
// their arguments and the page's globals). The kit's tsconfig has no DOM library, so the few DOM names
// they touch are declared here, for this module only.
import type { PageGlobal } from '../viewer/model/types.js';

interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number };
  readonly dataset: Readonly<Record<string, string | undefined>>;
  scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
}

declare const document: {
  getElementById(id: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
};
declare const window: { readonly innerHeight: number; readonly __raftlab?: RaftlabGlobal };
declare function requestAnimationFrame(callback: (t: number) => void): number;

/** window.__raftlab, as the page's DOM contract defines it. */
export type RaftlabGlobal = PageGlobal;

export type PageSummary = Omit<RaftlabGlobal, 'view'> & { view: string };

export function isReady(): boolean {
  return document.getElementById('app')?.dataset.ready === '1';
}

export function readSummary(): PageSummary | null {
  const s = window.__raftlab;
  if (s === undefined) return null;
  return {
    stores: s.stores,
    arrows: s.arrows,
    delivered: s.delivered,
    events: s.events,
    readyMs: s.readyMs,
    view: s.view(),
  };
}

export async function waitFrames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

export interface ArrowScan {
  delivered: number[];
  dropped: number[];
  screens: number;
}

/** Distinct data-arrow indices by outcome, collected by scrolling the lanes top to bottom. */
export async function scanArrows(): Promise<ArrowScan | null> {
  const el = document.querySelector('[data-testid=lanes-scroll]');
  if (el === null) return null;
  const delivered = new Set<number>();
  const dropped = new Set<number>();
  el.scrollTop = 0;
  let screens = 1;
  for (;;) {
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    for (const a of document.querySelectorAll('[data-testid=arrow]')) {
      const outcome = a.getAttribute('data-outcome');
      const set = outcome === 'delivered' ? delivered : outcome === 'dropped' ? dropped : undefined;
      set?.add(Number(a.getAttribute('data-arrow')));
    }
    const before = el.scrollTop;
    if (before + el.clientHeight >= el.scrollHeight - 1) break;
    el.scrollTop = before + Math.max(1, Math.floor(el.clientHeight * 0.9));
    if (el.scrollTop === before) break;
    screens++;
  }
  return { delivered: [...delivered], dropped: [...dropped], screens };
}

/** Is the element's box inside both the lanes scroll box and the window? */
export function inLanesViewport(selector: string): boolean {
  const el = document.querySelector(selector);
  const box = document.querySelector('[data-testid=lanes-scroll]')?.getBoundingClientRect();
  if (el === null || box === undefined) return false;
  const r = el.getBoundingClientRect();
  return r.top < box.bottom && r.bottom > box.top && r.top < window.innerHeight && r.bottom > 0;
}

/** Scrolls the lanes to the top; then the seqs of the rendered rows of `kind` wholly inside the lanes box. */
export async function visibleRows(kind: string): Promise<number[]> {
  const el = document.querySelector('[data-testid=lanes-scroll]');
  if (el === null) return [];
  el.scrollTop = 0;
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const box = el.getBoundingClientRect();
  const seqs: number[] = [];
  for (const row of document.querySelectorAll(`[data-testid=view-lanes] [data-seq][data-kind="${kind}"]`)) {
    const r = row.getBoundingClientRect();
    if (r.top >= box.top && r.bottom <= box.bottom) seqs.push(Number(row.getAttribute('data-seq')));
  }
  return seqs;
}

export interface ScrollFigures {
  /** Per scroll: ms from setting scrollTop to the end of the frame that rendered it. */
  frames: number[];
  /** The most event rows in the DOM after any scroll. */
  maxRows: number;
}

/** Scrolls `screens` screens down, timing each scroll until the frame after it was rendered. */
export async function scrollFrames(screens: number): Promise<ScrollFigures | null> {
  const el = document.querySelector('[data-testid=lanes-scroll]');
  if (el === null) return null;
  const frames: number[] = [];
  let maxRows = 0;
  for (let i = 0; i < screens; i++) {
    const started = performance.now();
    el.scrollTop += el.clientHeight;
    // the frame that handles the scroll; a task queued from its rAF runs once that frame is rendered
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    frames.push(performance.now() - started);
    maxRows = Math.max(maxRows, document.querySelectorAll('[data-testid=view-lanes] [data-seq]').length);
  }
  return { frames, maxRows };
}
