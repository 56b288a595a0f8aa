// The recorder of client operations: every invoke and return, with virtual timestamps, in the
// Operation format of the linearizability checker. An operation whose outcome is unknown (the client
// gave up after a timeout or a crash) stays pending (no `ret`): it may or may not have taken effect.
// An operation that certainly never took effect (only definite refusals) is left out of the history.
import type { KvInput, KvOutput, Operation } from '../check/linearizability.js';
import { SimUsageError } from './errors.js';
import type { Sim } from './sim.js';

export type { KvInput, KvOutput, Operation };

export type OpStatus = 'running' | 'ok' | 'pending' | 'failed';

export interface OpRecord {
  readonly seq: number;
  readonly clientId: number;
  readonly input: KvInput;
  /** Virtual ms (ties broken by event order in the microsecond digits). */
  readonly call: number;
  output?: KvOutput;
  ret?: number;
  status: OpStatus;
  /** Why a pending or failed op ended that way. */
  note?: string;
}

export interface HistoryStats {
  invoked: number;
  ok: number;
  pending: number;
  failed: number;
  running: number;
}

export class History {
  private readonly records: OpRecord[] = [];
  /** Values written so far: each put must write a value of its own (see invoke). */
  private readonly written = new Set<string>();
  /** Last timestamp handed out, in virtual microseconds: timestamps strictly increase. */
  private lastUs = -1;

  constructor(private readonly sim: Sim) {}

  /** Records an invocation. Every put must write a value no other put of the run wrote. */
  invoke(clientId: number, input: KvInput): OpRecord {
    if (input.op === 'put' || input.op === 'append') {
      if (this.written.has(input.value)) {
        throw new SimUsageError(
          `history: value ${JSON.stringify(input.value)} written twice; values must be unique`,
        );
      }
      this.written.add(input.value);
    }
    const rec: OpRecord = {
      seq: this.records.length,
      clientId,
      input,
      call: this.stamp(),
      status: 'running',
    };
    this.records.push(rec);
    this.sim.record(`c${clientId}`, 'invoke', { ...input, id: rec.seq });
    return rec;
  }

  /** The op returned `output`. */
  complete(rec: OpRecord, output: KvOutput): void {
    this.settle(rec, 'ok');
    rec.output = output;
    rec.ret = this.stamp();
    this.sim.record(`c${rec.clientId}`, 'return', { ...output, id: rec.seq });
  }

  /** The client gave up without knowing the outcome: the op stays pending. */
  abandon(rec: OpRecord, why: string): void {
    this.settle(rec, 'pending');
    rec.note = why;
    this.sim.record(`c${rec.clientId}`, 'abandon', { id: rec.seq, why });
  }

  /** The op certainly never took effect: it is left out of the history. */
  fail(rec: OpRecord, why: string): void {
    this.settle(rec, 'failed');
    rec.note = why;
    this.sim.record(`c${rec.clientId}`, 'fail', { id: rec.seq, why });
  }

  /** Every recorded op (including failed and running ones), in invocation order. */
  get all(): readonly OpRecord[] {
    return this.records;
  }

  /** The history for the checker: completed and pending ops (running ones count as pending). */
  operations(): Operation[] {
    const ops: Operation[] = [];
    for (const r of this.records) {
      if (r.status === 'failed') continue;
      const op: Operation = { clientId: r.clientId, input: r.input, call: r.call };
      if (r.status === 'ok') {
        op.output = r.output;
        op.ret = r.ret;
      }
      ops.push(op);
    }
    return ops;
  }

  get stats(): HistoryStats {
    const s: HistoryStats = { invoked: this.records.length, ok: 0, pending: 0, failed: 0, running: 0 };
    for (const r of this.records) s[r.status]++;
    return s;
  }

  private settle(rec: OpRecord, status: OpStatus): void {
    if (rec.status !== 'running') throw new Error(`history: op ${rec.seq} already ended (${rec.status})`);
    rec.status = status;
  }

  private stamp(): number {
    const us = Math.max(Math.round(this.sim.now * 1000), this.lastUs + 1);
    this.lastUs = us;
    return us / 1000;
  }
}
