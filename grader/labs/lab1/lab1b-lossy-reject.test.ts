// Lab 1b — a delayed duplicate of a rejection on a lossy network (bare Raft peers). A follower's
// rejection may arrive again after the leader repaired the follower's progress: the leader may by then
// have learned that the follower holds the rejected index (index == match, next == match + 1). Taken as
// fresh, it moves next to or below match; every later ack at or below match is dropped, and a follower
// answers an append below its commit with "index = committed" (≤ match), so next is never repaired: the
// follower gets no entries for the rest of the term. Scripted on three nodes with seeded roles and log
// lengths: one rejection delivered twice (the copy late), the follower's acks of the new leader's no-op
// lost; then the network heals and every node must hold a new entry.
import { type Message, MessageType } from '@target/raft/raftpb.js';
import { ET, HT } from '../../harness/raftfix.js';
import { NetError, RawNet } from '../../harness/rawnet.js';
import { check, seededRule } from '../../harness/rule.js';

const NETWORK = { part: 'lab1b', tags: ['network'], points: 3 };

const isAck = (m: Message): boolean => m.msgType === MessageType.MsgAppendResponse && !m.reject;

/** Ticks every peer `n` times, delivering everything after each tick (heartbeats carry the commit). */
function ticks(net: RawNet, n: number): void {
  for (let k = 0; k < n; k++) {
    net.tickAll();
    net.stabilize();
  }
}

seededRule(
  'lab1b.network.late-duplicate-rejection',
  'a rejection delivered again after the follower was repaired (index == match) is stale: the follower keeps getting entries',
  NETWORK,
  ({ seed, rng, trace }) => {
    const net = new RawNet({ size: 3, kind: 'raft', rng, trace, seed });
    const [a, b, c] = rng.fork('roles').shuffle([1, 2, 3]) as [number, number, number];
    net.phase('script', { oldLeader: a, newLeader: b, lagging: c });
    net.campaign(a);
    net.stabilize();
    for (let k = 0, n = 1 + rng.fork('entries').int(4); k < n; k++) {
      net.propose(a, `e${k}`);
      net.stabilize();
    }
    // c misses the last entry of a's term, which a and b commit (b learns the commit from a heartbeat).
    net.dropLink(a, c, 1);
    const missed = net.propose(a, 'missed');
    net.stabilize();
    ticks(net, 2 * HT);
    const n1 = missed?.index ?? 0;
    check(
      net.raft(b).raftLog.committed === n1 && net.raft(c).raftLog.lastIndex() === n1 - 1,
      `setup: node ${b} should know entry ${n1} committed and node ${c} lack it`,
      { actual: net.describe() },
    );
    // b leads the next term. c rejects b's first append (prev = n1); the rejection is kept for later.
    // a's acks are held back (b cannot commit its no-op yet) and c's acks of the no-op are lost.
    const rejections: Message[] = [];
    net.addFilter('copy c rejections', (m) => {
      if (m.from === c && m.reject) rejections.push({ ...m, entries: [] });
      return true;
    });
    net.addFilter('hold a acks', (m) => !(m.from === a && isAck(m)));
    net.addFilter('lose c acks of the no-op', (m) => !(m.from === c && isAck(m) && m.index === n1 + 1));
    net.campaign(b);
    net.stabilize();
    net.dropLink(a, c, 0);
    ticks(net, HT);
    const pr = net.raft(b).prs.get(c)!;
    check(
      rejections.some((m) => m.index === n1) && pr.match === n1 && pr.next === n1 + 1,
      `setup: node ${c} rejected index ${n1}, then answered "committed = ${n1}" to a repaired append: the leader should have match ${n1}, next ${n1 + 1}`,
      { actual: `rejections ${rejections.map((m) => m.index).join(',')}; match=${pr.match} next=${pr.next}` },
    );
    // The copy of that rejection arrives late.
    net.inject(rejections.find((m) => m.index === n1)!);
    net.stabilize();
    check(
      pr.next > pr.match,
      `a rejection of index ${n1} when match is already ${n1} is stale and must be ignored (etcd: a rejection is stale when its index is not next − 1 or is at or below match); moving next to or below match starves node ${c}, because acks at or below match never repair next`,
      { expected: `next ≥ ${n1 + 1} (match + 1)`, actual: `match=${pr.match} next=${pr.next}` },
    );
    for (const f of ['copy c rejections', 'hold a acks', 'lose c acks of the no-op']) net.removeFilter(f);
    try {
      net.settle(30 * ET, 'after-heal');
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      check(false, `after healing, node ${c} must get new entries again: ${e.message}`, {
        hint: 'a rejection at or below match is stale; an ack at or below match cannot repair next',
      });
    }
  },
);
