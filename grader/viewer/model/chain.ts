// Causal chains: for each snapshot a leader sent a follower (leader L → follower F, index I), and for
// each CompactLog (by compact index), the steps from the trigger to the end, each with this kit's file
// and function (docs/lab2-log-gc.md, docs/lab3-snapshot.md, docs/lab4-snapshot-transport.md). A step
// is the first matching event after the previous step seen. "After" starts at the first event of the
// previous step's instant (same t), because one simulator event records in code order, not step order:
// PeerStorage.snapshot() traces `snapshot-requested` before its caller traces the 'unavailable' answer,
// and the status poll (`progress`, `state`) comes after the sends of the same Ready. A step missing from
// the trace stays in the chain, not seen.
import { compactLogChains } from './compact-chain.js';
import {
  always,
  atLeast,
  type Finder,
  is,
  MAX_CHAINS,
  makeChain,
  newFinder,
  runSteps,
  type StepSpec,
} from './finder.js';
import { num } from './labels.js';
import type { Chain, ChainStep, ViewEvent } from './types.js';

type Fields = Readonly<Record<string, unknown>>;

type Flavour = 'lab3' | 'lab4' | 'core';

interface SnapshotSend {
  leader: number;
  follower: number;
  index: number;
  term: number | undefined;
  flavour: Flavour;
  /** The seq that identifies the send (snapshot-sent, snapshot-stream-start, or the core's send). */
  anchor: number;
  /** Core traces: the packet id of the MsgSnapshot that was restored. */
  packet?: number;
}

/** The message, transport and handle steps: they differ between lab 3, lab 4 and the core traces. */
function deliverySpecs(s: SnapshotSend): StepSpec[] {
  const { leader: L, follower: F, index: I } = s;
  const fromL = is('from', L);
  if (s.flavour === 'lab4') {
    return [
      {
        key: 'message',
        label: `store ${L}'s SnapSender starts a stream to store ${F}: a header, then checksummed chunks within a window`,
        where: 'store/snap-sender.ts SnapSender.transfer',
        kinds: ['snapshot-stream-start'],
        node: L,
        test: (f) => f['to'] === F && f['index'] === I,
      },
      {
        key: 'transport',
        label: `the chunks reach store ${F}'s SnapReceiver (Store.onMessage → SnapReceiver.onChunk)`,
        where: 'store/snap-receiver.ts SnapReceiver.onData',
        kinds: ['deliver'],
        node: F,
        test: (f) => fromL(f) && f['type'] === 'SnapshotChunk',
      },
      {
        key: 'handle',
        label: `store ${F} verifies and commits the file, then steps the MsgSnapshot: handleSnapshot restores its log`,
        where: 'store/snap-receiver.ts SnapReceiver.finish → raft/raft.ts Raft.handleSnapshot',
        kinds: ['snapshot-receive-end'],
        node: F,
        test: (f) => fromL(f) && f['ok'] === true,
      },
    ];
  }
  const packet = s.packet;
  const ours = (f: Fields): boolean =>
    f['type'] === 'MsgSnapshot' && (packet === undefined || f['id'] === packet);
  return [
    {
      key: 'message',
      label: `the Ready's MsgSnapshot leaves store ${L} for store ${F}`,
      where: 'store/peer.ts Peer.send',
      kinds: ['send'],
      node: L,
      test: (f) => f['to'] === F && ours(f),
    },
    {
      key: 'transport',
      label: `the MsgSnapshot packet reaches store ${F}`,
      where: 'store/store.ts Store.onMessage',
      kinds: ['deliver'],
      node: F,
      test: (f) => fromL(f) && ours(f),
    },
    {
      key: 'handle',
      label: `store ${F} steps it: handleSnapshot restores its log (RaftLog.restore) and answers`,
      where: 'raft/raft.ts Raft.handleSnapshot',
      kinds: ['deliver'],
      node: F,
      test: (f) => fromL(f) && ours(f),
    },
  ];
}

/** The steps of one snapshot chain, in order. */
function snapshotSpecs(s: SnapshotSend): StepSpec[] {
  const { leader: L, follower: F, index: I, anchor } = s;
  const indexI = is('index', I);
  return [
    {
      key: 'fallback',
      label: `store ${L}'s sendAppend finds store ${F}'s next − 1 compacted (CompactedError) and falls back to sendSnapshot`,
      where: 'raft/raft.ts Raft.sendAppend → Raft.sendSnapshot',
      kinds: ['snapshot-call'],
      node: L,
      test: is('result', 'unavailable'),
      before: anchor,
    },
    {
      key: 'unavailable',
      label:
        'PeerStorage.snapshot() asks the SnapshotWorker for a snapshot and answers “temporarily unavailable”',
      where: 'store/peer-storage.ts PeerStorage.snapshot',
      kinds: ['snapshot-requested'],
      node: L,
      test: always,
      before: anchor,
    },
    {
      key: 'generate',
      label: `the snapshot-gen task generates the snapshot @${I} over one kv read view`,
      where: 'store/snapshot-worker.ts SnapshotWorker.generate → PeerStorage.generateSnapshot',
      kinds: ['snapshot-generated'],
      node: L,
      test: indexI,
      before: anchor,
    },
    {
      key: 'next-snapshot',
      label: `a later heartbeat response: sendAppend → sendSnapshot calls snapshot() again, which returns it`,
      where: 'store/peer-storage.ts PeerStorage.snapshot',
      kinds: ['snapshot-call'],
      node: L,
      test: (f) => f['result'] === 'ok' && indexI(f),
      before: anchor,
    },
    {
      key: 'progress-snapshot',
      label: `store ${L}'s progress of store ${F} enters Snapshot (pending ${I}): no appends to it meanwhile`,
      where: 'raft/progress.ts Progress.becomeSnapshot',
      kinds: ['progress'],
      node: L,
      test: (f) => f['peer'] === F && f['state'] === 'Snapshot',
    },
    ...deliverySpecs(s),
    {
      key: 'install',
      label: `store ${F}'s Ready loop installs the snapshot before persisting the rest of the Ready`,
      where: 'store/peer.ts Peer.applySnapshot → store/peer-storage.ts PeerStorage.applySnapshot',
      kinds: ['snapshot-install', 'snapshot-installed', 'restore'],
      node: F,
      test: indexI,
    },
    {
      key: 'advance',
      label: `store ${F}'s applied index reaches ${I} (RawNode.advance after the install)`,
      where: 'raft/rawnode.ts RawNode.advance',
      kinds: ['state'],
      node: F,
      test: atLeast('applied', I),
    },
    {
      key: 'ack',
      label: `store ${F} answers MsgAppendResponse with index ≥ ${I}`,
      where: 'raft/raft.ts Raft.handleSnapshot → store/peer.ts Peer.send',
      kinds: ['send'],
      node: F,
      test: (f) =>
        f['to'] === L && f['type'] === 'MsgAppendResponse' && f['reject'] !== true && atLeast('index', I)(f),
    },
    {
      key: 'progress-leaves',
      label: `store ${L}'s progress of store ${F} leaves Snapshot (the send reported, or the ack of the pending index)`,
      where: 'raft/raft.ts Raft.reportSnapshot / Raft.trackAppendResponse',
      kinds: ['progress'],
      node: L,
      test: (f) => f['peer'] === F && f['state'] !== 'Snapshot',
      after: 'progress-snapshot',
    },
  ];
}

/** Where the chain of a snapshot send starts: the request that led to the generation of its index. */
function snapshotStart(find: Finder, s: SnapshotSend): number {
  if (s.flavour === 'core') return s.anchor;
  const gen = find.last(['snapshot-generated'], s.leader, s.anchor, is('index', s.index));
  const req = find.last(['snapshot-requested'], s.leader, gen ?? s.anchor, always);
  return find.instantStart(req ?? gen ?? s.anchor);
}

/** Store traces: one send per (L, F, I), the first snapshot-sent or snapshot-stream-start. */
function storeSends(events: readonly ViewEvent[]): SnapshotSend[] {
  const out: SnapshotSend[] = [];
  const keys = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'snapshot-sent' && e.kind !== 'snapshot-stream-start') continue;
    const to = num(e.fields, 'to');
    const index = num(e.fields, 'index');
    if (typeof e.node !== 'number' || to === undefined || index === undefined) continue;
    const key = `${e.node}|${to}|${index}`;
    if (keys.has(key)) continue;
    keys.add(key);
    const flavour: Flavour = e.kind === 'snapshot-sent' ? 'lab3' : 'lab4';
    out.push({ leader: e.node, follower: to, index, term: num(e.fields, 'term'), flavour, anchor: e.seq });
  }
  return out;
}

/** Raft-core traces: one send per restore that a delivered MsgSnapshot caused. */
function coreSends(events: readonly ViewEvent[], find: Finder): SnapshotSend[] {
  const out: SnapshotSend[] = [];
  const keys = new Set<string>();
  for (const e of events) {
    if (out.length >= MAX_CHAINS) break;
    if (e.kind !== 'restore' || typeof e.node !== 'number') continue;
    const index = num(e.fields, 'index');
    const instant = find.instantStart(e.seq);
    const d = find.last(['deliver'], e.node, e.seq + 1, is('type', 'MsgSnapshot'), instant);
    if (index === undefined || d === undefined) continue;
    const leader = num(events[d]!.fields, 'from');
    const packet = num(events[d]!.fields, 'id');
    const key = `${leader}|${e.node}|${index}`;
    if (leader === undefined || keys.has(key)) continue;
    keys.add(key);
    const send = find.last(['send'], leader, d, (f) => f['id'] === packet) ?? d;
    const term = num(e.fields, 'term');
    out.push({
      leader,
      follower: e.node,
      index,
      term,
      flavour: 'core',
      anchor: send,
      ...(packet !== undefined ? { packet } : {}),
    });
  }
  return out;
}

/** A step moved to another event. */
function moved(step: ChainStep, events: readonly ViewEvent[], seq: number): ChainStep {
  const e = events[seq]!;
  return { ...step, seq, t: e.t, node: e.node };
}

/**
 * A snapshot sent more than once (a first MsgSnapshot ignored or lost, a stream that failed, then a
 * resend installed): the forward search found the first attempt's message, transport and handle steps;
 * they move to the attempt that was installed, the latest one before the install. Lab 3 and core: the
 * last MsgSnapshot delivered before the install, and the send of that packet; lab 4: the last stream
 * received whole before the install, the last stream start before it, and its first chunk.
 */
function installedAttempt(
  find: Finder,
  events: readonly ViewEvent[],
  s: SnapshotSend,
  specs: readonly StepSpec[],
  steps: ChainStep[],
): void {
  const at = (key: string) => steps.findIndex((x) => x.key === key);
  const [install, handle, transport, message] = ['install', 'handle', 'transport', 'message'].map(at);
  const installSeq = steps[install!]?.seq;
  const first = steps[handle!]?.seq;
  if (installSeq === undefined || first === undefined) return;
  const spec = (i: number) => specs[i]!;
  const h = find.last(spec(handle!).kinds, s.follower, installSeq, spec(handle!).test, first);
  if (h === undefined) return;
  steps[handle!] = moved(steps[handle!]!, events, h);
  // Lab 4: the only stream received whole may follow failed ones, whose start the forward search found.
  if (s.flavour === 'lab4') {
    const m = find.last(spec(message!).kinds, s.leader, h, spec(message!).test);
    if (m === undefined) return;
    steps[message!] = moved(steps[message!]!, events, m);
    const c = find.first(
      spec(transport!).kinds,
      s.follower,
      find.instantStart(m),
      h + 1,
      spec(transport!).test,
    );
    if (c !== undefined) steps[transport!] = moved(steps[transport!]!, events, c);
    return;
  }
  if (h === first) return;
  steps[transport!] = moved(steps[transport!]!, events, h);
  const id = events[h]!.fields['id'];
  const m = find.last(spec(message!).kinds, s.leader, h, (f) => f['id'] === id && spec(message!).test(f));
  if (m !== undefined) steps[message!] = moved(steps[message!]!, events, m);
}

/** An attempt no snapshot was sent for: where it starts, and the send it stands for (anchor: none). */
interface Attempt {
  start: number;
  send: SnapshotSend;
}

/**
 * Store traces: each snapshot request of a leader that no send of that leader followed before its next
 * request — a snapshot asked for and never sent (e.g. the progress entered Snapshot on "temporarily
 * unavailable", so the leader never asked again). Its follower is the peer whose progress entered
 * Snapshot at or after the request, if any (else 0: unknown).
 */
function unsentAttempts(
  events: readonly ViewEvent[],
  find: Finder,
  sends: readonly SnapshotSend[],
): Attempt[] {
  const requests = events.filter((e) => e.kind === 'snapshot-requested' && typeof e.node === 'number');
  const flavour: Flavour = sends.some((x) => x.flavour === 'lab4') ? 'lab4' : 'lab3';
  // per leader: the seq of its next request, and its sends' anchors in order (linear, whatever the trace)
  const nextReq = new Map<ViewEvent, number>();
  const after = new Map<number | string, number>();
  for (let i = requests.length - 1; i >= 0; i--) {
    const r = requests[i]!;
    nextReq.set(r, after.get(r.node) ?? events.length);
    after.set(r.node, r.seq);
  }
  const anchors = new Map<number, number[]>();
  for (const x of sends) {
    const list = anchors.get(x.leader);
    if (list === undefined) anchors.set(x.leader, [x.anchor]);
    else list.push(x.anchor);
  }
  const out: Attempt[] = [];
  for (const r of requests) {
    if (out.length >= MAX_CHAINS) break;
    const L = r.node as number;
    const end = nextReq.get(r) ?? events.length;
    if (sentWithin(anchors.get(L) ?? [], r.seq, end)) continue;
    const start = find.instantStart(r.seq);
    const pr = find.first(['progress'], L, start, end, is('state', 'Snapshot'));
    const follower = pr === undefined ? 0 : (num(events[pr]!.fields, 'peer') ?? 0);
    const gen = find.first(['snapshot-generated'], L, start, end, always);
    const index = gen === undefined ? 0 : (num(events[gen]!.fields, 'index') ?? 0);
    const term = gen === undefined ? undefined : num(events[gen]!.fields, 'term');
    out.push({ start, send: { leader: L, follower, index, term, flavour, anchor: end } });
  }
  return out;
}

/** Is one of the ascending `anchors` in (lo, hi)? (binary search) */
function sentWithin(anchors: readonly number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = anchors.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (anchors[m]! <= lo) a = m + 1;
    else b = m;
  }
  return a < anchors.length && anchors[a]! < hi;
}

/** The chain of a snapshot asked for and never sent. */
function attemptChain(events: readonly ViewEvent[], find: Finder, a: Attempt): Chain {
  const s = a.send;
  // Entering Snapshot may come before any snapshot exists (that may be the bug): searched from the start.
  const specs = snapshotSpecs(s).map((x) =>
    x.key === 'progress-snapshot'
      ? {
          ...x,
          after: 'fallback',
          label: `store ${s.leader}'s progress of store ${s.follower} enters Snapshot: no appends to it meanwhile`,
        }
      : x,
  );
  const steps = runSteps(find, events, specs, a.start, s.anchor);
  const to = s.follower > 0 ? `store ${s.follower}` : 'a follower';
  const at = s.index > 0 ? ` @${s.index}` : '';
  return makeChain('snapshot', `snapshot${at} from store ${s.leader} to ${to}: asked for, never sent`, steps);
}

/** The snapshot chains, in the order of their sends (the first MAX_CHAINS). */
function snapshotChains(events: readonly ViewEvent[], find: Finder): Chain[] {
  const sent = storeSends(events);
  const attempts = unsentAttempts(events, find, sent).map((a) => ({
    at: a.start,
    chain: attemptChain(events, find, a),
  }));
  const chains = sentChains(events, find, sent.length > 0 ? sent : coreSends(events, find));
  return [...chains, ...attempts]
    .sort((x, y) => x.at - y.at)
    .slice(0, MAX_CHAINS)
    .map((x) => x.chain);
}

/** The chains of the snapshots sent, each with where it starts. */
function sentChains(
  events: readonly ViewEvent[],
  find: Finder,
  sends: readonly SnapshotSend[],
): { at: number; chain: Chain }[] {
  // A later snapshot to the same follower ends a chain: what follows belongs to that one.
  const next = new Map<SnapshotSend, number>();
  const later = new Map<string, number>();
  for (let i = sends.length - 1; i >= 0; i--) {
    const s = sends[i]!;
    const pair = `${s.leader}|${s.follower}`;
    next.set(s, later.get(pair) ?? events.length);
    later.set(pair, s.anchor);
  }
  return sends.slice(0, MAX_CHAINS).map((s) => {
    const specs = snapshotSpecs(s);
    const at = snapshotStart(find, s);
    const steps = runSteps(find, events, specs, at, next.get(s) ?? events.length);
    installedAttempt(find, events, s, specs, steps);
    const term = s.term === undefined ? '' : ` (term ${s.term})`;
    const title = `snapshot @${s.index}${term} from store ${s.leader} to store ${s.follower}`;
    return { at, chain: makeChain('snapshot', title, steps) };
  });
}

/** Every chain of the trace: the snapshots, then the CompactLogs. */
export function buildChains(events: readonly ViewEvent[]): Chain[] {
  const find = newFinder(events);
  return [...snapshotChains(events, find), ...compactLogChains(events, find)];
}
