// Turns "key k is not linearizable" into something a student can act on: the shortest failing
// prefix (the first response that no linearization can explain), the values that response could
// have had, and a small set of operations that still conflict. Everything here is step-bounded, so
// the text, like the verdict, is a pure function of the history.

import { AppendChains, type KvOp, type KvView, kvPartition } from './kv.js';
import { enumerateObservations, type SearchLimits, searchLinearization } from './search.js';

/** Where a key's history stops being linearizable. */
export interface FailurePoint {
  /** The first response time t such that the ops called by t, with the responses returned by t, admit
   *  no linearization. */
  cut: number;
  /** The previous response time (the longest prefix known to be fine), if any. */
  prevCut: number | undefined;
}

/** The failure point of a key's history, given the `failAt` of its exhaustive (illegal) search. */
export function failurePoint(ops: readonly KvOp[], failAt: number): FailurePoint {
  let prevCut: number | undefined;
  for (const o of ops) if (o.ret < failAt && (prevCut === undefined || o.ret > prevCut)) prevCut = o.ret;
  return { cut: failAt, prevCut };
}

const MAX_VALUE_CHARS = 48;
const MAX_LISTED_VALUES = 8;
const MAX_LISTED_OPS = 40;
const MAX_MINIMIZE_CHECKS = 4000;
/** Cap on the steps of all the searches of one explanation (besides 4 × maxSteps). */
const MAX_EXPLAIN_STEPS = 20_000_000;

function fmtValue(v: string | null): string {
  if (v === null) return '(absent)';
  const s = v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…(${v.length} chars)` : v;
  return JSON.stringify(s);
}

function fmtCall(op: KvOp): string {
  const k = JSON.stringify(op.key);
  switch (op.kind) {
    case 'get':
      return `get(${k})`;
    case 'delete':
      return `delete(${k})`;
    default:
      return `${op.kind}(${k}, ${fmtValue(op.arg)})`;
  }
}

/** One line describing an op: client, call, response and times. */
export function fmtOp(op: KvOp, cut?: number): string {
  let res: string;
  if (op.ret === Infinity) res = 'no response';
  else if (op.kind === 'get') res = fmtValue(op.result ?? null);
  else res = 'ok';
  let times =
    op.ret === Infinity ? `call t=${op.call}, never returned` : `call t=${op.call}, ret t=${op.ret}`;
  if (cut !== undefined && op.ret > cut) times += `; still running at t=${cut}`;
  return `client ${op.clientId}: ${fmtCall(op)} -> ${res}  [${times}]`;
}

/** The writes that could have produced a value read: a put of its start (followed by appends), or
 *  the first append of a chain of appends (after a delete or from the start). */
class Sources {
  private readonly byArg = new Map<string, KvOp[]>();
  private readonly appends: AppendChains;
  private readonly memo = new Map<string, KvOp[]>();
  constructor(ops: readonly KvOp[]) {
    this.appends = new AppendChains(ops.filter((o) => o.kind === 'append').map((o) => o.arg!));
    for (const o of ops) {
      if (o.kind !== 'put' && o.kind !== 'append') continue;
      let list = this.byArg.get(o.arg!);
      if (list === undefined) {
        list = [];
        this.byArg.set(o.arg!, list);
      }
      list.push(o);
    }
  }
  of(value: string): KvOp[] {
    let out = this.memo.get(value);
    if (out !== undefined) return out;
    out = [];
    for (let len = 0; len <= value.length; len++) {
      const writers = this.byArg.get(value.slice(0, len));
      if (writers === undefined) continue;
      const rest = value.slice(len);
      const restOk = rest === '' || (this.appends.any && this.appends.isChain(rest));
      if (!restOk) continue;
      for (const w of writers) if (w.kind === 'put' || len > 0) out.push(w);
    }
    this.memo.set(value, out);
    return out;
  }
}

/** Orders values for display: absent first, then strings in code-unit order. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** What the analysis of a failing prefix found. */
interface Culprit {
  op: KvOp;
  view: KvView;
  /** For a get: the values it could have returned (undefined if not computed). */
  possible?: (string | null)[];
  possibleComplete?: boolean;
  /** Never-returned writes (by `cut`) that could also have taken effect just before the get. */
  late?: KvOp[];
}

/** A step allowance shared by the searches of one explanation. */
class Allowance {
  constructor(
    private left: number,
    private readonly perSearch: number,
  ) {}
  limits(): SearchLimits | undefined {
    return this.left > 0 ? { maxSteps: Math.min(this.perSearch, this.left) } : undefined;
  }
  spend(steps: number): void {
    this.left -= steps;
  }
}

function illegalUnder(ops: readonly KvOp[], view: KvView, budget: Allowance): boolean | undefined {
  const limits = budget.limits();
  if (limits === undefined) return undefined;
  const r = searchLinearization(kvPartition(ops, view), limits);
  budget.spend(r.steps);
  if (r.kind === 'gave-up') return undefined;
  return r.kind === 'illegal';
}

/** Picks the op whose response at `cut` is impossible on its own, and what it could have returned. */
function findCulprit(ops: readonly KvOp[], cut: number, budget: Allowance): Culprit | undefined {
  const atCut = ops.filter((o) => o.ret === cut);
  const ordered = [...atCut.filter((o) => o.kind === 'get'), ...atCut.filter((o) => o.kind !== 'get')];
  for (const op of ordered) {
    const view: KvView = { cut, soleAtCut: op };
    // With a single response at `cut`, the view is the failing prefix itself: known to be illegal.
    if (atCut.length > 1 && illegalUnder(ops, view, budget) !== true) continue;
    if (op.kind !== 'get') return { op, view };
    const p = kvPartition(ops, { ...view, free: op });
    const limits = budget.limits();
    if (limits === undefined) return { op, view };
    const e = enumerateObservations(p, p.members.indexOf(op), limits);
    budget.spend(e.steps);
    const possible = e.values.slice().sort(compareValues);
    // Writes pending at `cut` that the enumeration did not let take effect as late as this read.
    const deadline = new Map(p.members.map((m, i) => [m, p.ret[i]]));
    const late = ops.filter(
      (w) => w.kind !== 'get' && w.call <= op.ret && w.ret >= cut && (deadline.get(w) ?? -Infinity) < op.ret,
    );
    return { op, view, possible, possibleComplete: e.gaveUp === undefined, late };
  }
  return undefined;
}

/**
 * Shrinks the failing prefix to a small set of ops that still conflicts: removing chunks (halving
 * down to single ops, earliest first) as long as the set stays illegal, stays fine without the
 * culprit (so the failure is still *at* the culprit), and every read keeps a possible source of its
 * value (so the listing never hides the write a read actually saw).
 */
function minimize(ops: readonly KvOp[], view: KvView, culprit: KvOp | undefined, budget: Allowance): KvOp[] {
  const start = kvPartition(ops, view).members;
  const cut = view.cut!;
  const sources = new Sources(start);
  const readsNeedingSource = start.filter(
    (o) =>
      o.kind === 'get' && o.ret <= cut && typeof o.result === 'string' && sources.of(o.result).length > 0,
  );
  const pinned = new Set<KvOp>(culprit !== undefined ? [culprit] : ops.filter((o) => o.ret === cut));
  let current = new Set<KvOp>(start);
  let checks = 0;

  const acceptable = (trial: Set<KvOp>): boolean => {
    for (const r of readsNeedingSource) {
      if (trial.has(r) && !sources.of(r.result as string).some((w) => trial.has(w))) return false;
    }
    const omit = new Set(start.filter((o) => !trial.has(o)));
    checks++;
    if (illegalUnder(start, { ...view, omit }, budget) !== true) return false;
    if (culprit === undefined) return true;
    omit.add(culprit);
    checks++;
    return illegalUnder(start, { ...view, omit }, budget) === false;
  };

  // Chunks of halving size; then single ops again until a pass removes nothing (removing a read
  // may free the write it was pinning).
  let cands = start.filter((o) => !pinned.has(o));
  let chunk = Math.max(1, Math.ceil(cands.length / 2));
  for (;;) {
    let removed = false;
    for (let i = 0; i < cands.length && checks < MAX_MINIMIZE_CHECKS; i += chunk) {
      const drop = cands.slice(i, i + chunk).filter((o) => current.has(o));
      if (drop.length === 0) continue;
      const trial = new Set(current);
      for (const o of drop) trial.delete(o);
      if (budget.limits() === undefined) break;
      if (acceptable(trial)) {
        current = trial;
        removed = true;
      }
    }
    if (checks >= MAX_MINIMIZE_CHECKS || budget.limits() === undefined) break;
    if (chunk === 1 && !removed) break;
    cands = cands.filter((o) => current.has(o));
    chunk = Math.max(1, Math.ceil(chunk / 2));
  }
  return [...current].sort((a, b) => a.call - b.call || a.index - b.index);
}

/** Builds the student-facing explanation for one key (already known to be illegal). */
export function explainKey(
  key: string,
  ops: readonly KvOp[],
  failure: FailurePoint,
  maxSteps: number,
  otherIllegalKeys: readonly string[],
): string {
  const { cut, prevCut } = failure;
  const budget = new Allowance(Math.min(4 * maxSteps, MAX_EXPLAIN_STEPS), maxSteps);
  const culprit = findCulprit(ops, cut, budget);
  const view: KvView = culprit?.view ?? { cut };
  const involved = minimize(ops, view, culprit?.op, budget);
  const inPrefix = ops.filter((o) => o.call <= cut).length;

  const lines: string[] = [];
  lines.push(`Key ${JSON.stringify(key)} is not linearizable.`);
  const consistent =
    prevCut === undefined
      ? 'Already its first response'
      : `Its responses up to t=${prevCut} are consistent, but the one`;
  if (culprit !== undefined) {
    const op = culprit.op;
    lines.push(
      `${consistent} returned at t=${cut} is impossible in every order of the operations that respects real time:`,
      `  ${fmtOp(op)}`,
    );
    if (op.kind === 'get' && culprit.possible !== undefined) {
      const got = op.result ?? null;
      const shown = culprit.possible.slice(0, MAX_LISTED_VALUES).map(fmtValue);
      let could = shown.join(', ');
      if (culprit.possible.length > shown.length) could += `, … (${culprit.possible.length} values in all)`;
      const atLeast = culprit.possibleComplete ? '' : ' (at least; the search budget ran out)';
      lines.push(
        `It read ${fmtValue(got)}, but given the operations before and concurrent with it, the key could only hold${atLeast}: ${could}.`,
      );
      const late = culprit.late ?? [];
      if (late.length > 0) {
        const listed = late.slice(0, 3).map((w) => `${fmtCall(w)} (client ${w.clientId}, call t=${w.call})`);
        const more = late.length > listed.length ? `, … (${late.length} in all)` : '';
        lines.push(
          `Besides, writes that had not returned by t=${cut} may have taken effect late and changed what it read: ${listed.join(', ')}${more}.`,
        );
      }
      if (got !== null && new Sources(ops).of(got).length === 0) {
        lines.push(`No operation on this key ever wrote ${fmtValue(got)}.`);
      }
    } else {
      lines.push(
        'With this operation completed, no order of the operations is consistent with the responses.',
      );
    }
  } else {
    lines.push(
      `${consistent}s returned at t=${cut} conflict: no order of the operations that respects real time explains them all.`,
    );
  }
  lines.push(
    `Smallest set of operations found that still conflicts (${involved.length} of the ${inPrefix} ops called by t=${cut}; sorted by call time):`,
  );
  for (const o of involved.slice(0, MAX_LISTED_OPS)) {
    lines.push(`  ${fmtOp(o, cut)}${o === culprit?.op ? '   <-- impossible response' : ''}`);
  }
  if (involved.length > MAX_LISTED_OPS) lines.push(`  … and ${involved.length - MAX_LISTED_OPS} more`);
  lines.push(
    `(${ops.length} operations on this key in all. An operation that had not returned may or may not have taken effect, at any time after its call.)`,
  );
  if (otherIllegalKeys.length > 0) {
    const more = otherIllegalKeys.slice(0, 10).map((k) => JSON.stringify(k));
    const tail = otherIllegalKeys.length > 10 ? `, … (${otherIllegalKeys.length} in all)` : '';
    lines.push(
      `Also not linearizable (first failing no earlier than this one): keys ${more.join(', ')}${tail}.`,
    );
  }
  return lines.join('\n');
}
