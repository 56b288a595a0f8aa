// Key encodings of both engines (after TinyKV's meta keys). Numbers are fixed-width 8-byte big-endian,
// so bytewise key order is numeric order. Meta keys start with 0x01, user data keys with 'z' (0x7a):
// the two spaces never collide and a scan of one never sees the other.
//
//   raft log      01 02 <region u64> 01 <index u64>   raft engine   raftpb.Entry
//   raft state    01 02 <region u64> 02               raft engine   storepb.RaftLocalState
//   apply state   01 02 <region u64> 03               kv engine     storepb.RaftApplyState
//   region state  01 03 <region u64> 01               kv engine     storepb.RegionLocalState
//   user data     7a <user key>                       kv engine     the value bytes
import { Buffer } from 'node:buffer';
import type { KeyRange } from './engine.js';

const LOCAL_PREFIX = 0x01;
const REGION_RAFT_PREFIX = 0x02;
const REGION_META_PREFIX = 0x03;
const RAFT_LOG_SUFFIX = 0x01;
const RAFT_STATE_SUFFIX = 0x02;
const APPLY_STATE_SUFFIX = 0x03;
const REGION_STATE_SUFFIX = 0x01;
/** First byte of every user data key. */
export const DATA_PREFIX = 0x7a;

const TWO_32 = 0x1_0000_0000;

function writeU64(buf: Buffer, offset: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`key: ${n} is not an unsigned safe integer`);
  buf.writeUInt32BE(Math.floor(n / TWO_32), offset);
  buf.writeUInt32BE(n >>> 0, offset + 4);
}

function readU64(buf: Uint8Array, offset: number): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return b.readUInt32BE(offset) * TWO_32 + b.readUInt32BE(offset + 4);
}

/** 01 <kind> <region u64> <suffix>, with room for `extra` more bytes. */
function regionKey(kind: number, regionId: number, suffix: number, extra = 0): Buffer {
  const key = Buffer.alloc(11 + extra);
  key[0] = LOCAL_PREFIX;
  key[1] = kind;
  writeU64(key, 2, regionId);
  key[10] = suffix;
  return key;
}

/** The key of log entry `index` of a region (19 bytes). */
export function raftLogKey(regionId: number, index: number): Buffer {
  const key = regionKey(REGION_RAFT_PREFIX, regionId, RAFT_LOG_SUFFIX, 8);
  writeU64(key, 11, index);
  return key;
}

/** The log index a raft log key encodes. */
export function raftLogIndex(key: Uint8Array): number {
  if (key.length !== 19 || key[0] !== LOCAL_PREFIX || key[10] !== RAFT_LOG_SUFFIX) {
    throw new RangeError('not a raft log key');
  }
  return readU64(key, 11);
}

/** Log entry keys of [lo, hi) (hi omitted: every log key of the region). */
export function raftLogKeyRange(regionId: number, lo = 0, hi?: number): KeyRange {
  return {
    gte: raftLogKey(regionId, lo),
    lt:
      hi === undefined
        ? regionKey(REGION_RAFT_PREFIX, regionId, RAFT_LOG_SUFFIX + 1)
        : raftLogKey(regionId, hi),
  };
}

export function raftStateKey(regionId: number): Buffer {
  return regionKey(REGION_RAFT_PREFIX, regionId, RAFT_STATE_SUFFIX);
}

export function applyStateKey(regionId: number): Buffer {
  return regionKey(REGION_RAFT_PREFIX, regionId, APPLY_STATE_SUFFIX);
}

export function regionStateKey(regionId: number): Buffer {
  return regionKey(REGION_META_PREFIX, regionId, REGION_STATE_SUFFIX);
}

/** The kv-engine key of a user key. */
export function dataKey(userKey: Uint8Array): Buffer {
  const key = Buffer.alloc(userKey.length + 1);
  key[0] = DATA_PREFIX;
  key.set(userKey, 1);
  return key;
}

/** The user key of a kv-engine data key. */
export function userKeyOf(key: Uint8Array): Buffer {
  if (key[0] !== DATA_PREFIX) throw new RangeError('not a data key');
  return Buffer.from(key.subarray(1));
}

/** Data keys of user keys in [start, end); an empty end means "to the end of the user key space". */
export function dataKeyRange(start: Uint8Array, end: Uint8Array): KeyRange {
  return { gte: dataKey(start), lt: end.length === 0 ? Buffer.from([DATA_PREFIX + 1]) : dataKey(end) };
}
