// The lanes view: one column per store, time downward, one row per shown event, messages as arrows.
// Windowed: a spacer as tall as all rows, and only the rows near the viewport (in chunks of CHUNK rows)
// exist in the DOM; a scroll re-renders at most once per animation frame, and only when the chunked
// window moved, so per-frame work is O(rows in view) whatever the trace's length.
import { short } from '../model/labels.js';
import type { ViewEvent, ViewModel } from '../model/types.js';
import { ROLE_VALUE } from '../model/types.js';
import { arrowOrder, drawArrows } from './arrows.js';
import { Details } from './details.js';
import { h, lowerBound, s } from './dom.js';
import { defaultFilters, type Filters, packetTypes, rowList, SearchIndex } from './filters.js';
import { markClass } from './palette.js';
import { Toolbar } from './toolbar.js';

const ROW_HEIGHTS = [12, 16, 20, 24, 30, 38];
const CHUNK = 32;
const TIME_W = 64;
const CLIENTS_W = 170;
const MIN_LANE_W = 150;
/** The lifeline's offset in a lane: where arrows start and end, and each mark's dot. */
const DOT = 14;

interface Geometry {
  laneX: Map<number, number>;
  laneW: number;
  clientsX: number | undefined;
  width: number;
}

interface Range {
  fromSeq: number;
  toSeq: number | undefined;
}

const ROLE_NAME = new Map(Object.entries(ROLE_VALUE).map(([name, v]) => [v, name]));

/** Seq ranges during which each store was leader, from its role series. */
function leaderRanges(model: ViewModel): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const [id, sm] of model.storeModels) {
    const ranges: Range[] = [];
    for (const p of sm.series.role) {
      const open = ranges[ranges.length - 1];
      if (p.value === ROLE_VALUE.Leader && (open === undefined || open.toSeq !== undefined)) {
        ranges.push({ fromSeq: p.seq, toSeq: undefined });
      } else if (p.value !== ROLE_VALUE.Leader && open !== undefined && open.toSeq === undefined) {
        open.toSeq = p.seq;
      }
    }
    out.set(id, ranges);
  }
  return out;
}

/** The series value in force at `seq` (last point at or before it). */
function valueAt(points: readonly { seq: number; value: number }[], seq: number): number | undefined {
  const i = lowerBound(points, seq + 1, (p) => p.seq) - 1;
  return i >= 0 ? points[i]?.value : undefined;
}

export class LanesView {
  readonly el: HTMLElement;
  private readonly scroll: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly details: Details;
  private readonly toolbar: Toolbar;
  private readonly filters: Filters;
  private readonly types: Map<number, string>;
  private readonly order: Int32Array;
  private readonly leaders: Map<number, Range[]>;
  private readonly search: SearchIndex;
  private readonly headerStatus = new Map<number, HTMLElement>();
  private rows: Int32Array = new Int32Array(0);
  private rowOf: Int32Array;
  private zoom = 2;
  private geo: Geometry = { laneX: new Map(), laneW: MIN_LANE_W, clientsX: undefined, width: 0 };
  private window = { a: -1, b: -1 };
  private selected: number | undefined;
  private matches: Uint8Array | undefined;
  private readonly pinned = new Set<number>();
  private frame = 0;

  constructor(private readonly model: ViewModel) {
    this.filters = defaultFilters(model);
    this.types = packetTypes(model);
    this.order = arrowOrder(model);
    this.leaders = leaderRanges(model);
    this.search = new SearchIndex(model.events);
    this.rowOf = new Int32Array(model.events.length);
    this.details = new Details(model, (seq) => this.jump(seq));
    this.toolbar = new Toolbar(model, this.filters, {
      filtered: () => {
        this.pinned.clear();
        this.refilter();
      },
      search: (q) => this.setSearch(q),
      next: (d) => this.nextMatch(d),
      zoom: (d) => this.setZoom(this.zoom + d),
    });
    this.header = h('div', { class: 'lane-headers' });
    this.layer = h('div', { class: 'rows' });
    this.svg = s('svg', { class: 'arrows', 'aria-hidden': 'true' });
    this.body = h('div', { class: 'lanes-body' }, this.svg, this.layer);
    this.scroll = h(
      'div',
      { class: 'lanes-scroll', 'data-testid': 'lanes-scroll', tabindex: 0, 'aria-label': 'event lanes' },
      this.header,
      this.body,
    );
    const main = h('div', { class: 'lanes-main' }, this.scroll, this.details.el);
    this.el = h('section', { 'data-testid': 'view-lanes', class: 'view view-lanes' }, this.toolbar.el, main);
    this.listen();
    this.refilter();
  }

  private listen(): void {
    this.scroll.addEventListener('scroll', () => {
      if (this.frame !== 0) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render(false);
      });
    });
    window.addEventListener('resize', () => this.relayout());
    this.body.addEventListener('click', (ev) => this.click(ev));
    this.scroll.addEventListener('keydown', (ev) => this.key(ev));
  }

  /** Called when the view becomes visible (sizes are only known then). */
  shown(): void {
    this.relayout();
  }

  /** Selects event `seq`, showing it even if filtered out, and scrolls it to the middle of the view. */
  jump(seq: number): void {
    if (seq < 0 || seq >= this.model.events.length) return;
    if ((this.rowOf[seq] ?? -1) < 0) {
      this.pinned.add(seq);
      this.refilter();
    }
    this.select(seq);
    const row = this.rowOf[seq] ?? 0;
    const rowH = this.rowH();
    this.scroll.scrollTop = Math.max(0, row * rowH - this.scroll.clientHeight / 2 + rowH);
    this.render(true);
  }

  private rowH(): number {
    return ROW_HEIGHTS[this.zoom] ?? 20;
  }

  private select(seq: number): void {
    this.selected = seq;
    const e = this.model.events[seq];
    if (e !== undefined) this.details.showEvent(e);
    this.render(true);
  }

  private refilter(): void {
    const keep = this.rows[Math.floor(this.scroll.scrollTop / this.rowH())];
    this.rows = rowList(this.model, this.filters, this.types, this.pinned);
    this.rowOf.fill(-1);
    this.rows.forEach((seq, i) => {
      this.rowOf[seq] = i;
    });
    this.relayout();
    if (keep !== undefined) this.scroll.scrollTop = lowerBound(this.rows, keep, (x) => x) * this.rowH();
    this.updateCount();
    this.render(true);
  }

  private relayout(): void {
    const stores = this.model.stores.filter((id) => this.filters.stores.has(id));
    const clients = this.model.clients.length > 0 || this.model.ops.length > 0;
    const avail = Math.max(this.scroll.clientWidth, 600) - TIME_W - (clients ? CLIENTS_W : 0);
    const laneW = Math.max(MIN_LANE_W, Math.floor(avail / Math.max(1, stores.length)));
    const laneX = new Map(stores.map((id, i) => [id, TIME_W + i * laneW]));
    const clientsX = clients ? TIME_W + stores.length * laneW : undefined;
    const width = TIME_W + stores.length * laneW + (clients ? CLIENTS_W : 0);
    this.geo = { laneX, laneW, clientsX, width };
    this.body.style.height = `${this.rows.length * this.rowH()}px`;
    this.body.style.width = `${width}px`;
    this.header.style.width = `${width}px`;
    this.scroll.classList.toggle('compact', this.rowH() < 16);
    this.buildHeader(stores);
    this.render(true);
  }

  private buildHeader(stores: readonly number[]): void {
    const cells: HTMLElement[] = [h('div', { class: 'lh time', style: `width:${TIME_W}px` }, 't (ms)')];
    this.headerStatus.clear();
    for (const id of stores) {
      const status = h('span', { class: 'lh-status' });
      this.headerStatus.set(id, status);
      const attrs = {
        class: 'lh',
        'data-testid': 'lane-header',
        'data-store': id,
        style: `width:${this.geo.laneW}px`,
      };
      cells.push(h('div', attrs, h('strong', {}, `store ${id}`), status));
    }
    if (this.geo.clientsX !== undefined)
      cells.push(h('div', { class: 'lh clients', style: `width:${CLIENTS_W}px` }, 'clients'));
    this.header.replaceChildren(...cells);
    const guides = stores.map((id) =>
      h('div', { class: 'lane-guide', style: `left:${this.geo.laneX.get(id)}px;width:${this.geo.laneW}px` }),
    );
    for (const g of this.body.querySelectorAll('.lane-guide')) g.remove();
    this.body.prepend(...guides);
  }

  private render(force: boolean): void {
    const rowH = this.rowH();
    const top = this.scroll.scrollTop;
    const bottom = top + Math.max(this.scroll.clientHeight, 400);
    const a = Math.max(0, (Math.floor(top / rowH / CHUNK) - 1) * CHUNK);
    const b = Math.min(this.rows.length, (Math.floor(bottom / rowH / CHUNK) + 2) * CHUNK);
    this.updateStatus(this.rows[Math.min(this.rows.length - 1, Math.floor(top / rowH))]);
    if (!force && a === this.window.a && b === this.window.b) return;
    this.window = { a, b };
    const frag = document.createDocumentFragment();
    this.drawRanges(frag, a, b);
    let prevT: number | undefined = a > 0 ? this.model.events[this.rows[a - 1] ?? 0]?.t : undefined;
    const times = h('pre', {
      class: 'tcol',
      style: `top:${a * rowH}px;line-height:${rowH}px;width:${TIME_W - 4}px`,
    });
    for (let i = a; i < b; i++) {
      const e = this.model.events[this.rows[i] ?? 0];
      if (e === undefined) continue;
      const t = i === a ? `${e.t}` : `\n${e.t}`;
      times.appendChild(e.t === prevT ? h('span', { class: 'same' }, t) : document.createTextNode(t));
      frag.appendChild(this.mark(e, i));
      prevT = e.t;
    }
    frag.appendChild(times);
    this.layer.replaceChildren(frag);
    this.svg.setAttribute('width', String(this.geo.width));
    this.svg.setAttribute('height', String((b - a) * rowH));
    this.svg.style.top = `${a * rowH}px`;
    const dotX = (id: number) => {
      const x = this.geo.laneX.get(id);
      return x === undefined ? undefined : x + DOT;
    };
    const w = { a, b, rows: this.rows, rowOf: this.rowOf, rowH, dotX, selected: this.selected };
    drawArrows(this.svg, this.model, this.order, w);
  }

  /** Lane shading for the window: stores down (crashed) and leader stripes. */
  private drawRanges(frag: DocumentFragment, a: number, b: number): void {
    const rowH = this.rowH();
    const add = (id: number, r: Range, cls: string) => {
      const x = this.geo.laneX.get(id);
      if (x === undefined) return;
      const from = Math.max(
        a,
        lowerBound(this.rows, r.fromSeq, (v) => v),
      );
      const to = Math.min(
        b,
        r.toSeq === undefined ? this.rows.length : lowerBound(this.rows, r.toSeq, (v) => v),
      );
      if (to <= from) return;
      const width = cls === 'down' ? this.geo.laneW : 4;
      const style = `left:${x}px;width:${width}px;top:${from * rowH}px;height:${(to - from) * rowH}px`;
      frag.appendChild(h('div', { class: cls, style }));
    };
    for (const [id, sm] of this.model.storeModels) for (const r of sm.down) add(id, r, 'down');
    for (const [id, ranges] of this.leaders) for (const r of ranges) add(id, r, 'leader-stripe');
  }

  /** The mark of event `e` on row `i`: in its store's lane, the clients column, or a band (sim). */
  private mark(e: ViewEvent, i: number): HTMLElement {
    const rowH = this.rowH();
    let left: number;
    let width: number;
    let text = e.label;
    if (typeof e.node === 'number') {
      left = (this.geo.laneX.get(e.node) ?? TIME_W) + DOT - 4;
      width = this.geo.laneW - DOT;
    } else if (e.node === 'sim') {
      left = TIME_W;
      width = this.geo.width - TIME_W;
    } else {
      left = (this.geo.clientsX ?? TIME_W) + 4;
      width = CLIENTS_W - 8;
      if (!text.startsWith(e.node)) text = `${short(e.node)} ${text}`;
    }
    let cls = `ev ${e.node === 'sim' ? 'band' : 'mark'} ${markClass(e)}`;
    if (e.seq === this.selected) cls += ' sel';
    if (this.matches?.[e.seq] === 1) cls += ' match';
    const el = document.createElement('div');
    el.className = cls;
    el.dataset.seq = String(e.seq);
    el.dataset.kind = e.kind;
    if (e.seq === this.model.failureSeq) el.dataset.testid = 'failure-marker';
    el.style.cssText = `top:${i * rowH}px;left:${left}px;max-width:${width}px;height:${rowH}px;line-height:${rowH}px`;
    el.title = `${short(e.kind)} · ${e.label}`;
    el.textContent = text;
    return el;
  }

  /** Each lane header's role and term at the top row of the view. */
  private updateStatus(seq: number | undefined): void {
    for (const [id, el] of this.headerStatus) {
      const sm = this.model.storeModels.get(id);
      if (sm === undefined || seq === undefined) continue;
      const role = valueAt(sm.series.role, seq);
      const term = valueAt(sm.series.term, seq);
      const down = sm.down.some((r) => r.fromSeq <= seq && (r.toSeq === undefined || seq < r.toSeq));
      const text = down
        ? 'down'
        : `${ROLE_NAME.get(role ?? -1) ?? '—'}${term === undefined ? '' : ` · term ${term}`}`;
      if (el.textContent !== text) el.textContent = text;
      el.className = `lh-status${down ? ' is-down' : role === ROLE_VALUE.Leader ? ' is-leader' : ''}`;
    }
  }

  private click(ev: MouseEvent): void {
    const target = ev.target as Element | null;
    const row = target?.closest('[data-seq]');
    if (row instanceof HTMLElement) {
      this.select(Number(row.dataset.seq));
      return;
    }
    const arrow = target?.closest('[data-arrow]');
    if (arrow !== null && arrow !== undefined)
      this.details.showArrow(Number(arrow.getAttribute('data-arrow')));
  }

  private key(ev: KeyboardEvent): void {
    const step =
      ev.key === 'ArrowDown' || ev.key === 'j' ? 1 : ev.key === 'ArrowUp' || ev.key === 'k' ? -1 : 0;
    if (step === 0 || this.rows.length === 0) return;
    ev.preventDefault();
    const cur = this.selected === undefined ? -1 : (this.rowOf[this.selected] ?? -1);
    const next = Math.min(this.rows.length - 1, Math.max(0, cur < 0 ? 0 : cur + step));
    this.select(this.rows[next] ?? 0);
    this.ensureVisible(next);
  }

  private ensureVisible(row: number): void {
    const rowH = this.rowH();
    const y = row * rowH;
    const view = this.scroll.clientHeight - 40;
    if (y < this.scroll.scrollTop + 30) this.scroll.scrollTop = y - 30;
    else if (y + rowH > this.scroll.scrollTop + view) this.scroll.scrollTop = y + rowH - view;
  }

  private setZoom(level: number): void {
    const z = Math.min(ROW_HEIGHTS.length - 1, Math.max(0, level));
    if (z === this.zoom) return;
    const topRow = this.scroll.scrollTop / this.rowH();
    this.zoom = z;
    this.relayout();
    this.scroll.scrollTop = topRow * this.rowH();
    this.render(true);
  }

  private setSearch(query: string): void {
    this.matches = this.search.matches(query);
    this.updateCount();
    this.render(true);
  }

  private updateCount(): void {
    const m = this.matches;
    if (m === undefined) {
      this.toolbar.setCount('');
      return;
    }
    let n = 0;
    for (const seq of this.rows) n += m[seq] ?? 0;
    this.toolbar.setCount(n === 0 ? 'no match' : `${n} shown`);
  }

  private nextMatch(direction: 1 | -1): void {
    const m = this.matches;
    if (m === undefined || this.rows.length === 0) return;
    const n = this.rows.length;
    const cur = this.selected === undefined ? (direction > 0 ? -1 : n) : (this.rowOf[this.selected] ?? -1);
    for (let k = 1; k <= n; k++) {
      const i = (((cur + direction * k) % n) + n) % n;
      const seq = this.rows[i] ?? 0;
      if (m[seq] === 1) {
        this.jump(seq);
        return;
      }
    }
  }
}
