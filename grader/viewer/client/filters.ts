// The lanes' filters (stores, message types, lab parts, noise) and search, and the row list they give:
// the seqs of the events shown, in trace order. The list is recomputed from scratch on each change
// (one pass over the events), never patched.
import type { EventPart, ViewEvent, ViewModel } from '../model/types.js';

export const PARTS: readonly EventPart[] = ['core', 'log-gc', 'snapshot', 'transport', 'client', 'sim'];

/** Kinds hidden by the noise filter: the store's clock and loop, and background task bookkeeping. */
const NOISE_KINDS: ReadonlySet<string> = new Set(['tick', 'hold', 'timer', 'spawn', 'task']);

/** Kinds of packet events: filtered by their message type. */
const PACKET_KINDS: ReadonlySet<string> = new Set(['send', 'deliver', 'drop', 'duplicate']);

export interface Filters {
  stores: Set<number>;
  types: Set<string>;
  parts: Set<EventPart>;
  hideNoise: boolean;
}

export function defaultFilters(model: ViewModel): Filters {
  return {
    stores: new Set(model.stores),
    types: new Set(model.messageTypes),
    parts: new Set(PARTS),
    hideNoise: true,
  };
}

/** Each packet id's message type (drop and duplicate lines do not carry it). */
export function packetTypes(model: ViewModel): Map<number, string> {
  const types = new Map<number, string>();
  for (const a of model.arrows) types.set(a.id, a.type);
  return types;
}

function packetType(e: ViewEvent, types: ReadonlyMap<number, string>): string | undefined {
  if (typeof e.fields.type === 'string') return e.fields.type;
  return typeof e.fields.id === 'number' ? types.get(e.fields.id) : undefined;
}

/** Whether the filters show event `e`. */
export function shows(e: ViewEvent, f: Filters, types: ReadonlyMap<number, string>): boolean {
  if (f.hideNoise && NOISE_KINDS.has(e.kind)) return false;
  if (!f.parts.has(e.part)) return false;
  if (typeof e.node === 'number' && !f.stores.has(e.node)) return false;
  if (PACKET_KINDS.has(e.kind)) {
    const type = packetType(e, types);
    if (type !== undefined && !f.types.has(type)) return false;
  }
  return true;
}

/** The seqs shown, ascending: those the filters pass, plus `pinned` ones (jumped to from elsewhere). */
export function rowList(
  model: ViewModel,
  f: Filters,
  types: ReadonlyMap<number, string>,
  pinned: ReadonlySet<number>,
): Int32Array {
  const out = new Int32Array(model.events.length);
  let n = 0;
  for (const e of model.events) {
    if (pinned.has(e.seq) || shows(e, f, types)) out[n++] = e.seq;
  }
  return out.slice(0, n);
}

/** The events' JSON text, lower-cased, for substring search (built on the first search only). */
export class SearchIndex {
  private texts: string[] | undefined;
  constructor(private readonly events: readonly ViewEvent[]) {}

  /** Flags (1 = matches) per seq for `query` (case-insensitive); undefined for an empty query. */
  matches(query: string): Uint8Array | undefined {
    const q = query.trim().toLowerCase();
    if (q === '') return undefined;
    this.texts ??= this.events.map((e) =>
      JSON.stringify({ seq: e.seq, t: e.t, node: e.node, kind: e.kind, ...e.fields }).toLowerCase(),
    );
    const flags = new Uint8Array(this.texts.length);
    this.texts.forEach((text, i) => {
      if (text.includes(q)) flags[i] = 1;
    });
    return flags;
  }
}
