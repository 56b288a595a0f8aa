// Typed errors of the simulator. Each message says what happened, when (virtual time) and what it
// usually means, because these end up verbatim in a student's failure report.
import { inspect } from 'node:util';

/** A simulation bound (virtual time, event count, wall time, settle rounds) was hit. */
export class SimBoundError extends Error {
  override readonly name = 'SimBoundError';
}

/** The simulation ran out of events while a test was still waiting for something. */
export class SimStallError extends Error {
  override readonly name = 'SimStallError';
}

/** A test or the framework used the simulator wrongly (a bug in the test, not in the target). */
export class SimUsageError extends Error {
  override readonly name = 'SimUsageError';
}

/**
 * An error thrown by the target (a store's timer, task, message handler, proposal path or open).
 * Keeps the original error's name (e.g. `LabTodo`) and stack so the report names it, and prefixes
 * where and when it happened.
 */
export class StoreFault extends Error {
  override name: string;
  readonly storeId: number;
  readonly where: string;
  readonly atMs: number;
  declare readonly original: unknown;

  constructor(storeId: number, where: string, atMs: number, original: unknown) {
    const inner =
      original instanceof Error
        ? original.message.startsWith(original.name)
          ? original.message
          : `${original.name}: ${original.message}`
        : String(original);
    const place = where === `store ${storeId}` ? '' : ` in ${where}`;
    super(`store ${storeId} threw${place} at t=${atMs}ms: ${inner}`);
    this.name = original instanceof Error ? original.name : 'StoreFault';
    this.storeId = storeId;
    this.where = where;
    this.atMs = atMs;
    Object.defineProperty(this, 'original', { value: original, enumerable: false });
    if (original instanceof Error && original.stack !== undefined) {
      this.stack = `${this.name}: ${this.message}\n${original.stack.split('\n').slice(1).join('\n')}`;
    }
  }
}

/** A short single-line description of any thrown value (for traces: no stacks, deterministic). */
export function describeError(err: unknown): string {
  if (err instanceof Error)
    return err.message.startsWith(err.name) ? err.message : `${err.name}: ${err.message}`;
  return String(err);
}

export interface ViolationDetails {
  expected?: unknown;
  actual?: unknown;
  hint?: string;
}

/** A core invariant of Raft or of the store does not hold (detected while the simulation runs). */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  readonly what: string;
  readonly details: ViolationDetails;

  constructor(what: string, details: ViolationDetails = {}) {
    const lines = [what];
    if ('expected' in details) lines.push(`  expected: ${show(details.expected)}`);
    if ('actual' in details) lines.push(`  actual:   ${show(details.actual)}`);
    if (details.hint !== undefined) lines.push(`  hint: ${details.hint}`);
    super(lines.join('\n'));
    this.what = what;
    this.details = details;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return inspect(v, { depth: 4, breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 20 });
}

/** The cluster failed to make progress it must make (elect a leader, serve a read, catch up). */
export class LivenessFailure extends Error {
  override readonly name = 'LivenessFailure';
}

/** The client history has no linearization (or the checker could not decide: `unknown`). */
export class LinearizabilityFailure extends Error {
  override readonly name = 'LinearizabilityFailure';
}
