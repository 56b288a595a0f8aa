// What a snapshot's data field carries (lab 3): a storepb.SnapshotData — the region and every user
// key/value of it at the snapshot's index (keys without the data prefix, in key order) — with a CRC32
// (IEEE, zlib.crc32) of its encoded kvs field. The generation task builds it (PeerStorage's lab-3b
// region); installing a snapshot (lab 3c) reads it back through decodeSnapshotData, which refuses data
// that does not decode or whose checksum does not match.
import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import { storepb } from '../proto/pb.js';
import type { KeyValue } from './engine.js';
import { CorruptSnapshotError } from './errors.js';
import { type Region, regionFromProto } from './meta.js';

/** A snapshot's data, decoded and checked. */
export interface SnapshotData {
  region: Region;
  /** User keys (no data prefix) and their values, in key order. */
  kvs: KeyValue[];
}

/**
 * Decodes a snapshot's data and checks its CRC32, without copying its pairs (for a check or a count);
 * throws CorruptSnapshotError when either fails.
 */
export function checkSnapshotData(bytes: Uint8Array): storepb.SnapshotData {
  let d: storepb.SnapshotData;
  try {
    d = storepb.SnapshotData.decode(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CorruptSnapshotError(`snapshot data does not decode: ${why}`, { cause: err });
  }
  const crc = crc32(storepb.SnapshotData.encode({ kvs: d.kvs }).finish());
  if (crc !== d.crc32) {
    throw new CorruptSnapshotError(
      `snapshot data fails its checksum: crc32 of the encoded kvs is ${crc}, the data says ${d.crc32}`,
    );
  }
  return d;
}

/** Decodes a snapshot's data and checks its CRC32; throws CorruptSnapshotError when either fails. */
export function decodeSnapshotData(bytes: Uint8Array): SnapshotData {
  const d = checkSnapshotData(bytes);
  return {
    region: regionFromProto(d.region),
    kvs: d.kvs.map((kv) => ({
      key: Buffer.from(kv.key ?? new Uint8Array(0)),
      value: Buffer.from(kv.value ?? new Uint8Array(0)),
    })),
  };
}
