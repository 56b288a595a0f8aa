// The viewer page's entry point (bundled by grader/viewer/page.ts): reads the trace from the page's
// JSON block, builds the model, renders the header and the four views, and reports readiness on
// #app[data-ready] and window.__raftlab (what the browser test reads).
import type { PageGlobal, TraceEvent, TraceMeta, ViewModel } from '../model/types.js';
import { chainView } from './chain-view.js';
import { clientsView } from './clients-view.js';
import { h } from './dom.js';
import { Header } from './header.js';
import { LanesView } from './lanes.js';
import type { Nav, ViewName } from './nav.js';
import { stateView } from './state-view.js';
import { buildModel } from '../model/build.js';

interface PageData {
  meta: TraceMeta;
  events: TraceEvent[];
}

declare global {
  interface Window {
    __raftlab?: PageGlobal;
  }
}

function readData(): PageData {
  const text = document.getElementById('raftlab-data')?.textContent ?? '';
  const data = JSON.parse(text) as Partial<PageData>;
  return { meta: data.meta ?? { title: 'trace' }, events: Array.isArray(data.events) ? data.events : [] };
}

function render(app: HTMLElement, model: ViewModel): () => ViewName {
  let open: ViewName = 'lanes';
  const views = new Map<ViewName, HTMLElement>();
  let lanes: LanesView | undefined;
  const nav: Nav = {
    open(view) {
      open = view;
      header.setOpen(view);
      for (const [name, el] of views) el.hidden = name !== view;
      if (view === 'lanes') lanes?.shown();
    },
    jump(seq) {
      nav.open('lanes');
      lanes?.jump(seq);
    },
  };
  const header = new Header(model, nav);
  lanes = new LanesView(model);
  views.set('lanes', lanes.el);
  views.set('state', stateView(model, nav));
  views.set('clients', clientsView(model, nav));
  views.set('chain', chainView(model, nav));
  for (const [name, el] of views) el.id = `view-${name}`;
  app.replaceChildren(header.el, h('main', { class: 'views' }, ...views.values()));
  nav.open(model.meta.open ?? 'lanes');
  return () => open;
}

function start(): void {
  const app = document.getElementById('app');
  if (app === null) return;
  try {
    const data = readData();
    const model = buildModel(data.events, data.meta);
    const view = render(app, model);
    window.__raftlab = {
      stores: [...model.stores],
      arrows: model.arrows.length,
      delivered: model.arrows.filter((a) => a.outcome === 'delivered').length,
      events: model.events.length,
      readyMs: performance.now(),
      view,
    };
    app.dataset.ready = '1';
  } catch (err) {
    const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    app.replaceChildren(
      h(
        'pre',
        { class: 'fatal', 'data-testid': 'fatal' },
        `The viewer could not open this trace:\n${message}`,
      ),
    );
    app.dataset.ready = 'error';
  }
}

start();
