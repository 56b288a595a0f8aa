// Client operations: invoke → return / fail / abandon per (client, op id), and which of them a
// linearizability explanation names. The explanation (grader/check/lin/explain.ts) lists operations as
// `client 3: put("k1", "c3.4") -> ok  [call t=120, ret t=150]` or `put("k1", "v") (client 3, call t=120)`;
// an op is named when its client and call time match (the call time is the invoke's t, with the
// history's microsecond tie-break).
import { str } from './labels.js';
import type { ClientOp, ViewEvent } from './types.js';

/** Text of a returned value, as the explanation writes it. */
function resultText(f: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(f, 'value')) {
    const v = f['value'];
    if (v === null) return '(absent)';
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  }
  return f['ok'] === true ? 'ok' : undefined;
}

function opId(f: Readonly<Record<string, unknown>>): number | string | undefined {
  const id = f['id'];
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

/** Ends an open op (a second end of the same op is ignored). */
function end(op: ClientOp, e: ViewEvent): void {
  if (op.outcome !== 'pending') return;
  const f = e.fields;
  const result = e.kind === 'return' ? resultText(f) : str(f, 'why');
  if (result !== undefined) op.result = result;
  if (e.kind === 'abandon') {
    op.outcome = 'abandoned';
    return;
  }
  op.outcome = e.kind === 'return' ? 'ok' : 'failed';
  op.endSeq = e.seq;
  op.endT = e.t;
}

/** The client operations, in invoke order. */
export function buildOps(events: readonly ViewEvent[]): ClientOp[] {
  const ops: ClientOp[] = [];
  const open = new Map<string, ClientOp>();
  for (const e of events) {
    if (typeof e.node !== 'string' || e.node === 'sim') continue;
    const id = opId(e.fields);
    if (id === undefined) continue;
    const key = `${e.node}\u0000${typeof id}\u0000${id}`;
    if (e.kind === 'invoke') {
      const f = e.fields;
      const value = f['value'];
      const op: ClientOp = {
        client: e.node,
        id,
        op: str(f, 'op') ?? '?',
        key: str(f, 'key') ?? '?',
        ...(typeof value === 'string' ? { value } : {}),
        invokeSeq: e.seq,
        invokeT: e.t,
        endSeq: undefined,
        endT: undefined,
        outcome: 'pending',
        flagged: false,
      };
      ops.push(op);
      open.set(key, op);
    } else if (e.kind === 'return' || e.kind === 'fail' || e.kind === 'abandon') {
      const op = open.get(key);
      if (op !== undefined) end(op, e);
    }
  }
  return ops;
}

interface Named {
  client: string;
  call: number;
  /** The call as written (`put("k1", "v")`), to tell apart ops of one client called in the same ms. */
  text: string;
}

// One op name at a word start (the lookbehind keeps a long run of word characters from being retried at
// each of its positions), then the call text up to the first ")" that the rest of the pattern accepts.
const LINE = /client (\d+): ((?<!\w)[A-Za-z]\w*\(.*?\)) -> .*?\[call t=(\d+(?:\.\d+)?)/g;
const LATE = /((?<!\w)[A-Za-z]\w*\(.*?\)) \(client (\d+), call t=(\d+(?:\.\d+)?)\)/g;
/** The explanation is read line by line, its first MAX_TEXT characters, lines of at most MAX_LINE. */
const MAX_TEXT = 1 << 16;
const MAX_LINE = 1000;

/** The operations a failure message names. */
export function namedOps(failure: string): Named[] {
  const out: Named[] = [];
  for (const line of failure.slice(0, MAX_TEXT).split('\n')) {
    if (line.length > MAX_LINE) continue;
    for (const m of line.matchAll(LINE)) out.push({ client: `c${m[1]}`, text: m[2]!, call: Number(m[3]) });
    for (const m of line.matchAll(LATE)) out.push({ client: `c${m[2]}`, text: m[1]!, call: Number(m[3]) });
  }
  return out;
}

/** Sets `flagged` on the ops the failure message names (client and call time, then the call text). */
export function flagOps(ops: readonly ClientOp[], failure: string | undefined): void {
  if (failure === undefined) return;
  const named = namedOps(failure);
  if (named.length === 0) return;
  const byClient = new Map<string, ClientOp[]>();
  for (const op of ops) {
    const list = byClient.get(op.client);
    if (list === undefined) byClient.set(op.client, [op]);
    else list.push(op);
  }
  for (const n of named) {
    const near = (byClient.get(n.client) ?? []).filter(
      (op) => n.call >= op.invokeT && n.call < op.invokeT + 1,
    );
    const exact = near.filter((op) => n.text.startsWith(`${op.op}(${JSON.stringify(op.key)}`));
    const hit = exact[0] ?? near[0];
    if (hit !== undefined) hit.flagged = true;
  }
}

/** The failure text of a run: meta.failure, else the `failure` event's error. */
export function failureText(
  events: readonly ViewEvent[],
  failureSeq: number | undefined,
  meta?: string,
): string | undefined {
  if (meta !== undefined) return meta;
  if (failureSeq === undefined) return undefined;
  return str(events[failureSeq]!.fields, 'error');
}
