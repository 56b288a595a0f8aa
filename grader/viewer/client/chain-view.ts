// The chain view: pick a snapshot (or CompactLog) chain and read its causal steps in order, each with
// this kit's file and function, when and where it was seen; a seen step opens the lanes at its event.
import { MAX_CHAINS } from '../model/finder.js';
import type { Chain, ViewModel } from '../model/types.js';
import { h } from './dom.js';
import type { Nav } from './nav.js';

function stepItem(model: ViewModel, chain: Chain, i: number, nav: Nav): HTMLElement {
  const step = chain.steps[i];
  if (step === undefined) return h('li');
  const seen = step.seq !== undefined;
  const when = seen
    ? `t ${step.t ?? '?'} ${model.meta.timeUnit ?? 'ms'} · ${typeof step.node === 'number' ? `store ${step.node}` : String(step.node ?? '?')}`
    : 'not seen in this trace';
  const attrs = {
    class: `chain-step ${seen ? 'seen' : 'unseen'}`,
    'data-testid': 'chain-step',
    'data-key': step.key,
    'data-seen': seen ? '1' : '0',
  };
  const item = h(
    'li',
    attrs,
    h('span', { class: 'num' }, `${i + 1}`),
    h(
      'div',
      { class: 'step-body' },
      h('div', { class: 'step-label' }, step.label),
      h('code', { class: 'step-where' }, step.where),
      h('div', { class: 'step-when' }, when),
    ),
  );
  if (seen && step.seq !== undefined) {
    const seq = step.seq;
    const open = h('button', { type: 'button', class: 'link' }, 'show in lanes →');
    open.addEventListener('click', (ev) => {
      ev.stopPropagation();
      nav.jump(seq);
    });
    item.appendChild(open);
    item.tabIndex = 0;
    item.addEventListener('click', () => nav.jump(seq));
    item.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') nav.jump(seq);
    });
  }
  return item;
}

/** What the chain view says when the trace has no chain: why, and how to see one. */
function emptyChains(): HTMLElement {
  return h(
    'div',
    { class: 'chain-empty' },
    h('p', {}, 'No snapshot or CompactLog chain in this trace.'),
    h(
      'p',
      { class: 'muted' },
      'A chain follows one snapshot from the leader’s fallback to the follower’s install (labs 3 and 4), or one ',
      'CompactLog from its proposal to the deletion of the log entries (lab 2). This run sent no snapshot and ',
      'applied no CompactLog: the lab 1 tests never do, and a run that fails early stops before. To see a chain, run ',
      h('code', {}, 'npx raftlab demo snapshot'),
      ', ',
      h('code', {}, 'demo snapshot-stream'),
      ' or ',
      h('code', {}, 'demo log-gc'),
      ' (add --target solutions for the reference) and open the page it prints.',
    ),
  );
}

function optionText(c: Chain): string {
  const missing = c.steps.filter((st) => st.seq === undefined).length;
  return `${c.title}${missing === 0 ? '' : ` — ${missing} of ${c.steps.length} steps not seen`}`;
}

export function chainView(model: ViewModel, nav: Nav): HTMLElement {
  const attrs = { 'data-testid': 'view-chain', class: 'view view-chain' };
  const select = h('select', { 'data-testid': 'chain-select', 'aria-label': 'chain' });
  // No chain: the (empty) select stays in the page for the DOM contract, hidden.
  if (model.chains.length === 0)
    return h('section', attrs, h('div', { hidden: true }, select), emptyChains());
  const list = h('ol', { class: 'chain-steps' });
  const status = h('p', { class: 'chain-status' });
  model.chains.forEach((c, i) => {
    select.appendChild(h('option', { value: i }, optionText(c)));
  });
  select.value = String(preferredChain(model));
  const show = () => {
    const chain = model.chains[Number(select.value)];
    list.replaceChildren();
    if (chain === undefined) return;
    for (let i = 0; i < chain.steps.length; i++) list.appendChild(stepItem(model, chain, i, nav));
    const missing = chain.steps.filter((st) => st.seq === undefined).length;
    status.textContent = chain.complete
      ? 'Every step was seen.'
      : `${missing} of ${chain.steps.length} steps not seen in this trace. Look into the first one not seen: it never happened, or the run ended first.`;
    status.className = `chain-status ${chain.complete ? 'ok' : 'incomplete'}`;
  };
  select.addEventListener('change', show);
  show();
  const count = (kind: Chain['kind']) => model.chains.filter((c) => c.kind === kind).length;
  const capped = count('snapshot') >= MAX_CHAINS || count('compact-log') >= MAX_CHAINS;
  const picker = h(
    'label',
    { class: 'chain-pick' },
    'Chain ',
    select,
    capped ? h('span', { class: 'muted' }, ` (the first ${MAX_CHAINS} of each kind)`) : undefined,
  );
  return h('section', attrs, picker, status, list);
}

/**
 * The chain shown first: of the kind the page asks for (a demo's), else a snapshot chain; on a failed
 * run the first of them that is incomplete (where the run went wrong), else the first.
 */
function preferredChain(model: ViewModel): number {
  const kind = model.meta.chain ?? 'snapshot';
  const ofKind = model.chains.map((c, i) => ({ c, i })).filter((x) => x.c.kind === kind);
  const failed = model.meta.failure !== undefined || model.failureSeq !== undefined;
  const pick = (failed ? ofKind.find((x) => !x.c.complete) : undefined) ?? ofKind[0];
  return pick?.i ?? 0;
}
