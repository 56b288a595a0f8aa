// Per-store state over the trace: step series of term, role, commit, applied, truncated, first and
// last index, and the ranges during which a store was down. Store-level traces record every change of
// the indexes as a `state` event; traces without any (older ones, the Raft-core chaos traces) fall back
// on what other events say: `apply`, `persist.last`, `compact-log`, `log-gc`, installs and restores.
import { num, str } from './labels.js';
import { ROLE_VALUE, type SeriesName, type SeriesPoint, type StoreModel, type ViewEvent } from './types.js';

const SERIES: readonly SeriesName[] = ['term', 'role', 'commit', 'applied', 'truncated', 'first', 'last'];

type Points = Record<SeriesName, SeriesPoint[]>;

interface Acc {
  series: Points;
  down: { fromSeq: number; toSeq: number | undefined }[];
}

function newAcc(): Acc {
  const series = {} as Points;
  for (const s of SERIES) series[s] = [];
  return { series, down: [] };
}

/** Appends a point unless the value is unchanged (a step series). */
function put(acc: Acc, name: SeriesName, e: ViewEvent, value: number | undefined): void {
  if (value === undefined) return;
  const pts = acc.series[name];
  const last = pts.at(-1);
  if (last !== undefined && last.value === value) return;
  pts.push({ seq: e.seq, t: e.t, value });
}

/** The fallback indexes of a trace without `state` events. */
function fallback(acc: Acc, e: ViewEvent): void {
  const f = e.fields;
  switch (e.kind) {
    case 'apply':
      put(acc, 'applied', e, num(f, 'index'));
      break;
    case 'persist':
      put(acc, 'last', e, num(f, 'last'));
      break;
    case 'restart':
      put(acc, 'applied', e, num(f, 'applied'));
      break;
    case 'compact-log':
      truncatedAt(acc, e, num(f, 'truncated'));
      break;
    case 'log-gc': {
      const end = num(f, 'endIndex');
      if (end !== undefined) truncatedAt(acc, e, end - 1);
      break;
    }
    case 'snapshot-installed':
    case 'restore': {
      const index = num(f, 'index');
      truncatedAt(acc, e, index);
      put(acc, 'applied', e, index);
      break;
    }
  }
}

/** The truncated index moves forward only (a later GC of an older command says nothing new). */
function truncatedAt(acc: Acc, e: ViewEvent, index: number | undefined): void {
  if (index === undefined) return;
  const last = acc.series.truncated.at(-1);
  if (last !== undefined && last.value >= index && e.kind !== 'snapshot-installed' && e.kind !== 'restore')
    return;
  put(acc, 'truncated', e, index);
  put(acc, 'first', e, index + 1);
}

function onEvent(acc: Acc, e: ViewEvent, withState: boolean): void {
  const f = e.fields;
  switch (e.kind) {
    case 'role': {
      put(acc, 'term', e, num(f, 'term'));
      const state = str(f, 'state');
      if (state !== undefined && Object.hasOwn(ROLE_VALUE, state)) put(acc, 'role', e, ROLE_VALUE[state]);
      return;
    }
    case 'commit':
      put(acc, 'commit', e, num(f, 'index'));
      return;
    case 'state':
      put(acc, 'commit', e, num(f, 'commit'));
      put(acc, 'applied', e, num(f, 'applied'));
      put(acc, 'first', e, num(f, 'first'));
      put(acc, 'last', e, num(f, 'last'));
      put(acc, 'truncated', e, num(f, 'truncated'));
      return;
    case 'crash': {
      const last = acc.down.at(-1);
      if (last === undefined || last.toSeq !== undefined) acc.down.push({ fromSeq: e.seq, toSeq: undefined });
      return;
    }
    case 'restart':
    case 'start':
    case 'up': {
      const open = acc.down.at(-1);
      if (open !== undefined && open.toSeq === undefined) open.toSeq = e.seq;
      break;
    }
  }
  if (!withState) fallback(acc, e);
}

/** The store models of `stores`, from the events (in seq order). */
export function buildStoreModels(
  events: readonly ViewEvent[],
  stores: readonly number[],
): Map<number, StoreModel> {
  let withState = false;
  for (const e of events) {
    if (e.kind === 'state' && typeof e.node === 'number') {
      withState = true;
      break;
    }
  }
  const accs = new Map<number, Acc>();
  for (const id of stores) accs.set(id, newAcc());
  for (const e of events) {
    if (typeof e.node !== 'number') continue;
    const acc = accs.get(e.node);
    if (acc !== undefined) onEvent(acc, e, withState);
  }
  const out = new Map<number, StoreModel>();
  for (const [id, acc] of accs) out.set(id, { id, series: acc.series, down: acc.down });
  return out;
}
