// buildModel: a run's trace (docs/debugging.md, "Traces": store-level simulator traces and the
// Raft-core chaos traces alike) → the viewer's model (types.ts). Pure and DOM-free; it runs in the page.
// A trace line comes from student code as much as from the kit, so nothing here trusts a field: an
// event that is not even an object is kept (its seq is its line) and shown raw, with the kind "?".
import { buildChains } from './chain.js';
import { labelOf, num, partOf, short, str } from './labels.js';
import { buildOps, failureText, flagOps } from './ops.js';
import { buildStoreModels } from './series.js';
import type { Arrow, EventPart, TraceEvent, TraceMeta, ViewEvent, ViewModel } from './types.js';

/** What the model keeps of a send while its packet is in flight. */
interface Sent {
  seq: number;
  type: string;
  from: number;
  to: number;
  /** Deliveries and drops seen so far. */
  ends: number;
}

const NOT_FIELDS = new Set(['t', 'node', 'kind']);

const TYPE = Symbol('type');
const LABEL = Symbol('label');

/**
 * A ViewEvent whose label is made when first read: a page renders only the rows near its viewport, and
 * labelling every event of a big trace up front would cost most of the build. The packet type (a drop
 * line has none of its own) and the label live under symbols, out of the fields' way.
 */
class Row implements ViewEvent {
  private readonly [TYPE]: string | undefined;
  private [LABEL]: string | undefined;

  constructor(
    readonly seq: number,
    readonly t: number,
    readonly node: number | string,
    readonly kind: string,
    readonly part: EventPart,
    readonly fields: Readonly<Record<string, unknown>>,
    type: string | undefined,
    label?: string,
  ) {
    this[TYPE] = type;
    this[LABEL] = label;
  }

  get label(): string {
    if (this[LABEL] === undefined) this[LABEL] = labelOf(this.kind, this.fields, this[TYPE]);
    return this[LABEL];
  }
}

/** One trace line as a ViewEvent; `prevT` stands in for a missing time. */
function viewEvent(raw: unknown, seq: number, prevT: number, packets: Map<number, Sent>): ViewEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return new Row(seq, prevT, 'sim', '?', 'sim', { raw }, undefined, `malformed: ${short(raw)}`);
  }
  const r = raw as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(r)) {
    if (NOT_FIELDS.has(k)) continue;
    // A field named `__proto__` (JSON.parse makes it an own key) stays a field: assigned, it would
    // replace the object's prototype, and its fields would show through as the event's own.
    if (k === '__proto__')
      Object.defineProperty(fields, k, { value: r[k], enumerable: true, writable: true });
    else fields[k] = r[k];
  }
  const t = typeof r['t'] === 'number' && Number.isFinite(r['t']) ? r['t'] : prevT;
  const n = r['node'];
  const node = (typeof n === 'number' && Number.isFinite(n)) || typeof n === 'string' ? n : 'sim';
  const kind = typeof r['kind'] === 'string' ? r['kind'] : '?';
  let type = str(fields, 'type');
  if (type === undefined && (kind === 'deliver' || kind === 'drop' || kind === 'duplicate')) {
    const id = num(fields, 'id');
    type = id === undefined ? undefined : packets.get(id)?.type;
  }
  const label = kind === '?' ? `malformed: ${short(raw)}` : undefined;
  return new Row(seq, t, node, kind, partOf(kind, node, fields, type), fields, type, label);
}

/** Pairs a deliver or drop with its send: one arrow each (a second end of one packet is a duplicate). */
function arrowOf(e: ViewEvent, packets: Map<number, Sent>): Arrow | undefined {
  const id = num(e.fields, 'id');
  const p = id === undefined ? undefined : packets.get(id);
  if (id === undefined || p === undefined) return undefined;
  const dropped = e.kind === 'drop';
  const why = str(e.fields, 'why');
  const arrow: Arrow = {
    id,
    type: p.type,
    from: p.from,
    to: p.to,
    sendSeq: p.seq,
    endSeq: e.seq,
    outcome: dropped ? 'dropped' : 'delivered',
    ...(dropped && why !== undefined ? { why } : {}),
    duplicate: p.ends > 0,
    snapshot: isSnapshotType(p.type),
  };
  p.ends++;
  return arrow;
}

function isSnapshotType(type: string): boolean {
  return type === 'MsgSnapshot' || type === 'SnapshotChunk';
}

/** Records a send as a packet in flight (a send without a usable id, sender or receiver has no arrow). */
function sent(e: ViewEvent, packets: Map<number, Sent>, types: Set<string>): void {
  const type = str(e.fields, 'type') ?? '?';
  types.add(type);
  const id = num(e.fields, 'id');
  const to = num(e.fields, 'to');
  if (id === undefined || to === undefined || typeof e.node !== 'number' || packets.has(id)) return;
  packets.set(id, { seq: e.seq, type, from: e.node, to, ends: 0 });
}

/** At most this many store lanes: a trace naming more stores (a broken or hostile one) shows the busiest. */
export const MAX_LANES = 32;

interface Lanes {
  stores: number[];
  clients: string[];
  /** How many store ids got no lane (beyond MAX_LANES). */
  storesLeftOut: number;
}

/**
 * The store lanes (every numeric node, and 1…n of a `cluster` event's `stores`; the MAX_LANES with the
 * most events when there are more) and the client lanes.
 */
function lanesOf(events: readonly ViewEvent[]): Lanes {
  const counts = new Map<number, number>();
  const clients = new Set<string>();
  for (const e of events) {
    if (typeof e.node === 'number') counts.set(e.node, (counts.get(e.node) ?? 0) + 1);
    else if (e.node !== 'sim') clients.add(e.node);
    else if (e.kind === 'cluster') {
      const n = num(e.fields, 'stores');
      if (n !== undefined && Number.isInteger(n) && n > 0)
        for (let i = 1; i <= Math.min(n, MAX_LANES); i++) counts.set(i, counts.get(i) ?? 0);
    }
  }
  let ids = [...counts.keys()];
  if (ids.length > MAX_LANES)
    ids = ids.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a - b).slice(0, MAX_LANES);
  const stores = ids.sort((a, b) => a - b);
  return { stores, clients: [...clients], storesLeftOut: counts.size - stores.length };
}

export function buildModel(raw: readonly TraceEvent[], meta: TraceMeta): ViewModel {
  const events: ViewEvent[] = new Array(raw.length);
  const packets = new Map<number, Sent>();
  const types = new Set<string>();
  const arrows: Arrow[] = [];
  let failureSeq: number | undefined;
  let prevT = 0;
  for (let seq = 0; seq < raw.length; seq++) {
    const e = viewEvent(raw[seq], seq, prevT, packets);
    events[seq] = e;
    prevT = e.t;
    if (e.kind === 'send') sent(e, packets, types);
    else if (e.kind === 'deliver' || e.kind === 'drop') {
      const a = arrowOf(e, packets);
      if (a !== undefined) arrows.push(a);
    } else if (e.kind === 'failure') failureSeq = seq;
  }
  let maxArrowSpan = 0;
  for (const a of arrows)
    if (a.endSeq !== undefined) maxArrowSpan = Math.max(maxArrowSpan, a.endSeq - a.sendSeq);
  for (const [id, p] of packets) {
    if (p.ends > 0) continue;
    arrows.push({
      id,
      type: p.type,
      from: p.from,
      to: p.to,
      sendSeq: p.seq,
      endSeq: undefined,
      outcome: 'in-flight',
      duplicate: false,
      snapshot: isSnapshotType(p.type),
    });
  }
  const { stores, clients, storesLeftOut } = lanesOf(events);
  const ops = buildOps(events);
  flagOps(ops, failureText(events, failureSeq, meta.failure));
  return {
    meta,
    events,
    stores,
    storesLeftOut,
    clients,
    arrows,
    maxArrowSpan,
    storeModels: buildStoreModels(events, stores),
    ops,
    chains: buildChains(events),
    failureSeq,
    messageTypes: [...types].sort(),
    endT: events.at(-1)?.t ?? 0,
  };
}
