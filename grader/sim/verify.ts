// End-of-run checks of a scenario: the cluster elects a leader and every store catches up once the
// faults stop; every key can be read back; every acknowledged write survives; and the whole client
// history is linearizable (an `unknown` verdict fails too). Each failure explains itself in terms of
// the history (virtual times, values, stores).
import { storepb } from '@target/proto/pb.js';
import { checkKvHistory } from '../check/linearizability.js';
import type { SimClient } from './client.js';
import type { Cluster } from './cluster.js';
import { InvariantViolation, LinearizabilityFailure, LivenessFailure } from './errors.js';
import type { History, OpRecord } from './history.js';

const ms = (t: number | undefined): string => (t === undefined ? 'never' : `t=${t}ms`);

function describe(r: OpRecord): string {
  const i = r.input;
  if (i.op === 'put' || i.op === 'append')
    return `${i.op}(${i.key}, ${JSON.stringify(i.value)}) by client ${r.clientId}`;
  return `${i.op}(${i.key}) by client ${r.clientId}`;
}

function statusLine(cluster: Cluster): string {
  return cluster.storeIds
    .map((id) => {
      const st = cluster.status(id);
      if (st === undefined) return `store ${id}: ${cluster.stateOf(id)}`;
      return `store ${id}: ${st.raftState} term ${st.term} lead ${st.lead} committed ${st.committed} applied ${st.applied} last ${st.lastIndex}`;
    })
    .join('; ');
}

/** Runs until some store leads, at most budgetMs; fails with LivenessFailure otherwise. */
export async function waitForLeader(cluster: Cluster, budgetMs: number, when: string): Promise<number> {
  const sim = cluster.sim;
  const until = sim.now + budgetMs;
  for (;;) {
    const l = cluster.leader();
    if (l !== undefined) return l;
    if (sim.now >= until) {
      throw new LivenessFailure(
        `no leader ${when} within ${budgetMs}ms of virtual time (t=${sim.now}ms). ${statusLine(cluster)}\n` +
          '  hint: elections need the Ready loop to persist and send the vote requests and answers; ' +
          'look for send/deliver of MsgRequestVote in the trace',
      );
    }
    await sim.runFor(cluster.tuning.tickMs);
  }
}

/**
 * With every store up and the network whole, runs until one store leads and every store has applied
 * everything the leader committed (at most budgetMs).
 */
export async function waitForCatchUp(cluster: Cluster, budgetMs: number): Promise<void> {
  const sim = cluster.sim;
  const until = sim.now + budgetMs;
  for (;;) {
    const l = cluster.leader();
    const lst = l === undefined ? undefined : cluster.status(l);
    if (lst !== undefined) {
      const behind = cluster.storeIds.filter((id) => {
        const st = cluster.status(id);
        return st === undefined || st.applied !== lst.committed || st.committed !== lst.committed;
      });
      if (behind.length === 0) return;
      if (sim.now >= until) {
        throw new LivenessFailure(
          `store(s) ${behind.join(', ')} did not catch up with leader ${l} (committed ${lst.committed}) within ` +
            `${budgetMs}ms of virtual time after the faults stopped. ${statusLine(cluster)}\n` +
            '  hint: a follower that was cut off or restarted must get the missing entries (MsgAppend with ' +
            'the right prevLogIndex), persist them, learn the commit index and apply up to it',
        );
      }
    } else if (sim.now >= until) {
      throw new LivenessFailure(
        `no leader within ${budgetMs}ms of virtual time after the faults stopped (t=${sim.now}ms). ${statusLine(cluster)}`,
      );
    }
    await sim.runFor(cluster.tuning.tickMs);
  }
}

/** Reads every key once through `reader` (recorded in the history). Fails if a read does not succeed. */
export async function readBack(
  cluster: Cluster,
  reader: SimClient,
  keys: readonly string[],
  budgetMs: number,
): Promise<Map<string, OpRecord>> {
  const out = new Map<string, OpRecord>();
  const sim = cluster.sim;
  for (const key of keys) {
    const r = await sim.runUntil(reader.get(key), budgetMs, `the final read of ${key}`);
    if (r.status !== 'ok') {
      throw new LivenessFailure(
        `the final read of ${key} did not succeed with every store up and the network whole (${r.why}). ` +
          statusLine(cluster),
      );
    }
    out.set(key, r.rec);
  }
  return out;
}

/**
 * Every acknowledged write survives: the value each final read returned must come from a write that
 * no acknowledged write of the same key strictly follows in real time.
 */
export function checkDurability(history: History, finals: ReadonlyMap<string, OpRecord>): void {
  for (const [key, fin] of finals) {
    const out = fin.output;
    const value = out !== undefined && 'value' in out ? out.value : null;
    const writes = history.all.filter((r) => r.input.key === key && r.input.op !== 'get');
    const acked = writes.filter((w) => w.status === 'ok');
    interface Source {
      ret: number | undefined;
      rec?: OpRecord;
      desc: string;
    }
    let sources: Source[];
    if (value !== null) {
      const w = writes.find((r) => r.input.op === 'put' && r.input.value === value);
      if (w === undefined) {
        throw new InvariantViolation(
          `the final read of ${key} (${ms(fin.ret)}) returned ${JSON.stringify(value)}, a value no client ever wrote to ${key}`,
          { hint: 'a read must return the value of the last write applied to that key' },
        );
      }
      if (w.status === 'failed') {
        throw new InvariantViolation(
          `the final read of ${key} returned ${JSON.stringify(value)}, written by ${describe(w)}, which the store had refused (${w.note})`,
          {
            hint: 'a command answered with a definite error (not leader, stale command) must never take effect',
          },
        );
      }
      sources = [{ ret: w.status === 'ok' ? w.ret : undefined, rec: w, desc: describe(w) }];
    } else {
      sources = [
        { ret: Number.NEGATIVE_INFINITY, desc: 'the initial (empty) state' },
        ...writes
          .filter((r) => r.input.op === 'delete' && r.status !== 'failed')
          .map((r) => ({ ret: r.status === 'ok' ? r.ret : undefined, rec: r, desc: describe(r) })),
      ];
    }
    const overwrittenBy = (s: Source): OpRecord | undefined => {
      if (s.ret === undefined) return undefined; // pending: may have taken effect at any later time
      const later = acked.filter((w) => w !== s.rec && s.ret! < w.call);
      return later.sort((a, b) => b.call - a.call)[0];
    };
    if (sources.some((s) => overwrittenBy(s) === undefined)) continue;
    const best = sources.reduce((a, b) => ((b.ret ?? 0) > (a.ret ?? 0) ? b : a));
    const lost = overwrittenBy(best)!;
    const got = value === null ? 'nothing (the key is absent)' : JSON.stringify(value);
    throw new InvariantViolation(
      `acknowledged write lost: ${describe(lost)} returned OK at ${ms(lost.ret)}`,
      {
        expected: `the final read of ${key} returns what ${describe(lost)} or a later write left`,
        actual:
          `the final read (${ms(fin.call)}) returned ${got}, left by ${best.desc}` +
          (best.ret !== undefined && Number.isFinite(best.ret)
            ? `, which had returned at ${ms(best.ret)}`
            : '') +
          `, before ${describe(lost)} was even invoked (${ms(lost.call)})`,
        hint:
          'an acknowledged command is committed: it must survive leader changes, partitions and restarts ' +
          '(answer a proposal only after its entry is applied at the same index and term; persist entries ' +
          'before acknowledging them)',
      },
    );
  }
}

/**
 * Every request a store received got an answer, unless the store crashed first: applied, not leader,
 * stale command or timeout. (TinyKV's most common 2B failure is the "request timeout" this prevents.)
 */
export function checkAllAnswered(cluster: Cluster, olderThanMs: number): void {
  const lost = cluster.unanswered(olderThanMs);
  if (lost.length === 0) return;
  const r = lost[0]!;
  const q = r.req.requests[0];
  const what = `${storepb.CmdType[q?.cmdType ?? 0] ?? 'command'}(${Buffer.from(q?.key ?? new Uint8Array(0)).toString()})`;
  throw new InvariantViolation(
    `store ${r.store} never answered a client request it received at t=${r.at}ms ` +
      `(${what}, request id ${Number(r.req.header?.requestId ?? 0)}), although it stayed up` +
      (lost.length > 1 ? ` (and ${lost.length - 1} more)` : ''),
    {
      expected: `an answer within ${olderThanMs}ms: the response once its entry is applied, or an error`,
      actual: `no answer by t=${cluster.sim.now}ms`,
      hint:
        'when applying an entry, answer every pending proposal up to its index: the one with the same index ' +
        'and term gets the response, the others are stale (their entries were overwritten)',
    },
  );
}

/** The whole history is linearizable; `illegal` and `unknown` both fail. */
export function checkLinearizable(history: History): void {
  const ops = history.operations();
  const r = checkKvHistory(ops);
  if (r.verdict === 'ok') return;
  if (r.verdict === 'illegal') {
    throw new LinearizabilityFailure(
      `the client history is not linearizable (key ${r.key}, ${ops.length} operations):\n${r.explanation}`,
    );
  }
  throw new LinearizabilityFailure(
    `linearizability unknown: the checker could not decide within its budget (${ops.length} operations): ${r.reason}`,
  );
}
