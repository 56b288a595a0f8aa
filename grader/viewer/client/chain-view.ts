// The chain view: pick a snapshot (or CompactLog) chain and read its causal steps in order, each with
// this kit's file and function, when and where it was seen; a seen step opens the lanes at its event.
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

export function chainView(model: ViewModel, nav: Nav): HTMLElement {
  const list = h('ol', { class: 'chain-steps' });
  const status = h('p', { class: 'chain-status' });
  const select = h('select', { 'data-testid': 'chain-select', 'aria-label': 'chain' });
  model.chains.forEach((c, i) => {
    select.appendChild(
      h('option', { value: i }, `${c.kind === 'snapshot' ? 'snapshot' : 'CompactLog'}: ${c.title}`),
    );
  });
  const preferred = model.chains.findIndex((c) => c.kind === model.meta.chain);
  select.value = String(Math.max(0, preferred));
  const show = () => {
    const chain = model.chains[Number(select.value)];
    list.replaceChildren();
    if (chain === undefined) return;
    for (let i = 0; i < chain.steps.length; i++) list.appendChild(stepItem(model, chain, i, nav));
    const missing = chain.steps.filter((st) => st.seq === undefined).length;
    status.textContent = chain.complete
      ? 'Every step was seen.'
      : `${missing} of ${chain.steps.length} steps not seen.`;
    status.className = `chain-status ${chain.complete ? 'ok' : 'incomplete'}`;
  };
  select.addEventListener('change', show);
  show();
  const picker = h('label', { class: 'chain-pick' }, 'Chain ', select);
  const empty =
    model.chains.length === 0
      ? h('p', { class: 'muted' }, 'No snapshot or CompactLog chain in this trace.')
      : undefined;
  return h('section', { 'data-testid': 'view-chain', class: 'view view-chain' }, picker, empty, status, list);
}
