// Causal chains: for each snapshot a leader sent a follower (leader L → follower F, index I), and for
// each CompactLog (by compact index), the steps from the trigger to the end, each with this kit's file
// and function (docs/lab2-log-gc.md, docs/lab3-snapshot.md, docs/lab4-snapshot-transport.md). A step
// is the first matching event after the previous step seen. "After" starts at the first event of the
// previous step's instant (same t), because one simulator event records in code order, not step order:
// PeerStorage.snapshot() traces `snapshot-requested` before its caller traces the 'unavailable' answer,
// and the status poll (`progress`, `state`) comes after the sends of the same Ready. A step missing from
// the trace stays in the chain, not seen.
import { compactLogChains } from './compact-chain.js';
import { always, atLeast, type Finder, is, makeChain, newFinder, runSteps, type StepSpec } from './finder.js';
import { num } from './labels.js';
import type { Chain, ViewEvent } from './types.js';

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
        label: `${L}'s SnapSender starts a stream to ${F}: a header, then checksummed chunks within a window`,
        where: 'store/snap-sender.ts SnapSender.transfer',
        kinds: ['snapshot-stream-start'],
        node: L,
        test: (f) => f['to'] === F && f['index'] === I,
      },
      {
        key: 'transport',
        label: `the chunks reach ${F}'s SnapReceiver (Store.onMessage → SnapReceiver.onChunk)`,
        where: 'store/snap-receiver.ts SnapReceiver.onData',
        kinds: ['deliver'],
        node: F,
        test: (f) => fromL(f) && f['type'] === 'SnapshotChunk',
      },
      {
        key: 'handle',
        label: `${F} verifies and commits the file, then steps the MsgSnapshot: handleSnapshot restores its log`,
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
      label: `the Ready's MsgSnapshot leaves ${L} for ${F}`,
      where: 'store/peer.ts Peer.send',
      kinds: ['send'],
      node: L,
      test: (f) => f['to'] === F && ours(f),
    },
    {
      key: 'transport',
      label: `the MsgSnapshot packet reaches ${F}`,
      where: 'store/store.ts Store.onMessage',
      kinds: ['deliver'],
      node: F,
      test: (f) => fromL(f) && ours(f),
    },
    {
      key: 'handle',
      label: `${F} steps it: handleSnapshot restores its log (RaftLog.restore) and answers`,
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
      label: `${L}'s sendAppend finds ${F}'s next − 1 compacted (CompactedError) and falls back to sendSnapshot`,
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
      label: `${L}'s progress of ${F} enters Snapshot (pending ${I}): no appends to it meanwhile`,
      where: 'raft/progress.ts Progress.becomeSnapshot',
      kinds: ['progress'],
      node: L,
      test: (f) => f['peer'] === F && f['state'] === 'Snapshot',
    },
    ...deliverySpecs(s),
    {
      key: 'install',
      label: `${F}'s Ready loop installs the snapshot before persisting the rest of the Ready`,
      where: 'store/peer.ts Peer.applySnapshot → store/peer-storage.ts PeerStorage.applySnapshot',
      kinds: ['snapshot-install', 'snapshot-installed', 'restore'],
      node: F,
      test: indexI,
    },
    {
      key: 'advance',
      label: `${F}'s applied index reaches ${I} (RawNode.advance after the install)`,
      where: 'raft/rawnode.ts RawNode.advance',
      kinds: ['state'],
      node: F,
      test: atLeast('applied', I),
    },
    {
      key: 'ack',
      label: `${F} answers MsgAppendResponse with index ≥ ${I}`,
      where: 'raft/raft.ts Raft.handleSnapshot → store/peer.ts Peer.send',
      kinds: ['send'],
      node: F,
      test: (f) =>
        f['to'] === L && f['type'] === 'MsgAppendResponse' && f['reject'] !== true && atLeast('index', I)(f),
    },
    {
      key: 'progress-leaves',
      label: `${L}'s progress of ${F} leaves Snapshot (the send reported, or the ack of the pending index)`,
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
    if (e.kind !== 'restore' || typeof e.node !== 'number') continue;
    const index = num(e.fields, 'index');
    const d = find.last(['deliver'], e.node, e.seq + 1, is('type', 'MsgSnapshot'));
    if (index === undefined || d === undefined || find.instantStart(d) !== find.instantStart(e.seq)) continue;
    const leader = num(events[d]!.fields, 'from');
    const packet = num(events[d]!.fields, 'id');
    if (leader === undefined) continue;
    const send = find.last(['send'], leader, d, (f) => f['id'] === packet) ?? d;
    const key = `${leader}|${e.node}|${index}`;
    if (keys.has(key)) continue;
    keys.add(key);
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

/** The snapshot chains, in the order of their sends. */
function snapshotChains(events: readonly ViewEvent[], find: Finder): Chain[] {
  let sends = storeSends(events);
  if (sends.length === 0) sends = coreSends(events, find);
  return sends.map((s, i) => {
    // A later snapshot to the same follower ends this chain: what follows belongs to that one.
    const next = sends.slice(i + 1).find((o) => o.leader === s.leader && o.follower === s.follower);
    const steps = runSteps(
      find,
      events,
      snapshotSpecs(s),
      snapshotStart(find, s),
      next?.anchor ?? events.length,
    );
    const term = s.term === undefined ? '' : ` (term ${s.term})`;
    return makeChain(
      'snapshot',
      `snapshot @${s.index}${term} from store ${s.leader} to store ${s.follower}`,
      steps,
    );
  });
}

/** Every chain of the trace: the snapshots, then the CompactLogs. */
export function buildChains(events: readonly ViewEvent[]): Chain[] {
  const find = newFinder(events);
  return [...snapshotChains(events, find), ...compactLogChains(events, find)];
}
