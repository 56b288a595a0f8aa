// A simulated KV client: finds the leader (follows not-leader hints, rotates on timeouts and crashes),
// retries in virtual time, and records every operation in the History. Writes are retried only after
// definite refusals: once a write may have been proposed (timeout, crash, `indeterminate`), the client
// abandons it (it stays pending) rather than risk applying it twice. Reads are retried on anything.
import { storepb } from '@target/proto/pb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import type { Rng } from '../harness/rng.js';
import type { CallResult, Cluster } from './cluster.js';
import { InvariantViolation } from './errors.js';
import type { History, KvInput, KvOutput, OpRecord } from './history.js';

export interface ClientOptions {
  /** How long one attempt at one store may take (virtual ms). */
  attemptTimeoutMs: number;
  /** How long an op may keep retrying after definite refusals before the client gives up. */
  opDeadlineMs: number;
  /** Make one attempt only (never retry, never follow a hint). */
  singleAttempt?: boolean;
}

/** TinyKV's harness: 1 s per attempt, 5 s per request. */
export const DEFAULT_CLIENT_OPTIONS: ClientOptions = { attemptTimeoutMs: 1000, opDeadlineMs: 5000 };

/** How an op ended, with its record in the history. */
export type OpResult = { rec: OpRecord } & (
  | { status: 'ok'; output: KvOutput }
  | { status: 'pending'; why: string }
  | { status: 'failed'; why: string }
);

const CMD: Record<KvInput['op'], storepb.CmdType> = {
  get: storepb.CmdType.Get,
  put: storepb.CmdType.Put,
  delete: storepb.CmdType.Delete,
  append: storepb.CmdType.Invalid,
};

/** One attempt's result, as the retry loop sees it. */
type Judged =
  | { ok: true; kind: 'ok'; output: KvOutput }
  | { ok: false; kind: string; maybeApplied: boolean; hint?: number };

export class SimClient {
  private leaderGuess: number;
  private reqSeq = 0;
  /** Attempts made, by outcome (for tests and the bench). */
  readonly attempts = { ok: 0, notLeader: 0, stale: 0, timeout: 0, crashed: 0, down: 0, other: 0 };

  constructor(
    readonly id: number,
    private readonly cluster: Cluster,
    private readonly history: History,
    private readonly rng: Rng,
    private readonly opts: ClientOptions = DEFAULT_CLIENT_OPTIONS,
  ) {
    this.leaderGuess = rng.pick(cluster.storeIds);
  }

  /** Sends the next attempt to this store (the client still follows hints afterwards). */
  aimAt(storeId: number): void {
    this.leaderGuess = storeId;
  }

  get(key: string): Promise<OpResult> {
    return this.execute({ op: 'get', key });
  }

  put(key: string, value: string): Promise<OpResult> {
    return this.execute({ op: 'put', key, value });
  }

  delete(key: string): Promise<OpResult> {
    return this.execute({ op: 'delete', key });
  }

  /** Runs one operation to its end: ok, pending (outcome unknown) or failed (never took effect). */
  async execute(input: KvInput): Promise<OpResult> {
    if (input.op === 'append') throw new RangeError('the store has no append command');
    const sim = this.cluster.sim;
    const rec = this.history.invoke(this.id, input);
    const isWrite = input.op !== 'get';
    const deadline = sim.now + this.opts.opDeadlineMs;
    const requestId = this.id * 1_000_000 + ++this.reqSeq;
    const me = `c${this.id}`;
    let maybeApplied = false;
    let hops = 0;
    let lastWhy = 'no attempt';
    while (sim.now < deadline) {
      const target = this.leaderGuess;
      sim.record(me, 'attempt', { id: rec.seq, to: target });
      const res = await this.cluster.call(target, request(input, requestId), this.opts.attemptTimeoutMs);
      const outcome = this.judge(res, target, input);
      if (!outcome.ok) sim.record(me, 'reply', { id: rec.seq, from: target, outcome: outcome.kind });
      lastWhy = `${outcome.kind} from store ${target}`;
      if (outcome.ok) {
        this.history.complete(rec, outcome.output);
        return { rec, status: 'ok', output: outcome.output };
      }
      if (outcome.maybeApplied) maybeApplied = true;
      // No answer from this store: try another one next time (for this op or the next).
      if (['timeout', 'crashed', 'down', 'store-timeout'].includes(outcome.kind)) {
        this.leaderGuess = this.next(target);
      }
      if (isWrite && maybeApplied) {
        const why = `outcome unknown after ${lastWhy}`;
        this.history.abandon(rec, why);
        return { rec, status: 'pending', why };
      }
      if (this.opts.singleAttempt === true) break;
      let backoff: number;
      if (outcome.hint !== undefined && outcome.hint !== target && hops < 3) {
        this.leaderGuess = outcome.hint;
        hops++;
        backoff = this.rng.int(3);
      } else {
        hops = 0;
        if (outcome.kind === 'not-leader' || outcome.kind === 'error') this.leaderGuess = this.next(target);
        backoff = 20 + this.rng.int(80);
      }
      await sim.sleep(backoff);
    }
    const why =
      this.opts.singleAttempt === true
        ? `one attempt only: ${lastWhy}`
        : `gave up after ${this.opts.opDeadlineMs}ms (last: ${lastWhy})`;
    if (isWrite && maybeApplied) {
      this.history.abandon(rec, why);
      return { rec, status: 'pending', why };
    }
    this.history.fail(rec, why);
    return { rec, status: 'failed', why };
  }

  private next(current: number): number {
    const ids = this.cluster.storeIds;
    const others = ids.filter((id) => id !== current);
    return others.length === 0 ? current : this.rng.pick(others);
  }

  /** Classifies one attempt's result. Malformed answers fail the run (they are store bugs). */
  private judge(res: CallResult, target: number, input: KvInput): Judged {
    switch (res.kind) {
      case 'timeout':
        this.attempts.timeout++;
        return { ok: false, kind: 'timeout', maybeApplied: true };
      case 'crashed':
        this.attempts.crashed++;
        return { ok: false, kind: 'crashed', maybeApplied: true };
      case 'down':
        this.attempts.down++;
        return { ok: false, kind: 'down', maybeApplied: false };
    }
    const resp = res.resp;
    const err = resp.header?.error;
    if (err != null) {
      // The store says whether the command may still take effect; a timeout always may.
      const maybeApplied = err.indeterminate === true || err.timeout === true;
      if (err.invalidRequest === true || err.regionNotFound === true) {
        this.violation(target, input, `refused a well-formed request: ${err.message}`);
      }
      if (err.notLeader != null) {
        this.attempts.notLeader++;
        const hint = Number(err.notLeader.leaderStoreId ?? 0);
        return hint > 0
          ? { ok: false, kind: 'not-leader', maybeApplied, hint }
          : { ok: false, kind: 'not-leader', maybeApplied };
      }
      if (err.staleCommand === true) {
        this.attempts.stale++;
        return { ok: false, kind: 'stale', maybeApplied };
      }
      this.attempts.other++;
      return { ok: false, kind: err.timeout === true ? 'store-timeout' : 'error', maybeApplied };
    }
    const r = resp.responses[0];
    if (resp.responses.length !== 1 || r == null || r.cmdType !== CMD[input.op]) {
      const got =
        r == null
          ? 'no response at all'
          : resp.responses.length > 1
            ? `${resp.responses.length} responses`
            : `the response of a ${storepb.CmdType[r.cmdType ?? 0] ?? r.cmdType} command`;
      this.violation(
        target,
        input,
        `answered ${input.op}(${input.key}) (request ${requestIdOf(resp)}) without an error but with ${got} ` +
          '(was it answered with the result of another proposal?)',
      );
    }
    this.attempts.ok++;
    if (input.op !== 'get') return { ok: true, kind: 'ok', output: { ok: true } };
    const found = r!.found === true;
    return {
      ok: true,
      kind: 'ok',
      output: { value: found ? Buffer.from(r!.value ?? new Uint8Array(0)).toString('utf8') : null },
    };
  }

  private violation(store: number, input: KvInput, what: string): never {
    const err = new InvariantViolation(`store ${store} ${what}`, {
      actual: input,
      hint:
        'a command gets exactly one response, of its own type, or an error in the header; a proposal is ' +
        'answered by the entry at its own index and term',
    });
    this.cluster.sim.fail(err);
    throw err;
  }
}

function requestIdOf(resp: storepb.RaftCmdResponse): number {
  return Number(resp.header?.requestId ?? 0);
}

function request(input: KvInput, requestId: number): storepb.RaftCmdRequest {
  const req: storepb.IRequest = { cmdType: CMD[input.op], key: Buffer.from(input.key, 'utf8') };
  if (input.op === 'put') req.value = Buffer.from(input.value, 'utf8');
  return storepb.RaftCmdRequest.create({ header: { regionId: REGION_ID, requestId }, requests: [req] });
}
