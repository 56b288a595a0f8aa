// Unit tests of the raw-node network (grader/harness/rawnet.ts) and the Raft invariant checker, run
// against the reference Raft: the harness reaches the target through @target, which vitest.config.ts
// points at solutions/ for the framework's own tests (RAFTLAB_UNIT=1).
import { describe, expect, test } from 'vitest';
import { InvariantViolation, type PeerView, RaftInvariants } from '../check/raft-invariants.js';
import { RawNet } from '../harness/rawnet.js';
import { runChaos } from '../harness/rawnet-chaos.js';
import { Rng } from '../harness/rng.js';
import { Trace } from '../harness/trace.js';
import { MessageType, newEntry } from '../../solutions/raft/raftpb.js';
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
    c.onApply(1, 1, 0, [e(1, 1), e(2, 1)]);
    expect(violation(() => c.onApply(1, 1, 2, [e(2, 1)])).invariant).toBe('apply in order');
    expect(violation(() => c.onApply(2, 1, 0, [e(1, 1), e(2, 1, 'other')])).invariant).toBe(
      'state machine safety',
    );
  });
});
