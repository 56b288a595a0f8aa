// The page header: what the run is (title, seed, target), the command that replays it, the failure
// message with a button to its row, and the view tabs (a keyboard-navigable tablist).
import type { ViewModel } from '../model/types.js';
import { h } from './dom.js';
import { type Nav, VIEW_NAMES, type ViewName } from './nav.js';

const TAB_TEXT: Readonly<Record<ViewName, string>> = {
  lanes: 'Lanes',
  state: 'State',
  clients: 'Clients',
  chain: 'Chain',
};

function replayLine(command: string): HTMLElement {
  const code = h('code', { class: 'replay-cmd', 'data-testid': 'replay' }, command);
  const copy = h('button', { type: 'button', class: 'copy', title: 'copy the command' }, 'copy');
  copy.addEventListener('click', () => {
    const done = () => {
      copy.textContent = 'copied';
      setTimeout(() => {
        copy.textContent = 'copy';
      }, 1200);
    };
    const select = () => {
      const range = document.createRange();
      range.selectNodeContents(code);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    };
    if (navigator.clipboard === undefined) select();
    else navigator.clipboard.writeText(command).then(done, select);
  });
  return h('div', { class: 'replay' }, h('span', { class: 'muted' }, 'replay: '), code, copy);
}

function titleLine(model: ViewModel): HTMLElement {
  const m = model.meta;
  const facts: string[] = [];
  if (m.seed !== undefined) facts.push(`seed ${m.seed}`);
  if (m.target !== undefined) facts.push(`target ${m.target}`);
  const left = model.storesLeftOut;
  const stores =
    left > 0
      ? `${model.stores.length} of ${model.stores.length + left} stores shown (the busiest)`
      : `${model.stores.length} stores`;
  facts.push(`${model.events.length} events`, stores);
  facts.push(`ends at t ${model.endT} ${m.timeUnit ?? 'ms'}`);
  return h(
    'div',
    { class: 'title', 'data-testid': 'title' },
    h('h1', {}, m.title),
    h('span', { class: 'facts' }, facts.join(' · ')),
  );
}

/** Where the failure is in the lanes, in words, beside the button that goes there. */
function failureWhere(model: ViewModel): string {
  const seq = model.failureSeq;
  if (seq === undefined) return 'The trace has no failure row: the check failed after the run.';
  const n = model.events.length;
  const t = model.events[seq]?.t ?? '?';
  const last = seq === n - 1 ? ', the last' : '';
  return `The red FAILURE row of the lanes: t ${t} ${model.meta.timeUnit ?? 'ms'}, event ${seq + 1} of ${n}${last}.`;
}

function failureBox(model: ViewModel, nav: Nav): HTMLElement | undefined {
  const failure = model.meta.failure;
  if (failure === undefined) return undefined;
  const seq = model.failureSeq;
  const jump = h(
    'button',
    { type: 'button', 'data-testid': 'jump-failure', class: 'danger' },
    'jump to failure',
  );
  jump.addEventListener('click', () => {
    if (seq !== undefined) nav.jump(seq);
  });
  if (seq === undefined) jump.setAttribute('disabled', '');
  return h(
    'div',
    { class: 'failure-box' },
    h('pre', { class: 'failure', 'data-testid': 'failure' }, failure),
    h('div', { class: 'failure-go' }, jump, h('p', { class: 'failure-where' }, failureWhere(model))),
  );
}

export class Header {
  readonly el: HTMLElement;
  private readonly tabs = new Map<ViewName, HTMLButtonElement>();

  constructor(model: ViewModel, nav: Nav) {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'views' });
    for (const name of VIEW_NAMES) {
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${name}`,
          'data-testid': `tab-${name}`,
          'aria-controls': `view-${name}`,
        },
        TAB_TEXT[name],
      );
      tab.addEventListener('click', () => nav.open(name));
      tab.addEventListener('keydown', (ev) => this.tabKey(ev, name, nav));
      this.tabs.set(name, tab);
      list.appendChild(tab);
    }
    const top = h('div', { class: 'head-main' }, titleLine(model));
    if (model.meta.replay !== undefined) top.appendChild(replayLine(model.meta.replay));
    this.el = h('header', { class: 'page-head' }, top, failureBox(model, nav), list);
  }

  /** Marks `name`'s tab as the open one. */
  setOpen(name: ViewName): void {
    for (const [n, tab] of this.tabs) {
      tab.setAttribute('aria-selected', n === name ? 'true' : 'false');
      tab.tabIndex = n === name ? 0 : -1;
    }
  }

  private tabKey(ev: KeyboardEvent, name: ViewName, nav: Nav): void {
    const i = VIEW_NAMES.indexOf(name);
    const delta = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    ev.preventDefault();
    const next = VIEW_NAMES[(i + delta + VIEW_NAMES.length) % VIEW_NAMES.length] ?? name;
    nav.open(next);
    this.tabs.get(next)?.focus();
  }
}
