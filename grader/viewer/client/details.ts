// The lanes' details panel: every field of the selected event (or arrow), as JSON text, with buttons
// to the other end of a packet.
import type { Arrow, ViewEvent, ViewModel } from '../model/types.js';
import { h } from './dom.js';

/** Links to at most this many ends of one packet (a duplicated one can have thousands). */
const MAX_LINKED = 10;

export class Details {
  readonly el: HTMLElement;
  private readonly body: HTMLPreElement;
  private readonly links: HTMLElement;
  /** Arrow indexes by packet id, to link a send with its deliveries and drops. */
  private readonly byPacket = new Map<number, number[]>();

  constructor(
    private readonly model: ViewModel,
    private readonly jump: (seq: number) => void,
  ) {
    model.arrows.forEach((a, i) => {
      const list = this.byPacket.get(a.id);
      if (list === undefined) this.byPacket.set(a.id, [i]);
      else list.push(i);
    });
    this.body = h('pre', { 'data-testid': 'details', class: 'details-body' }, 'Click an event or an arrow.');
    this.links = h('div', { class: 'details-links' });
    this.el = h(
      'aside',
      { class: 'details', 'aria-label': 'details' },
      h('h3', {}, 'Details'),
      this.links,
      this.body,
    );
  }

  showEvent(e: ViewEvent): void {
    const record = {
      seq: e.seq,
      t: e.t,
      node: e.node,
      kind: e.kind,
      ...e.fields,
      part: e.part,
      label: e.label,
    };
    this.body.textContent = JSON.stringify(record, null, 2);
    this.links.replaceChildren();
    const id = e.fields.id;
    if (typeof id !== 'number' || !['send', 'deliver', 'drop', 'duplicate'].includes(e.kind)) return;
    const ends = this.byPacket.get(id) ?? [];
    for (const i of ends.slice(0, MAX_LINKED)) this.addArrowLinks(this.model.arrows[i], e.seq);
    if (ends.length > MAX_LINKED)
      this.links.appendChild(
        h('span', { class: 'muted' }, `(${ends.length - MAX_LINKED} more ends of this packet)`),
      );
  }

  showArrow(index: number): void {
    const a = this.model.arrows[index];
    if (a === undefined) return;
    const record = { arrow: index, ...a, send: this.eventText(a.sendSeq), end: this.eventText(a.endSeq) };
    this.body.textContent = JSON.stringify(record, null, 2);
    this.links.replaceChildren();
    this.addArrowLinks(a, undefined);
  }

  private eventText(seq: number | undefined): unknown {
    if (seq === undefined) return undefined;
    const e = this.model.events[seq];
    return e === undefined ? undefined : { seq: e.seq, t: e.t, node: e.node, kind: e.kind, ...e.fields };
  }

  private addArrowLinks(a: Arrow | undefined, current: number | undefined): void {
    if (a === undefined) return;
    const ends: [string, number | undefined][] = [
      [`↑ send (t ${this.model.events[a.sendSeq]?.t ?? '?'})`, a.sendSeq],
      [a.outcome === 'dropped' ? '✕ drop' : a.duplicate ? '↓ duplicate delivery' : '↓ delivery', a.endSeq],
    ];
    for (const [text, seq] of ends) {
      if (seq === undefined || seq === current) continue;
      const button = h('button', { type: 'button', class: 'link' }, text);
      button.addEventListener('click', () => this.jump(seq));
      this.links.appendChild(button);
    }
  }
}
