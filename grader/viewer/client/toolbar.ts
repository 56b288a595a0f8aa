// The lanes' toolbar: filter checkboxes (stores, lab parts, noise, message types — the types double as
// the arrows' colour legend), the search box and the zoom buttons.
import { short } from '../model/labels.js';
import type { EventPart, ViewModel } from '../model/types.js';
import { h } from './dom.js';
import { type Filters, PARTS } from './filters.js';
import { typeColor } from './palette.js';

/** At most this many message-type checkboxes (the kit has about ten types; a hostile trace, any number). */
const MAX_TYPE_BOXES = 40;

export interface ToolbarActions {
  /** The filters object was changed in place. */
  filtered(): void;
  search(query: string): void;
  /** Enter (+1) or Shift+Enter (−1) in the search box. */
  next(direction: 1 | -1): void;
  zoom(step: 1 | -1): void;
}

function checkbox(testid: string, label: Node | string, checked: boolean, change: (on: boolean) => void) {
  const input = h('input', { type: 'checkbox', 'data-testid': testid, checked });
  input.addEventListener('change', () => change(input.checked));
  return h('label', { class: 'check' }, input, label);
}

function group(title: string, ...items: HTMLElement[]): HTMLElement {
  return h(
    'fieldset',
    { class: `group ${title.toLowerCase().replace(/\W+/g, '-')}` },
    h('legend', {}, title),
    ...items,
  );
}

function toggler<T>(set: Set<T>, value: T, done: () => void): (on: boolean) => void {
  return (on) => {
    if (on) set.add(value);
    else set.delete(value);
    done();
  };
}

export class Toolbar {
  readonly el: HTMLElement;
  private readonly count: HTMLElement;
  readonly searchInput: HTMLInputElement;

  constructor(model: ViewModel, f: Filters, act: ToolbarActions) {
    const done = () => act.filtered();
    const stores: HTMLElement[] = model.stores.map((id) =>
      checkbox(`filter-store-${id}`, `${id}`, true, toggler(f.stores, id, done)),
    );
    if (model.storesLeftOut > 0)
      stores.push(h('span', { class: 'muted' }, `(${model.storesLeftOut} more stores have no lane)`));
    const parts = PARTS.map((p: EventPart) =>
      checkbox(`filter-part-${p}`, p, true, toggler(f.parts, p, done)),
    );
    const noise = checkbox('filter-noise', 'hide ticks/holds/tasks', f.hideNoise, (on) => {
      f.hideNoise = on;
      done();
    });
    const types = model.messageTypes.slice(0, MAX_TYPE_BOXES).map((t) => {
      const swatch = h('span', { class: 'swatch', style: `background:${typeColor(t)}` });
      return checkbox(`filter-type-${t}`, h('span', {}, swatch, short(t)), true, toggler(f.types, t, done));
    });
    const more = model.messageTypes.length - MAX_TYPE_BOXES;
    const rest =
      more > 0 ? h('span', { class: 'muted' }, `and ${more} more types (always shown)`) : undefined;
    const none =
      model.messageTypes.length === 0 ? h('span', { class: 'muted' }, 'none in this trace') : undefined;
    const typeBox = h('div', { class: 'types', 'data-testid': 'filter-type' }, ...types, rest, none);
    this.searchInput = h('input', {
      type: 'search',
      'data-testid': 'search',
      placeholder: 'search (Enter: next)',
      'aria-label': 'search events',
    });
    this.count = h('span', { class: 'count', 'aria-live': 'polite' });
    this.searchInput.addEventListener('input', () => act.search(this.searchInput.value));
    this.searchInput.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      act.next(ev.shiftKey ? -1 : 1);
    });
    const zoomOut = h('button', { type: 'button', 'data-testid': 'zoom-out', title: 'smaller rows' }, '−');
    const zoomIn = h('button', { type: 'button', 'data-testid': 'zoom-in', title: 'taller rows' }, '+');
    zoomOut.addEventListener('click', () => act.zoom(-1));
    zoomIn.addEventListener('click', () => act.zoom(1));
    this.el = h(
      'div',
      { class: 'toolbar' },
      group('Stores', ...stores),
      group('Lab part', ...parts),
      group('Noise', noise),
      group('Search', this.searchInput, this.count),
      group('Zoom', zoomOut, zoomIn),
      group('Messages', typeBox),
    );
  }

  setCount(text: string): void {
    this.count.textContent = text;
  }
}
