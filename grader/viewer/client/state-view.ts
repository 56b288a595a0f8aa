// The state view: per store, small step charts of term, role, commit, applied, truncated, first and
// last index over virtual time (all on one time axis), each with its last value, so that a log that never
// shrinks or an applied index that stalls shows at a glance. Clicking a chart opens the lanes there.
import type { SeriesName, SeriesPoint, StoreModel, ViewModel } from '../model/types.js';
import { ROLE_VALUE } from '../model/types.js';
import { h, lowerBound, s } from './dom.js';
import type { Nav } from './nav.js';

const SERIES: readonly SeriesName[] = ['term', 'role', 'commit', 'applied', 'truncated', 'first', 'last'];
const W = 150;
const H = 46;
const PAD = 4;
const ROLE_NAME = new Map(Object.entries(ROLE_VALUE).map(([name, v]) => [v, name]));

/** A step path through the points, at most a few commands per pixel column (min, max, last value). */
function stepPath(points: readonly SeriesPoint[], endT: number, y: (v: number) => number): string {
  const x = (t: number) => Math.round((t / Math.max(1, endT)) * W);
  const parts: string[] = [];
  let col = -1;
  let lo = 0;
  let hi = 0;
  let last = 0;
  const flush = () => {
    if (col < 0) return;
    parts.push(parts.length === 0 ? `M${col},${y(last)}` : `H${col}V${y(lo)}V${y(hi)}V${y(last)}`);
  };
  for (const p of points) {
    const c = x(p.t);
    if (c !== col) {
      flush();
      col = c;
      lo = p.value;
      hi = p.value;
    }
    lo = Math.min(lo, p.value);
    hi = Math.max(hi, p.value);
    last = p.value;
  }
  flush();
  if (col >= 0) parts.push(`H${W}`);
  return parts.join('');
}

function valueText(series: SeriesName, v: number | undefined): string {
  if (v === undefined) return '—';
  return series === 'role' ? (ROLE_NAME.get(v) ?? String(v)) : String(v);
}

function chart(model: ViewModel, sm: StoreModel, series: SeriesName, nav: Nav): HTMLElement {
  const points = sm.series[series];
  let min = series === 'role' ? 0 : Number.POSITIVE_INFINITY;
  let max = series === 'role' ? 2 : Number.NEGATIVE_INFINITY;
  for (const p of points) {
    min = Math.min(min, p.value);
    max = Math.max(max, p.value);
  }
  const span = max - min;
  const y = (v: number) => (span <= 0 ? H / 2 : PAD + (1 - (v - min) / span) * (H - 2 * PAD)).toFixed(1);
  const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'spark' });
  for (const r of sm.down) {
    const from = model.events[r.fromSeq]?.t ?? 0;
    const to = r.toSeq === undefined ? model.endT : (model.events[r.toSeq]?.t ?? model.endT);
    const x = (from / Math.max(1, model.endT)) * W;
    const width = Math.max(1, ((to - from) / Math.max(1, model.endT)) * W);
    svg.appendChild(s('rect', { x, y: 0, width, height: H, class: 'down-band' }));
  }
  if (points.length > 0)
    svg.appendChild(
      s('path', { d: stepPath(points, model.endT, (v) => Number(y(v))), class: `line s-${series}` }),
    );
  const last = points[points.length - 1]?.value;
  const range = points.length === 0 ? 'no data' : `${valueText(series, min)} … ${valueText(series, max)}`;
  const cell = h(
    'div',
    {
      class: 'chart',
      'data-testid': 'state-chart',
      'data-store': sm.id,
      'data-series': series,
      title: `${series}: ${range}`,
    },
    svg,
    h('span', { class: 'last' }, valueText(series, last)),
  );
  svg.addEventListener('click', (ev) => {
    const box = svg.getBoundingClientRect();
    const t = ((ev.clientX - box.left) / Math.max(1, box.width)) * model.endT;
    const i = lowerBound(model.events, t, (e) => e.t);
    const seq = model.events[Math.min(i, model.events.length - 1)]?.seq;
    if (seq !== undefined) nav.jump(seq);
  });
  return cell;
}

export function stateView(model: ViewModel, nav: Nav): HTMLElement {
  const head = h('tr', {}, h('th', {}, 'store'), ...SERIES.map((name) => h('th', {}, name)));
  const rows = model.stores.map((id) => {
    const sm = model.storeModels.get(id);
    const cells = SERIES.map((name) => h('td', {}, sm === undefined ? '—' : chart(model, sm, name, nav)));
    return h('tr', {}, h('th', { scope: 'row' }, `store ${id}`), ...cells);
  });
  const note = h(
    'p',
    { class: 'muted' },
    `Virtual time 0 … ${model.endT} ${model.meta.timeUnit ?? 'ms'} left to right, the same axis in every chart; `,
    'grey: the store is down; the number is the last value. Click a chart to open the lanes at that time.',
  );
  const table = h('table', { class: 'state-table' }, h('thead', {}, head), h('tbody', {}, ...rows));
  return h('section', { 'data-testid': 'view-state', class: 'view view-state' }, note, table);
}
