// The clients view: per client, each operation as a bar from invoke to return on one time axis;
// pending and abandoned operations run open-ended to the end, failed ones are hatched, and the ones a
// linearizability failure names are red, under the checker's explanation.
import { short } from '../model/labels.js';
import type { ClientOp, ViewModel } from '../model/types.js';
import { h } from './dom.js';
import type { Nav } from './nav.js';

const SCALES = [1, 2, 4, 8, 16];

function opText(op: ClientOp): string {
  const value = op.value === undefined ? '' : `=${short(op.value)}`;
  const result = op.result === undefined ? '' : ` → ${short(op.result)}`;
  return `${short(op.op)} ${short(op.key)}${value}${result}`;
}

/** Sub-rows for a client's ops so that bars never overlap (pending ones run to the end). */
function pack(ops: readonly ClientOp[], endT: number): ClientOp[][] {
  const rows: { end: number; ops: ClientOp[] }[] = [];
  for (const op of [...ops].sort((a, b) => a.invokeT - b.invokeT)) {
    const end = op.endT ?? endT + 1;
    const row = rows.find((r) => r.end <= op.invokeT);
    if (row === undefined) rows.push({ end, ops: [op] });
    else {
      row.end = end;
      row.ops.push(op);
    }
  }
  return rows.map((r) => r.ops);
}

/** The time window the bars are drawn on: first invoke to last return (or the trace's end). */
interface Axis {
  t0: number;
  span: number;
  /** Approximate pixel width of the track, to leave out text that would not fit. */
  px: number;
}

function pct(axis: Axis, t: number): number {
  return ((t - axis.t0) / axis.span) * 100;
}

function bar(op: ClientOp, axis: Axis, endT: number, nav: Nav): HTMLElement {
  const end = op.endT ?? endT;
  const width = pct(axis, end) - pct(axis, op.invokeT);
  const open = op.endT === undefined;
  const cls = `op-bar o-${op.outcome}${open ? ' open' : ''}${op.flagged ? ' flagged' : ''}`;
  const title = `${short(op.client)} #${short(op.id)}: ${opText(op)} — ${op.outcome}, t ${op.invokeT} … ${op.endT ?? 'end'}`;
  const el = h(
    'button',
    {
      type: 'button',
      class: cls,
      'data-testid': 'op-bar',
      'data-client': op.client,
      'data-op-id': String(op.id),
      'data-outcome': op.outcome,
      'data-flagged': op.flagged ? '1' : undefined,
      style: `left:${pct(axis, op.invokeT)}%;width:calc(${width}% + 2px)`,
      title,
    },
    (width / 100) * axis.px >= 36 ? opText(op) : undefined,
  );
  el.addEventListener('click', () => nav.jump(op.invokeSeq));
  return el;
}

/** A round tick step giving about `count` ticks over `span`. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function axisRow(axis: Axis, unit: string): HTMLElement {
  const step = tickStep(axis.span, Math.max(4, Math.floor(axis.px / 110)));
  const ticks: HTMLElement[] = [];
  const first = Math.ceil(axis.t0 / step) * step;
  // Counted, not accumulated: at t ≈ 1e20 a step below the float spacing would never move t.
  for (let i = 0; i < 100; i++) {
    const t = first + i * step;
    if (!(t <= axis.t0 + axis.span)) break;
    ticks.push(h('span', { class: 'tick', style: `left:${pct(axis, t)}%` }, `${t}`));
  }
  return h(
    'div',
    { class: 'op-client op-axis' },
    h('div', { class: 'op-name' }, unit),
    h('div', { class: 'op-lines' }, ...ticks),
  );
}

function explanation(model: ViewModel): HTMLElement | undefined {
  const failure = model.meta.failure;
  if (failure === undefined) return undefined;
  if (!model.ops.some((op) => op.flagged) && !/lineariz/i.test(failure)) return undefined;
  return h('pre', { class: 'lin-explanation', 'data-testid': 'lin-explanation' }, failure);
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) =>
    h('span', { class: 'legend-item' }, h('span', { class: `op-bar ${cls}` }), text);
  return h(
    'div',
    { class: 'legend' },
    item('o-ok', 'returned'),
    item('o-pending open', 'pending'),
    item('o-abandoned open', 'abandoned'),
    item('o-failed', 'failed (never took effect)'),
    item('o-ok flagged', 'named by the linearizability check'),
  );
}

/** The axis: the ops' time range; the scale: the smallest that gives the median op 12 px or more. */
function makeAxis(model: ViewModel, scale: number): Axis {
  let t0 = model.endT;
  let t1 = 0;
  for (const op of model.ops) {
    t0 = Math.min(t0, op.invokeT);
    t1 = Math.max(t1, op.endT ?? model.endT);
  }
  if (t1 <= t0) return { t0: 0, span: Math.max(1, model.endT), px: 1000 * scale };
  return { t0, span: t1 - t0, px: Math.max(600, window.innerWidth - 120) * scale };
}

function autoScale(model: ViewModel): number {
  const base = makeAxis(model, 1);
  const widths = model.ops.filter((op) => op.endT !== undefined).map((op) => (op.endT ?? 0) - op.invokeT);
  widths.sort((a, b) => a - b);
  const median = widths[widths.length >> 1] ?? base.span;
  const px = (median / base.span) * base.px;
  return SCALES.find((k) => px * k >= 12) ?? SCALES[SCALES.length - 1] ?? 1;
}

function track(model: ViewModel, scale: number, nav: Nav): HTMLElement {
  const axis = makeAxis(model, scale);
  const byClient = new Map<string, ClientOp[]>();
  for (const op of model.ops) {
    const list = byClient.get(op.client);
    if (list === undefined) byClient.set(op.client, [op]);
    else list.push(op);
  }
  const lanes = new Set(model.clients);
  const clients = [...model.clients, ...[...byClient.keys()].filter((c) => !lanes.has(c))];
  const out = h(
    'div',
    { class: 'op-track', style: `width:${scale * 100}%` },
    axisRow(axis, model.meta.timeUnit ?? 'ms'),
  );
  for (const client of clients) {
    const ops = byClient.get(client);
    if (ops === undefined) continue;
    const lines = pack(ops, model.endT).map((line) =>
      h('div', { class: 'op-line' }, ...line.map((op) => bar(op, axis, model.endT, nav))),
    );
    out.appendChild(
      h(
        'div',
        { class: 'op-client' },
        h(
          'div',
          { class: 'op-name', title: client.length > 40 ? client.slice(0, 400) : undefined },
          short(client),
        ),
        h('div', { class: 'op-lines' }, ...lines),
      ),
    );
  }
  return out;
}

export function clientsView(model: ViewModel, nav: Nav): HTMLElement {
  const initial = autoScale(model);
  const scale = h(
    'select',
    { 'aria-label': 'time scale', class: 'scale' },
    ...SCALES.map((k) => h('option', { value: k, selected: k === initial }, `×${k}`)),
  );
  const body = h('div', { class: 'op-scroll' }, track(model, initial, nav));
  scale.addEventListener('change', () => body.replaceChildren(track(model, Number(scale.value), nav)));
  const axis = h(
    'div',
    { class: 'muted' },
    'Each operation from invoke to return, over virtual time. Click a bar to open the lanes at its invoke. Width ',
    scale,
  );
  const empty =
    model.ops.length === 0 ? h('p', { class: 'muted' }, 'No client operations in this trace.') : undefined;
  return h(
    'section',
    { 'data-testid': 'view-clients', class: 'view view-clients' },
    explanation(model),
    legend(),
    axis,
    empty,
    body,
  );
}
