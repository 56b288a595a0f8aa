// SnapManager (lab 4, framework): a store's snapshot files over one SnapFs. A snapshot is a data file
// named by (kind, region, term, index) — `gen_…` for one this store generated, `rcv_…` for one it
// received — with a meta record beside it (`<file>.meta`: storepb.SnapshotFileMeta, its size and
// whole-file CRC32). Temporaries end in `.tmp`. A final file is complete when its meta exists and
// names its size: the data is synced before the meta is written, the meta is renamed into place before
// the data, so a crash at any point leaves either a complete snapshot or pieces that open() removes.
// A registry records which snapshot is being generated, sent, received or applied; GC never deletes a
// file in use.
import { crc32 } from 'node:zlib';
import { storepb } from '../proto/pb.js';
import type { StoreEvent } from './api.js';
import { CorruptSnapshotError, SnapFileMissingError } from './errors.js';
import type { SnapFileReader, SnapFileWriter, SnapFs } from './snap-fs.js';

export type SnapKind = 'gen' | 'rcv';
export interface SnapKey {
  kind: SnapKind;
  regionId: number;
  term: number;
  index: number;
}
export type SnapUse = 'generating' | 'sending' | 'receiving' | 'applying';
export interface SnapFileInfo {
  size: number;
  crc32: number;
}

const SNAP_NAME = /^(gen|rcv)_(\d+)_(\d+)_(\d+)\.snap$/;
const META = '.meta';
const TMP = '.tmp';

/** The final data file of a snapshot: `${kind}_${regionId}_${term}_${index}.snap`. */
export function snapFileName(key: SnapKey): string {
  return `${key.kind}_${key.regionId}_${key.term}_${key.index}.snap`;
}

/** The key of a final data file's name, or null when the name is not one. */
export function parseSnapFileName(name: string): SnapKey | null {
  const m = SNAP_NAME.exec(name);
  if (!m) return null;
  return { kind: m[1] as SnapKind, regionId: Number(m[2]), term: Number(m[3]), index: Number(m[4]) };
}

function encodeMeta(info: SnapFileInfo): Uint8Array {
  return storepb.SnapshotFileMeta.encode({ size: info.size, crc32: info.crc32 }).finish();
}

function decodeMeta(bytes: Uint8Array): SnapFileInfo | null {
  try {
    const m = storepb.SnapshotFileMeta.decode(bytes);
    return { size: Number(m.size), crc32: m.crc32 >>> 0 };
  } catch {
    return null;
  }
}

export class SnapManager {
  private readonly fs: SnapFs;
  private readonly storeId: number;
  private readonly emit: (e: StoreEvent) => void;
  /** Final file name → its current uses (a use may appear more than once). */
  private readonly inUse = new Map<string, SnapUse[]>();

  constructor(fs: SnapFs, o: { storeId: number; emit?: (e: StoreEvent) => void }) {
    this.fs = fs;
    this.storeId = o.storeId;
    this.emit = o.emit ?? (() => {});
  }

  /** Start-up cleanup: removes every *.tmp, every .snap without its .meta, every .meta without its .snap. Returns removed names. Call it before any other use (it knows no uses). */
  async open(): Promise<string[]> {
    const names = await this.fs.list();
    const present = new Set(names);
    const doomed = names.filter((n) => {
      if (n.endsWith(TMP)) return true;
      const data = n.endsWith(META) ? n.slice(0, -META.length) : '';
      if (SNAP_NAME.test(data)) return !present.has(data);
      if (SNAP_NAME.test(n)) return !present.has(n + META);
      return false;
    });
    for (const n of doomed) await this.fs.remove(n);
    this.report('open', doomed);
    return doomed;
  }

  /** Marks the key in use; returns an idempotent release. A file in use is never deleted (gc skips it). */
  acquire(key: SnapKey, use: SnapUse): () => void {
    const name = snapFileName(key);
    const list = this.inUse.get(name) ?? [];
    list.push(use);
    this.inUse.set(name, list);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const cur = this.inUse.get(name) ?? [];
      cur.splice(cur.indexOf(use), 1);
      if (cur.length === 0) this.inUse.delete(name);
    };
  }

  uses(key: SnapKey): SnapUse[] {
    return [...(this.inUse.get(snapFileName(key)) ?? [])];
  }

  /** Writes a complete snapshot: data to tmp, sync, meta tmp, sync, rename meta, rename data. */
  async writeSnapshot(key: SnapKey, bytes: Uint8Array): Promise<SnapFileInfo> {
    const final = snapFileName(key);
    const tmp = final + TMP;
    const info = { size: bytes.length, crc32: crc32(bytes) >>> 0 };
    try {
      await writeAll(await this.fs.create(tmp), bytes);
      await this.installMeta(final, `${final}${META}${TMP}`, info);
      await this.fs.rename(tmp, final);
    } catch (err) {
      await this.removeQuietly(tmp);
      throw err;
    }
    return info;
  }

  /** The meta of a complete snapshot file, or null when there is none (or it is incomplete). */
  async info(key: SnapKey): Promise<SnapFileInfo | null> {
    const final = snapFileName(key);
    const meta = await this.readMeta(final + META);
    if (!meta) return null;
    const size = await this.fs.size(final);
    return size === meta.size ? meta : null;
  }

  /** A reader of the key's data file; SnapFileMissingError when there is none. */
  openReader(key: SnapKey): Promise<SnapFileReader> {
    return this.fs.open(snapFileName(key));
  }

  /**
   * The whole data of a complete snapshot, checked against its meta (for installing):
   * SnapFileMissingError when it is missing or incomplete, CorruptSnapshotError when it fails its meta.
   */
  async readAll(key: SnapKey): Promise<Uint8Array> {
    const final = snapFileName(key);
    const info = await this.info(key);
    if (!info) throw new SnapFileMissingError(final);
    const bytes = await readFile(this.fs, final);
    const crc = crc32(bytes) >>> 0;
    if (bytes.length !== info.size || crc !== info.crc32) {
      throw new CorruptSnapshotError(
        `snapshot file ${final}: ${bytes.length} bytes crc32 ${crc}, its meta says ${info.size} bytes crc32 ${info.crc32}`,
      );
    }
    return bytes;
  }

  /** A fresh temporary file for receiving key (name unique per tag, a plain word: `<final>.<tag>.tmp`). */
  async createTemp(key: SnapKey, tag: string): Promise<{ name: string; writer: SnapFileWriter }> {
    const name = `${snapFileName(key)}.${tag}${TMP}`;
    return { name, writer: await this.fs.create(name) };
  }

  /** Makes a received temp file the final file of key: writes the meta (tmp, sync, rename), then renames the data tmp into place. The caller synced the data first. */
  async commitTemp(tmpName: string, key: SnapKey, info: SnapFileInfo): Promise<void> {
    const size = await this.fs.size(tmpName);
    if (size === null) throw new SnapFileMissingError(tmpName);
    const final = snapFileName(key);
    if (size !== info.size) {
      throw new CorruptSnapshotError(
        `snapshot temp ${tmpName}: ${size} bytes, committed as ${info.size} for ${final}`,
      );
    }
    await this.installMeta(final, `${tmpName.slice(0, -TMP.length)}${META}${TMP}`, info);
    await this.fs.rename(tmpName, final);
  }

  removeTemp(tmpName: string): Promise<void> {
    return this.fs.remove(tmpName);
  }

  /** GC: deletes (data+meta) of every snapshot not in use whose kind is gen and index < truncatedIndex, or kind rcv and index <= appliedIndex. Returns removed names. */
  async gc(truncatedIndex: number, appliedIndex: number): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await this.fs.list()) {
      const key = parseSnapFileName(name);
      if (!key || this.inUse.has(name)) continue;
      const passed = key.kind === 'gen' ? key.index < truncatedIndex : key.index <= appliedIndex;
      if (!passed) continue;
      // Data first: a crash in between leaves an orphan meta, which open() removes.
      await this.fs.remove(name);
      await this.fs.remove(name + META);
      removed.push(name, name + META);
    }
    this.report('gc', removed);
    return removed;
  }

  /** Every file name in the snapshot directory, sorted. */
  files(): Promise<string[]> {
    return this.fs.list();
  }

  /**
   * Puts the meta of `final` in place through `metaTmp` (create, write, sync, close, rename). A final
   * data file already there (the same snapshot written again) is removed first, so that a meta and a
   * data file side by side always belong together.
   */
  private async installMeta(final: string, metaTmp: string, info: SnapFileInfo): Promise<void> {
    try {
      await writeAll(await this.fs.create(metaTmp), encodeMeta(info));
      if ((await this.fs.size(final)) !== null) await this.fs.remove(final);
      await this.fs.rename(metaTmp, final + META);
    } catch (err) {
      await this.removeQuietly(metaTmp);
      throw err;
    }
  }

  /** After a failed write: removes a temporary, best effort (open() removes what is left at start-up). */
  private async removeQuietly(name: string): Promise<void> {
    try {
      await this.fs.remove(name);
    } catch {
      // the first error is the one to report; a stopped store's fence also lands here
    }
  }

  private async readMeta(name: string): Promise<SnapFileInfo | null> {
    try {
      return decodeMeta(await readFile(this.fs, name));
    } catch (err) {
      if (err instanceof SnapFileMissingError) return null;
      throw err;
    }
  }

  private report(why: 'open' | 'gc', names: string[]): void {
    if (names.length > 0) this.emit({ kind: 'snapshot-files-removed', storeId: this.storeId, why, names });
  }
}

/** Writes bytes, syncs and closes (closing also when a step fails). */
async function writeAll(w: SnapFileWriter, bytes: Uint8Array): Promise<void> {
  try {
    await w.write(bytes);
    await w.sync();
  } finally {
    await w.close();
  }
}

/** The whole content of a file. */
async function readFile(fs: SnapFs, name: string): Promise<Uint8Array> {
  const r = await fs.open(name);
  try {
    return await r.read(0, r.size);
  } finally {
    await r.close();
  }
}
