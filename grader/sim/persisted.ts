// What each store has durably written, observed from the engine writes themselves (not from the
// store's own reports, so it holds for any implementation): the persisted hard state and last log
// index (raft engine), the applied and truncated indexes and a digest of the user data at each applied
// index (kv engine). A snapshot install is seen the same way: a kv batch that replaces the user data and
// moves the applied index forward to the truncated index (applied = truncated = the snapshot's index);
// its raft batch may move the last index anywhere (to the snapshot's). The invariant monitor compares
// these across stores and against the messages sent.
// instrumentEngine is the engine wrapper that observes them; it also counts every engine call (read
// views' reads included) in the incarnation's IoGate, so the simulator can settle them.
import { REGION_ID } from '@target/store/bootstrap.js';
import type { Engine, EngineReadView, KeyRange, WriteBatch } from '@target/store/engine.js';
import { DATA_PREFIX, applyStateKey, raftStateKey } from '@target/store/keys.js';
import { decodeApplyState, decodeRaftLocalState } from '@target/store/meta.js';
import type { IoGate } from './sim.js';

/** A store's persisted state as seen from its engine writes. Lives as long as the engines do. */
export interface PersistedView {
  term: number;
  vote: number;
  commit: number;
  lastIndex: number;
  applied: number;
}

/** Reported after a kv write that set the applied index: the user data's digest at that index. */
export interface ApplyBoundary {
  applied: number;
  /** The applied index the engines held before this write (0 before the first). */
  prevApplied: number;
  /** The truncated index the write set. */
  truncated: number;
  /**
   * A snapshot install: the applied index moved forward to the truncated index (not the bootstrap
   * write, which comes first; not a CompactLog, which truncates below the entry it is applied at).
   */
  install: boolean;
  /** Two 32-bit lanes of the XOR digest and the number of keys: equal data ⇒ equal triple. */
  d1: number;
  d2: number;
  size: number;
  /** The user data as text (key → value, values cut at 40 characters), for messages. */
  contents(): Map<string, string>;
}

/** A digest triple as text, for messages. */
export function formatDigest(b: Pick<ApplyBoundary, 'd1' | 'd2' | 'size'>): string {
  return `${b.d1.toString(16).padStart(8, '0')}${b.d2.toString(16).padStart(8, '0')} (${b.size} keys)`;
}

const RAFT_STATE = raftStateKey(REGION_ID);
const APPLY_STATE = applyStateKey(REGION_ID);

/** 32-bit FNV-1a over a byte string, continuing from h. */
function fnv(h: number, bytes: Uint8Array): number {
  let x = h;
  for (let i = 0; i < bytes.length; i++) {
    x ^= bytes[i]!;
    x = Math.imul(x, 0x01000193);
  }
  return x >>> 0;
}

/** Two independent 32-bit hashes of (key, value), as one number pair. */
function pairHash(key: Uint8Array, value: Uint8Array): [number, number] {
  const k1 = fnv(0x811c9dc5, key);
  const k2 = fnv(0x9e3779b9 ^ key.length, key);
  return [fnv(k1 ^ 0x5bd1e995, value), fnv(Math.imul(k2, 31) ^ value.length, value)];
}

export class PersistedModel implements PersistedView {
  term = 0;
  vote = 0;
  commit = 0;
  lastIndex = 0;
  applied = 0;
  /** Truncated index in the apply state (0 before the first write). */
  truncated = 0;
  /** The highest last index the raft engine ever held (a tail replaced or an install may lower it). */
  maxLastIndex = 0;
  /** Snapshot installs seen (see ApplyBoundary.install), and the index of the last one (0: none). */
  installs = 0;
  lastInstallIndex = 0;
  /** Hash of each user data key's value, keyed by the engine key in latin1. */
  private readonly data = new Map<string, [number, number]>();
  /** The values themselves (for messages), keyed like `data`. */
  private readonly values = new Map<string, Uint8Array>();
  private d1 = 0;
  private d2 = 0;

  constructor(
    private readonly onRaftState: (prev: PersistedView, next: PersistedView) => void,
    private readonly onApply: (b: ApplyBoundary) => void,
  ) {}

  /** Order-independent digest of the user data (XOR of per-pair hashes) and its size, as text. */
  get digest(): string {
    return formatDigest({ d1: this.d1, d2: this.d2, size: this.data.size });
  }

  raftWritten(batch: WriteBatch): void {
    for (const op of batch.ops) {
      if (op.type !== 'put' || op.key.length !== RAFT_STATE.length || !op.key.equals(RAFT_STATE)) continue;
      const s = decodeRaftLocalState(op.value);
      const prev = this.snapshot();
      this.term = s.hardState.term;
      this.vote = s.hardState.vote;
      this.commit = s.hardState.commit;
      this.lastIndex = s.lastIndex;
      this.maxLastIndex = Math.max(this.maxLastIndex, s.lastIndex);
      this.onRaftState(prev, this.snapshot());
    }
  }

  kvWritten(batch: WriteBatch): void {
    let applied: number | undefined;
    let truncated = this.truncated;
    for (const op of batch.ops) {
      if (op.key[0] === DATA_PREFIX) {
        const k = op.key.toString('latin1');
        this.unset(k);
        if (op.type === 'put') {
          this.set(k, pairHash(op.key, op.value));
          this.values.set(k, op.value);
        }
      } else if (op.type === 'put' && op.key.length === APPLY_STATE.length && op.key.equals(APPLY_STATE)) {
        const st = decodeApplyState(op.value);
        applied = st.appliedIndex;
        truncated = st.truncatedState.index;
      }
    }
    if (applied !== undefined) {
      const prevApplied = this.applied;
      const install = prevApplied > 0 && applied > prevApplied && applied === truncated;
      this.applied = applied;
      this.truncated = truncated;
      if (install) {
        this.installs++;
        this.lastInstallIndex = applied;
      }
      this.onApply({
        applied,
        prevApplied,
        truncated,
        install,
        d1: this.d1,
        d2: this.d2,
        size: this.data.size,
        contents: () => this.contents(),
      });
    }
  }

  kvRangeDeleted(range: KeyRange): void {
    const lo = Buffer.from(range.gte);
    const hi = Buffer.from(range.lt);
    for (const k of [...this.data.keys()]) {
      const kb = Buffer.from(k, 'latin1');
      if (Buffer.compare(kb, lo) >= 0 && Buffer.compare(kb, hi) < 0) this.unset(k);
    }
  }

  snapshot(): PersistedView {
    return {
      term: this.term,
      vote: this.vote,
      commit: this.commit,
      lastIndex: this.lastIndex,
      applied: this.applied,
    };
  }

  private set(k: string, h: [number, number]): void {
    this.data.set(k, h);
    this.d1 = (this.d1 ^ h[0]) >>> 0;
    this.d2 = (this.d2 ^ h[1]) >>> 0;
  }

  /** The user data now, as text: user key → value (cut at 40 characters). */
  contents(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.values) {
      const text = Buffer.from(v).toString('utf8');
      out.set(
        Buffer.from(k, 'latin1').subarray(1).toString('utf8'),
        text.length > 40 ? `${text.slice(0, 40)}…` : text,
      );
    }
    return out;
  }

  private unset(k: string): void {
    const old = this.data.get(k);
    if (old === undefined) return;
    this.data.delete(k);
    this.values.delete(k);
    this.d1 = (this.d1 ^ old[0]) >>> 0;
    this.d2 = (this.d2 ^ old[1]) >>> 0;
  }
}

/**
 * The engine one store incarnation sees: every call is counted by the incarnation's IoGate (so the
 * simulator can settle it, and a crashed incarnation's calls never complete), and completed writes
 * are reported to `written`. The reads of a read view (snapshot()) are counted the same way.
 */
export function instrumentEngine(
  engine: Engine,
  gate: IoGate,
  written: (batch: WriteBatch) => void,
  rangeDeleted?: (range: KeyRange) => void,
): Engine {
  return {
    get: (key) => gate.run(() => engine.get(key)),
    write: (batch) =>
      gate.run(async () => {
        await engine.write(batch);
        written(batch);
      }),
    scan: (range, limit) => gate.run(() => engine.scan(range, limit)),
    count: (range) => gate.run(() => engine.count(range)),
    deleteRange: (range, beforeWrite) =>
      gate.run(async () => {
        const n = await engine.deleteRange(range, beforeWrite);
        rangeDeleted?.(range);
        return n;
      }),
    snapshot: () => gatedView(engine.snapshot(), gate),
  };
}

function gatedView(view: EngineReadView, gate: IoGate): EngineReadView {
  return {
    get: (key) => gate.run(() => view.get(key)),
    scan: (range, limit) => gate.run(() => view.scan(range, limit)),
    count: (range) => gate.run(() => view.count(range)),
    release: () => view.release(),
  };
}
