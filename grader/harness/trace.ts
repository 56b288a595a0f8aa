// Trace: the event log of one seeded test run. Events are serialized to canonical JSON lines
// (sorted keys, stable encodings of bytes/bigint/Map/Set) as they are recorded, so the digest is a
// fingerprint of the run that --check-determinism compares and that replay can write to a file. The
// event format (t, node, kind and the fields of each kind) is documented in docs/debugging.md; a failed
// run ends with its failure (fail()).
import { createHash, type Hash } from 'node:crypto';

export class TraceEncodingError extends TypeError {
  override readonly name = 'TraceEncodingError';
}

/** Canonical JSON of a value: object keys sorted, undefined members dropped, no whitespace. */
export function canonicalJson(value: unknown): string {
  return flat(value) ?? encode(value, new Set());
}

/** The common case, a flat record of strings, finite numbers and booleans, without the general walk. */
function flat(v: unknown): string | undefined {
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    Object.getPrototypeOf(v) !== Object.prototype
  )
    return undefined;
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).sort();
  let out = '{';
  for (const k of keys) {
    const x = rec[k];
    let enc: string;
    if (typeof x === 'string') enc = JSON.stringify(x);
    else if (typeof x === 'number' && Number.isFinite(x) && !Object.is(x, -0)) enc = String(x);
    else if (typeof x === 'boolean') enc = x ? 'true' : 'false';
    else if (x === undefined) continue;
    else return undefined;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${enc}`;
  }
  return `${out}}`;
}

function encode(v: unknown, seen: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? (Object.is(v, -0) ? '0' : String(v)) : JSON.stringify(String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return `{"$bigint":"${v.toString()}"}`;
    case 'undefined':
      return 'null';
    case 'function':
    case 'symbol':
      throw new TraceEncodingError(`Trace: cannot record a ${typeof v}`);
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (seen.has(obj)) throw new TraceEncodingError('Trace: cannot record a circular structure');
  seen.add(obj);
  try {
    if (obj instanceof Uint8Array)
      return `{"$bytes":"${Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('hex')}"}`;
    if (Array.isArray(obj)) return `[${obj.map((x) => encode(x, seen)).join(',')}]`;
    if (obj instanceof Map) {
      const entries = [...obj.entries()].map(([k, x]) => `[${encode(k, seen)},${encode(x, seen)}]`).sort();
      return `{"$map":[${entries.join(',')}]}`;
    }
    if (obj instanceof Set)
      return `{"$set":[${[...obj]
        .map((x) => encode(x, seen))
        .sort()
        .join(',')}]}`;
    if (obj instanceof Date) return JSON.stringify(obj.toISOString());
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(rec).sort()) {
      if (rec[k] === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${encode(rec[k], seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

export interface TraceOptions {
  /** Keep the JSON lines in memory (needed for lines()/toJsonl()); default true. */
  keepLines?: boolean;
}

/** Lines are hashed in chunks of about this many characters (hashing each line alone costs more). */
const HASH_CHUNK = 1 << 16;

export class Trace {
  private readonly hash: Hash = createHash('sha256');
  private readonly kept: string[] | undefined;
  private count = 0;
  /** Lines recorded but not yet fed to the hash. */
  private pending = '';
  /** The `t` and `kind` of the last event (a failure is stamped with that time). */
  private lastT = 0;
  private lastKind: unknown;

  constructor(options: TraceOptions = {}) {
    this.kept = options.keepLines === false ? undefined : [];
  }

  /** Append an event. It is serialized immediately: later mutation of the object does not matter. */
  record(event: Record<string, unknown>): void {
    const line = canonicalJson(event);
    if (typeof event['t'] === 'number') this.lastT = event['t'];
    this.lastKind = event['kind'];
    this.pending += `${line}\n`;
    if (this.pending.length >= HASH_CHUNK) this.flush();
    this.kept?.push(line);
    this.count++;
  }

  /**
   * Records why the run failed as its last event, `{kind: 'failure', node: 'sim', t, error}` at the time
   * of the last event (docs/debugging.md), unless the run already recorded its failure (the simulator
   * does when its run loop fails).
   */
  fail(err: unknown): void {
    if (this.lastKind === 'failure') return;
    const error =
      err instanceof Error
        ? err.message.startsWith(err.name)
          ? err.message
          : `${err.name}: ${err.message}`
        : String(err);
    this.record({ t: this.lastT, node: 'sim', kind: 'failure', error });
  }

  /** Hex sha256 of the canonical JSON lines recorded so far (each terminated by a newline). */
  digest(): string {
    this.flush();
    return this.hash.copy().digest('hex');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending);
    this.pending = '';
  }

  get length(): number {
    return this.count;
  }

  /** The recorded lines, if kept. */
  lines(): readonly string[] {
    return this.kept ?? [];
  }

  /** The trace as a JSON Lines document (empty if lines were not kept). */
  toJsonl(): string {
    return this.kept === undefined || this.kept.length === 0 ? '' : `${this.kept.join('\n')}\n`;
  }
}
