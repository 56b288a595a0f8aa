// Unit tests of the raw-node network (grader/harness/rawnet.ts) and the Raft invariant checker, run
// against the reference Raft: the harness reaches the target through @target, which vitest.config.ts
// points at solutions/ for the framework's own tests (RAFTLAB_UNIT=1). RawNet's faults are the shared
// filters of faults.ts (delays in ticks, corrupt through the protobuf encoding), and its application
// restores from a snapshot Ready.
import { describe, expect, test } from 'vitest';
import { InvariantViolation, type PeerView, RaftInvariants } from '../check/raft-invariants.js';
import { corruptFilter, delayFilter, duplicateFilter, flipBytes } from '../harness/faults.js';
import { bytes, text } from '../harness/raftfix.js';
import { RawNet, corruptMessage } from '../harness/rawnet.js';
import { runChaos } from '../harness/rawnet-chaos.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import {
  MessageType,
  type Snapshot,
  decodeMessage,
  encodeMessage,
  newEntry,
} from '../../solutions/raft/raftpb.js';
import { StateType } from '../../solutions/raft/raft.js';

function leaders(net: RawNet): number[] {
  return net.ids.filter((id) => net.raft(id).state === StateType.Leader);
}

describe('RawNet', () => {
  test('campaign + stabilize elects the candidate and replicates its no-op (raft peers)', () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(1) });
    net.campaign(2);
    net.stabilize();
    expect(leaders(net)).toEqual([2]);
    expect(net.stableLeader()).toBe(2);
    for (const id of net.ids) expect(net.raft(id).raftLog.committed).toBe(1);
    expect(net.delivered).toBeGreaterThan(0);
  });

  test('rawnode peers run the Ready loop: entries persisted, committed entries applied once', () => {
    const net = new RawNet({ size: 3, kind: 'rawnode', rng: new Rng(2) });
    net.campaign(1);
    net.stabilize();
    expect(net.propose(1, 'a')).toMatchObject({ id: 1, index: 2, term: 1 });
    expect(net.propose(2, 'b')).toBeNull();
    net.stabilize();
    net.tickAll();
    net.stabilize();
    for (const id of net.ids) {
      expect(net.storage(id).lastIndex()).toBe(2);
      expect(net.storage(id).initialState().hardState.commit).toBe(2);
      expect(net.appliedEntries(id).map((e) => e.index)).toEqual([1, 2]);
    }
  });

  test('ignore() drops a message type; filters drop what they reject', () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(3) });
    net.ignore(MessageType.MsgAppend);
    net.campaign(1);
    net.stabilize();
    expect(net.raft(1).state).toBe(StateType.Leader);
    expect(net.raft(2).raftLog.lastIndex()).toBe(0);
    net.unignore(MessageType.MsgAppend);
    net.addFilter('not-3', (m) => m.to !== 3);
    net.propose(1, 'x');
    net.stabilize();
    expect(net.raft(2).raftLog.lastIndex()).toBe(2);
    expect(net.raft(3).raftLog.lastIndex()).toBe(0);
  });

  test('partition and isolate cut links; heal restores them', () => {
    const net = new RawNet({ size: 5, kind: 'raft', rng: new Rng(4) });
    net.partition([1, 2], [3, 4, 5]);
    net.campaign(1);
    net.stabilize();
    expect(net.raft(1).state).toBe(StateType.Candidate);
    net.heal();
    net.campaign(3);
    net.stabilize();
    expect(net.stableLeader()).toBe(3);
    net.isolate(3);
    net.propose(3, 'cut-off');
    net.stabilize();
    expect(net.raft(4).raftLog.lastIndex()).toBe(1);
  });

  test('crash loses unpersisted state; restart rebuilds from storage with applied honoured', () => {
    const net = new RawNet({ size: 3, kind: 'rawnode', rng: new Rng(5) });
    net.campaign(1);
    net.stabilize();
    net.propose(1, 'kept');
    net.stabilize();
    net.tickAll();
    net.stabilize();
    net.crash(2);
    expect(net.isAlive(2)).toBe(false);
    expect(net.aliveIds()).toEqual([1, 3]);
    net.restart(2);
    expect(net.raft(2).raftLog.lastIndex()).toBe(2);
    expect(net.raft(2).raftLog.applied).toBe(2);
    expect(net.appliedEntries(2).map((e) => e.index)).toEqual([1, 2]);
    expect(() => new RawNet({ size: 1, kind: 'raft', rng: new Rng(5) }).crash(1)).toThrow(/RawNode/);
  });

  test('stabilize fails loudly when the network does not settle', () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(6) });
    net.campaign(1);
    expect(() => net.stabilize(2)).toThrow(/did not settle after 2 deliveries/);
  });

  test('same seed, same trace digest; another seed, another digest', async () => {
    const digest = async (seed: number): Promise<string> => {
      const rng = new Rng(seed);
      const trace = new Trace();
      const net = new RawNet({ size: 5, kind: 'rawnode', rng, trace, heartbeatTick: 2 });
      net.setFaults({ drop: 0.1, dup: 0.05, delay: 0.2, reorder: 0.3, crashBeforeReady: 0.005 });
      await runChaos(net, rng, { ticks: 60, proposeChance: 0.5, partitionEvery: 20, crashEvery: 15 });
      expect(trace.length).toBeGreaterThan(100);
      return trace.digest();
    };
    expect(await digest(7)).toBe(await digest(7));
    expect(await digest(7)).not.toBe(await digest(8));
  });

  test('settle heals the network and gets a fresh proposal committed everywhere', () => {
    const net = new RawNet({ size: 5, kind: 'raft', rng: new Rng(9) });
    net.partition([1], [2], [3], [4], [5]);
    for (let t = 0; t < 40; t++) net.tickAll();
    net.stabilize();
    const lead = net.settle(300, 'p');
    expect(net.stableLeader()).toBe(lead);
    for (const id of net.ids) expect(net.raft(id).raftLog.committed).toBe(net.raft(lead).raftLog.lastIndex());
  });
});

describe('RawNet over the shared filters', () => {
  test('faults are filters of faults.ts, asked in order; heal removes all but ignored types and custom filters', () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(10) });
    net.setFaults({ drop: 0.1, dup: 0.2, delay: 0.3, maxDelay: 2 });
    net.ignore(MessageType.MsgSnapshot);
    net.addFilter('keep-all', () => true);
    net.dropLink(1, 3, 0.5);
    net.partition([1, 2], [3]);
    net.isolate(2);
    expect(net.active).toEqual([
      'drop 10%',
      'duplicate 20%',
      'reorder 30% by <=2ms',
      'ignore MsgSnapshot',
      'keep-all',
      'drop 50% on [1]->[3]',
      'partition [1,2] [3]',
      'isolate 2',
    ]);
    net.setFaults({ drop: 0 });
    expect(net.active.slice(-2)).toEqual(['duplicate 20%', 'reorder 30% by <=2ms']);
    net.heal();
    expect(net.active).toEqual(['ignore MsgSnapshot', 'keep-all']);
    net.unignore(MessageType.MsgSnapshot);
    net.removeFilter('keep-all');
    expect(net.active).toEqual([]);
  });

  test('a delay is in ticks; a duplicate is delivered twice; add/remove take any filter', () => {
    const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(11) });
    const late = net.add(delayFilter(2, 2, { from: [1], to: [2] }));
    net.campaign(1);
    net.stabilize();
    // the vote to 3 arrives at once and elects 1; the vote to 2 waits two ticks
    expect(net.raft(1).state).toBe(StateType.Leader);
    expect(net.raft(2).term).toBe(0);
    expect(net.pending().map((m) => m.to)).toContain(2);
    net.remove(late);
    for (let t = 0; t < 2; t++) {
      net.now++;
      net.stabilize();
    }
    expect(net.raft(2).term).toBe(1);
    const twice = new RawNet({ size: 3, kind: 'raft', rng: new Rng(12) });
    twice.add(duplicateFilter(1, { from: [1], to: [3] }));
    twice.campaign(1);
    expect(twice.pending().filter((m) => m.to === 3)).toHaveLength(2);
    expect(twice.pending().filter((m) => m.to === 2)).toHaveLength(1);
  });

  test('corrupt: bytes flipped from the seed; undecodable messages are lost, the others delivered as decoded', () => {
    let lost = 0;
    let changed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const trace = new Trace();
      const net = new RawNet({ size: 3, kind: 'raft', rng: new Rng(seed), trace });
      net.add(corruptFilter(1, { from: [1], to: [2] }));
      net.campaign(1);
      const [clean] = net.pending().filter((m) => m.to === 3);
      const want = corruptMessage({ ...clean!, to: 2 }, new Rng(seed).fork('net/corrupt'));
      const got = net.pending().filter((m) => m.to !== 3);
      if (want === null) {
        lost++;
        expect(got).toEqual([]);
        expect(net.dropped).toBe(1);
        expect(trace.lines().some((l) => l.includes('does not decode'))).toBe(true);
      } else {
        changed++;
        expect(got).toEqual([want]);
        expect(trace.lines().some((l) => l.includes('"kind":"corrupt"'))).toBe(true);
      }
    }
    expect(lost).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
  });

  test('corruptMessage is flipBytes over the protobuf encoding', () => {
    const m = {
      ...decodeMessage(new Uint8Array(0)),
      msgType: MessageType.MsgHeartbeat,
      from: 1,
      to: 2,
      term: 3,
    };
    const flipped = flipBytes(encodeMessage(m), new Rng(4));
    let decoded: ReturnType<typeof decodeMessage> | null;
    try {
      decoded = decodeMessage(flipped);
    } catch {
      decoded = null;
    }
    expect(corruptMessage(m, new Rng(4))).toEqual(decoded);
  });
});

describe('RawNet application: state + applied index', () => {
  /** A 3-node RawNode net where node 3 missed entries 2..4 that 1 and 2 applied. */
  function behind(): RawNet {
    const net = new RawNet({ size: 3, kind: 'rawnode', rng: new Rng(20) });
    net.campaign(1);
    net.stabilize();
    net.isolate(3);
    for (const d of ['a', 'b', 'c']) net.propose(1, d);
    net.stabilize();
    net.tickAll();
    net.stabilize();
    expect(net.application(1).appliedIndex).toBe(4);
    expect(net.application(3).appliedIndex).toBe(1);
    return net;
  }

  test('applying moves the applied index; a snapshot Ready persists the snapshot and restores the state', () => {
    const net = behind();
    const snap: Snapshot = net.storage(1).createSnapshot(4, null, bytes('state@4'));
    // what a lab-3 follower does on MsgSnapshot: its log restarts after the snapshot, which is pending
    const log = net.raft(3).raftLog;
    log.restore(snap);
    net.tick(3);
    const app = net.application(3);
    expect(app.appliedIndex).toBe(4);
    expect(app.snapshot).toBe(snap);
    expect(text(app.snapshot!.data)).toBe('state@4');
    expect(net.appliedEntries(3)).toEqual([]);
    expect(net.storage(3).snapshot()).toBe(snap);
    expect(net.storage(3).firstIndex()).toBe(5);
    expect(net.storage(3).initialState().hardState.commit).toBe(4);
    expect(net.checker.appliedBy(3)).toBe(4);
    expect(log.pendingSnapshot).toBeNull();
    // the application goes on from the snapshot, also across a restart
    net.heal();
    net.propose(1, 'd');
    net.stabilize();
    net.tickAll();
    net.stabilize();
    expect(net.appliedEntries(3).map((e) => `${e.index}:${text(e.data)}`)).toEqual(['5:d']);
    net.crash(3);
    net.restart(3);
    expect(net.raft(3).raftLog.applied).toBe(5);
    expect(net.application(3).appliedIndex).toBe(5);
  });

  test('a snapshot below what the application applied is refused by the checker', () => {
    const net = behind();
    const snap: Snapshot = {
      data: bytes('old'),
      metadata: { index: 1, term: 1, confState: { nodes: [1, 2, 3] } },
    };
    net.raft(1).raftLog.pendingSnapshot = snap;
    expect(() => net.tick(1)).toThrow(/applied never goes backwards/);
  });
});

describe('RaftInvariants', () => {
  const e = (index: number, term: number, data = ''): ReturnType<typeof newEntry> =>
    newEntry({ index, term, data: new TextEncoder().encode(data) });
  const view = (id: number, terms: number[], over: Partial<PeerView> = {}): PeerView => ({
    id,
    term: Math.max(0, ...terms),
    isLeader: false,
    entries: terms.map((t, k) => e(k + 1, t)),
    first: 1,
    committed: 0,
    applied: 0,
    ...over,
  });
  const violation = (fn: () => void): InvariantViolation => {
    try {
      fn();
    } catch (err) {
      if (err instanceof InvariantViolation) return err;
      throw err;
    }
    throw new Error('no violation');
  };

  test('two leaders in one term', () => {
    const c = new RaftInvariants({ seed: 3 });
    c.observe([view(1, [1], { isLeader: true, term: 2 })]);
    const v = violation(() => c.observe([view(2, [1], { isLeader: true, term: 2 })], 'delivery #9'));
    expect(v.invariant).toBe('election safety');
    expect(v.message).toMatch(/\(seed 3\): nodes 1 and 2 were both leader in term 2/);
    expect(v.message).toContain('delivery #9');
  });

  test('log matching: same index and term, different history', () => {
    const c = new RaftInvariants();
    const v = violation(() => c.observe([view(1, [1, 2, 3]), view(2, [1, 1, 3])]));
    expect(v.invariant).toBe('log matching');
    expect(v.message).toContain('entry 3@3');
  });

  test('log matching is re-checked where a log changed, also after the other side was down', () => {
    const c = new RaftInvariants();
    const a = view(1, [1, 1, 1]);
    const b = view(2, [1, 1, 1]);
    c.observe([a, b]);
    const changed = { ...a, entries: [a.entries[0]!, e(2, 2), a.entries[2]!] };
    expect(violation(() => c.observe([changed, b])).invariant).toBe('log matching');
    const d = new RaftInvariants();
    d.observe([a, b]);
    d.observe([changed]);
    expect(violation(() => d.observe([changed, b])).invariant).toBe('log matching');
  });

  test('state machine safety and commit monotonicity', () => {
    const c = new RaftInvariants();
    c.observe([view(1, [1, 1], { committed: 2 })]);
    expect(violation(() => c.observe([view(2, [1, 2], { committed: 2 })])).invariant).toBe(
      'state machine safety',
    );
    const d = new RaftInvariants();
    d.observe([view(1, [1, 1], { committed: 2 })]);
    expect(violation(() => d.observe([view(1, [1, 1], { committed: 1 })])).invariant).toBe(
      'commit never goes backwards',
    );
    expect(
      violation(() => new RaftInvariants().observe([view(1, [1], { committed: 1, applied: 2 })])).invariant,
    ).toBe('applied ≤ committed');
  });

  test('leader completeness uses the term an entry was committed in', () => {
    const c = new RaftInvariants();
    c.observe([view(1, [1, 1], { committed: 2, term: 1 })]);
    c.observe([view(2, [1, 1, 2], { isLeader: true, term: 2 })]);
    const v = violation(() => c.observe([view(3, [1], { isLeader: true, term: 3 })]));
    expect(v.invariant).toBe('leader completeness');
  });

  test('applied entries must follow on without gaps or repeats', () => {
    const c = new RaftInvariants();
    c.onApply(1, 1, [e(1, 1), e(2, 1)]);
    expect(c.appliedBy(1)).toBe(2);
    expect(violation(() => c.onApply(1, 1, [e(2, 1)])).invariant).toBe('apply in order');
    expect(violation(() => c.onApply(1, 1, [e(4, 1)])).invariant).toBe('apply in order');
    expect(violation(() => c.onApply(2, 1, [e(1, 1), e(2, 1, 'other')])).invariant).toBe(
      'state machine safety',
    );
  });

  test('a restore may jump the applied index forward, never back; applying goes on after it', () => {
    const c = new RaftInvariants();
    c.onApply(1, 1, [e(1, 1), e(2, 1)]);
    c.onRestore(1, 7, 2);
    expect(c.appliedBy(1)).toBe(7);
    c.onApply(1, 2, [e(8, 2)]);
    expect(violation(() => c.onApply(1, 2, [e(10, 2)])).invariant).toBe('apply in order');
    expect(violation(() => c.onRestore(1, 5, 2)).invariant).toBe('applied never goes backwards');
    c.onRestore(2, 3, 1);
    expect(c.appliedBy(2)).toBe(3);
    // a snapshot must end with the entry committed at its index
    expect(violation(() => c.onRestore(3, 2, 5)).invariant).toBe('state machine safety');
  });
});
