// Messages on the lanes: one SVG group per arrow crossing the rendered window, from the send row in the
// sender's lane to the deliver (or drop) row in the receiver's. Dropped arrows stop short with a ✕,
// arrows still in flight at the end trail off, duplicates are dashed.
import { short } from '../model/labels.js';
import type { Arrow, ViewModel } from '../model/types.js';
import { lowerBound, s } from './dom.js';
import { typeColor } from './palette.js';

/** What drawing needs of the lanes: the window (rows a ≤ i < b), row positions and lane positions. */
export interface ArrowWindow {
  a: number;
  b: number;
  rows: Int32Array;
  /** Row index of each seq, −1 when hidden. */
  rowOf: Int32Array;
  rowH: number;
  /** x of a store's lifeline, undefined when its lane is hidden. */
  dotX(store: number): number | undefined;
  /** seq of the selected event: arrows ending there are highlighted. */
  selected: number | undefined;
}

/** Arrow indexes ordered by sendSeq (the model's order when it is sorted already). */
export function arrowOrder(model: ViewModel): Int32Array {
  const order = Int32Array.from(model.arrows, (_, i) => i);
  const sorted = model.arrows.every((a, i) => i === 0 || (model.arrows[i - 1]?.sendSeq ?? 0) <= a.sendSeq);
  if (!sorted) order.sort((x, y) => (model.arrows[x]?.sendSeq ?? 0) - (model.arrows[y]?.sendSeq ?? 0));
  return order;
}

function head(x1: number, y1: number, x2: number, y2: number, size: number, color: string): SVGElement {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const bx = x2 - ux * size;
  const by = y2 - uy * size;
  const w = size * 0.5;
  const points = `${x2},${y2} ${bx - uy * w},${by + ux * w} ${bx + uy * w},${by - ux * w}`;
  return s('polygon', { points, fill: color });
}

function cross(x: number, y: number, color: string): SVGElement {
  const d = `M${x - 4},${y - 4}L${x + 4},${y + 4}M${x - 4},${y + 4}L${x + 4},${y - 4}`;
  return s('path', { d, stroke: color, 'stroke-width': 2, class: 'cross' });
}

function arrowTitle(a: Arrow): string {
  const what = `${short(a.type)} #${a.id} ${a.from} → ${a.to}`;
  if (a.outcome === 'dropped')
    return `${what}: dropped (${a.why === undefined ? 'no reason given' : short(a.why)})`;
  if (a.outcome === 'in-flight') return `${what}: still in flight when the trace ends`;
  return a.duplicate ? `${what}: duplicate delivery` : `${what}: delivered`;
}

/**
 * The part of the segment between y = lo and y = hi (y1 ≤ y2): a long arrow's shaft is drawn only where
 * the window shows it (a dashed line thousands of rows long costs the renderer seconds).
 */
function clipped(x1: number, y1: number, x2: number, y2: number, lo: number, hi: number) {
  const at = (y: number) => (y2 === y1 ? x1 : x1 + ((x2 - x1) * (y - y1)) / (y2 - y1));
  const ya = Math.max(y1, lo);
  const yb = Math.min(y2, hi);
  return { x1: at(ya), y1: ya, x2: at(yb), y2: yb };
}

/** One arrow's SVG group, or undefined when an end is hidden or the arrow misses the window. */
function arrowGroup(a: Arrow, index: number, w: ArrowWindow): SVGElement | undefined {
  const sendRow = w.rowOf[a.sendSeq] ?? -1;
  const endRow = a.endSeq === undefined ? sendRow + 2 : (w.rowOf[a.endSeq] ?? -1);
  const fx = w.dotX(a.from);
  const tx = w.dotX(a.to);
  if (sendRow < 0 || endRow < 0 || fx === undefined || tx === undefined) return undefined;
  if (sendRow >= w.b || endRow < w.a) return undefined;
  const y1 = (sendRow - w.a + 0.5) * w.rowH;
  const y2 = (endRow - w.a + 0.5) * w.rowH;
  const frac = a.outcome === 'delivered' ? 1 : a.outcome === 'dropped' ? 0.8 : 0.4;
  const x2 = fx + (tx - fx) * frac;
  const color = typeColor(a.type);
  const hl = w.selected !== undefined && (w.selected === a.sendSeq || w.selected === a.endSeq);
  const cls = `arrow${a.snapshot ? ' snap' : ''}${a.duplicate ? ' dup' : ''} ${a.outcome}${hl ? ' hl' : ''}`;
  const attrs = {
    'data-testid': 'arrow',
    'data-arrow': index,
    'data-outcome': a.outcome,
    'data-type': a.type,
    'data-duplicate': a.duplicate ? '1' : undefined,
    class: cls,
  };
  const c = clipped(fx, y1, x2, y2, -w.rowH, (w.b - w.a + 1) * w.rowH);
  const line = s('line', { x1: c.x1, y1: c.y1, x2: c.x2, y2: c.y2, stroke: color, class: 'shaft' });
  const g = s('g', attrs, s('title', {}, arrowTitle(a)), line);
  if (a.outcome === 'delivered') g.appendChild(head(fx, y1, x2, y2, a.snapshot ? 11 : 7, color));
  if (a.outcome === 'dropped') g.appendChild(cross(x2, y2, '#c92a2a'));
  if (a.duplicate) g.appendChild(s('text', { x: x2 + 4, y: y2 - 3, class: 'dup-label' }, 'dup'));
  return g;
}

/**
 * At most this many arrows in one window, of which at most MAX_PASSING with neither end in it (a packet
 * delivered thousands of times would cross every window: each semi-transparent line costs the renderer).
 */
const MAX_DRAWN = 400;
const MAX_PASSING = 60;

/** Redraws `svg` with the arrows that cross the window (at most MAX_DRAWN, the earliest sends first). */
export function drawArrows(svg: SVGSVGElement, model: ViewModel, order: Int32Array, w: ArrowWindow): void {
  svg.replaceChildren();
  if (w.b <= w.a) return;
  const firstSeq = w.rows[w.a] ?? 0;
  const lastSeq = w.rows[w.b - 1] ?? 0;
  const arrows = model.arrows;
  let i = lowerBound(order, firstSeq - model.maxArrowSpan, (k) => arrows[k]?.sendSeq ?? 0);
  const normal: SVGElement[] = [];
  const snaps: SVGElement[] = [];
  let passing = 0;
  for (; i < order.length && normal.length + snaps.length < MAX_DRAWN; i++) {
    const k = order[i] ?? 0;
    const a = arrows[k];
    if (a === undefined || a.sendSeq > lastSeq) break;
    if (a.sendSeq < firstSeq && (a.endSeq === undefined || a.endSeq > lastSeq) && ++passing > MAX_PASSING)
      continue;
    const g = arrowGroup(a, k, w);
    if (g !== undefined) (a.snapshot ? snaps : normal).push(g);
  }
  svg.append(...normal, ...snaps);
}
