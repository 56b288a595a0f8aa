// The CompactLog chains (lab 2): the leader's log-GC tick proposes a CompactLog, it commits, and every
// store applies it — its truncated state moves in the apply batch, its first index follows, a raftlog-gc
// task is spawned and deletes the raft-log keys below. One chain per compact index (the `compact-log`
// events); in a trace without them, per admin entry applied. The proposal itself is not traced (no client
// waits for it): the trigger is the persist that appended the entry on the first store to apply it.
import { type Finder, atLeast, is, MAX_CHAINS, makeChain, runSteps, type StepSpec } from './finder.js';
import { num } from './labels.js';
import type { Chain, ChainStep, ViewEvent } from './types.js';

/** One store's apply of a CompactLog entry. */
interface Applied {
  store: number;
  /** Log index of the admin entry. */
  entry: number;
  /** seq of its `apply`, and of its `compact-log` if traced. */
  applySeq: number;
  compactSeq: number | undefined;
  /** The compact index and the truncated index after it, when traced. */
  index: number | undefined;
  truncated: number | undefined;
}

/** Every apply of an admin entry, with the `compact-log` event of the same store and instant. */
function appliedCompactLogs(events: readonly ViewEvent[], find: Finder): Applied[] {
  const out: Applied[] = [];
  for (const e of events) {
    if (e.kind !== 'apply' || e.fields['cmd'] !== 'admin' || typeof e.node !== 'number') continue;
    const entry = num(e.fields, 'index');
    if (entry === undefined) continue;
    const end = find.instantEnd(e.seq);
    const c = find.first(['compact-log'], e.node, e.seq, end, () => true);
    const f = c === undefined ? undefined : events[c]!.fields;
    out.push({
      store: e.node,
      entry,
      applySeq: e.seq,
      compactSeq: c,
      index: f === undefined ? undefined : num(f, 'index'),
      truncated: f === undefined ? undefined : num(f, 'truncated'),
    });
  }
  return out;
}

/** Whether a persist appended log entry E (its last index reaches E, its new entries start at or before E). */
const appended =
  (E: number) =>
  (f: Readonly<Record<string, unknown>>): boolean => {
    const last = num(f, 'last');
    return last !== undefined && last >= E && last - (num(f, 'n') ?? 0) < E;
  };

/** The trigger and commit, on the first store that applied the entry (the trigger: its persist, else the apply). */
function headSpecs(a: Applied, persisted: boolean): StepSpec[] {
  const E = a.entry;
  const where = 'store/peer.ts Peer.onLogGcTick';
  const label = `the leader's log-GC tick proposes CompactLog (entry ${E} of its log)`;
  const trigger: StepSpec = persisted
    ? {
        key: 'trigger',
        label,
        where,
        kinds: ['persist'],
        node: a.store,
        test: appended(E),
        before: a.applySeq,
      }
    : { key: 'trigger', label, where, kinds: ['apply'], node: a.store, test: is('index', E) };
  return [
    trigger,
    {
      key: 'commit',
      label: `entry ${E} commits`,
      where: 'raft/raft.ts Raft.maybeCommit',
      kinds: ['commit'],
      node: a.store,
      test: atLeast('index', E),
      before: a.applySeq + 1,
    },
  ];
}

/** One store's steps: apply, first index, GC task, deletion. */
function storeSpecs(a: Applied): StepSpec[] {
  const S = a.store;
  const C = a.index;
  const apply: StepSpec =
    a.compactSeq !== undefined
      ? {
          key: `apply:${S}`,
          label: `store ${S} applies it: its truncated state moves to ${C} in the apply batch`,
          where: 'store/peer.ts Peer.applyCompactLog',
          kinds: ['compact-log'],
          node: S,
          test: is('index', C),
        }
      : {
          key: `apply:${S}`,
          label: `store ${S} applies the CompactLog entry ${a.entry}`,
          where: 'store/peer.ts Peer.applyCompactLog',
          kinds: ['apply'],
          node: S,
          test: (f) => f['cmd'] === 'admin' && f['index'] === a.entry,
        };
  if (C !== undefined && a.truncated !== undefined && a.truncated > C) return [apply];
  const end = C === undefined ? 0 : C + 1;
  return [
    apply,
    {
      key: `first:${S}`,
      label: `store ${S}'s first index moves to ${C === undefined ? 'the compact index + 1' : end}`,
      where: 'store/peer-storage.ts PeerStorage.firstIndex',
      kinds: ['state'],
      node: S,
      test: C === undefined ? () => false : atLeast('first', end),
    },
    {
      key: `gc-task:${S}`,
      label: `store ${S} spawns its raftlog-gc task (after the apply batch lands)`,
      where: 'store/log-gc-worker.ts LogGcWorker.schedule → runtime.spawn',
      kinds: ['task', 'spawn'],
      node: S,
      test: is('task', 'raftlog-gc'),
      after: `apply:${S}`,
    },
    {
      key: `delete:${S}`,
      label: `store ${S} deletes the raft-log keys below ${C === undefined ? 'the first index' : end}`,
      where: 'store/log-gc-worker.ts LogGcWorker.run',
      kinds: ['log-gc'],
      node: S,
      test: atLeast('endIndex', end),
      after: `apply:${S}`,
    },
  ];
}

/** The chain of one compact index (or admin entry): the applies of every store, first one first. */
function compactChain(events: readonly ViewEvent[], find: Finder, group: readonly Applied[]): Chain {
  const head = group[0]!;
  const persist = find.last(['persist'], head.store, head.applySeq, appended(head.entry));
  const start = find.instantStart(persist ?? head.applySeq);
  const steps: ChainStep[] = runSteps(
    find,
    events,
    headSpecs(head, persist !== undefined),
    start,
    events.length,
  );
  for (const a of group) {
    steps.push(...runSteps(find, events, storeSpecs(a), find.instantStart(a.applySeq), events.length));
  }
  const stores = group.map((a) => a.store).join(', ');
  const at = head.index === undefined ? `entry ${head.entry}` : `@${head.index} (entry ${head.entry})`;
  return makeChain(
    'compact-log',
    `CompactLog ${at}, applied on store${group.length > 1 ? 's' : ''} ${stores}`,
    steps,
  );
}

/**
 * One chain per compact index (or per admin entry when no `compact-log` is traced), in apply order (the
 * first MAX_CHAINS).
 */
export function compactLogChains(events: readonly ViewEvent[], find: Finder): Chain[] {
  const groups = new Map<string, Applied[]>();
  for (const a of appliedCompactLogs(events, find)) {
    const key = a.index !== undefined ? `c${a.index}` : `e${a.entry}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [a]);
    else if (!g.some((x) => x.store === a.store)) g.push(a);
  }
  return [...groups.values()].slice(0, MAX_CHAINS).map((g) => compactChain(events, find, g));
}
