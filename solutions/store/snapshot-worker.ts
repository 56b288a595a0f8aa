// SnapshotWorker: generates snapshots in the background (lab 3b, after TinyKV's region worker / TiKV's
// snap-gen worker), a BackgroundWorker (worker.ts) whose tasks are spawned as 'snapshot-gen'. It is
// PeerStorage's SnapshotRequester: PeerStorage.snapshot() asks for a generation; the task takes ONE read
// view of the kv engine (the engine as of one instant), runs the generation body
// (PeerStorage.generateSnapshot) over it, releases it, and hands the snapshot — or the error that failed
// it — back to PeerStorage, whose next snapshot() returns it (or asks again); data that does not decode
// or fails its checksum counts as a failure. Every step is a StoreEvent ('snapshot-requested',
// 'snapshot-generated', 'snapshot-failed'). At most one generation at a time: a second request while one
// runs is a bug of the caller (SnapshotInFlightError). A crashed store's task ends quietly (its fenced
// engines and view throw StoreStoppedError); a stub (LabTodo) is not a generation failure and reaches
// the runtime as it is. With lab 4 on (a SnapManager given), the data goes to a `gen` snapshot file and
// PeerStorage gets the snapshot with empty data: a MsgSnapshot then carries only the metadata, and the
// SnapSender streams the file; a file that cannot be written is a failed generation.
import { LabTodo } from '../labtodo.js';
import type { Runtime } from '../runtime/runtime.js';
import type { StoreEvent } from './api.js';
import type { Engine } from './engine.js';
import { SnapshotInFlightError, StoreStoppedError } from './errors.js';
import type { Fence } from './fence.js';
import type { GenerationResult, SnapshotRequester, SnapshotTarget } from './peer-storage.js';
import type { SnapManager } from './snap-manager.js';
import { snapKeyOf } from './snap-transfer.js';
import { checkSnapshotData } from './snapshot-data.js';
import { BackgroundWorker } from './worker.js';

export interface SnapshotWorkerOptions {
  storeId: number;
  /** The kv engine (fenced: a stopped store's task cannot read it). */
  kvEngine: Engine;
  runtime: Runtime;
  fence: Fence;
  emit: (e: StoreEvent) => void;
  /** Lab 4: where generated snapshots are written (null or absent: lab 4 is off). */
  files?: SnapManager | null;
}

/** A generation's result, and the user keys and bytes of the snapshot's data (for the trace). */
interface Generated {
  result: GenerationResult;
  keys: number;
  bytes: number;
}

const EMPTY = new Uint8Array(0);

export class SnapshotWorker implements SnapshotRequester {
  private generating = false;
  private readonly tasks: BackgroundWorker<SnapshotTarget, Generated>;

  constructor(private readonly o: SnapshotWorkerOptions) {
    this.tasks = new BackgroundWorker({
      name: 'snapshot-gen',
      runtime: o.runtime,
      run: (target) => this.generate(target),
      done: (target, generated) => this.finish(target, generated),
    });
  }

  requestSnapshot(target: SnapshotTarget): void {
    if (this.generating) throw new SnapshotInFlightError(target.regionId);
    this.generating = true;
    this.o.emit({ kind: 'snapshot-requested', storeId: this.o.storeId, regionId: target.regionId });
    this.tasks.schedule(target);
    this.tasks.flush();
  }

  /** One generation, and with lab 4 on the file of its data. */
  private async generate(target: SnapshotTarget): Promise<Generated> {
    const generated = await this.generateInView(target);
    const files = this.o.files;
    if (files == null || !generated.result.ok) return generated;
    return this.writeFile(files, target.regionId, generated);
  }

  /**
   * One read view, the body over it, the view released whatever happens. A snapshot whose data does
   * not decode or fails its checksum is a failed generation (never sent).
   */
  private async generateInView(target: SnapshotTarget): Promise<Generated> {
    const view = this.o.kvEngine.snapshot();
    try {
      const snapshot = await target.generateSnapshot(view);
      const keys = checkSnapshotData(snapshot.data).kvs.length;
      return { result: { ok: true, snapshot }, keys, bytes: snapshot.data.length };
    } catch (err) {
      if (err instanceof StoreStoppedError || err instanceof LabTodo) throw err;
      return { result: { ok: false, cause: err }, keys: 0, bytes: 0 };
    } finally {
      view.release();
    }
  }

  /**
   * Lab 4: writes a generated snapshot's data as the `gen` file of its (region, term, index), marked
   * 'generating' meanwhile; PeerStorage gets the snapshot with empty data. A failed write fails the
   * generation.
   */
  private async writeFile(files: SnapManager, regionId: number, generated: Generated): Promise<Generated> {
    if (!generated.result.ok) return generated;
    const { metadata, data } = generated.result.snapshot;
    const key = snapKeyOf('gen', regionId, metadata);
    const release = files.acquire(key, 'generating');
    try {
      await files.writeSnapshot(key, data);
    } catch (err) {
      if (err instanceof StoreStoppedError) throw err;
      return { result: { ok: false, cause: err }, keys: 0, bytes: 0 };
    } finally {
      release();
    }
    return { ...generated, result: { ok: true, snapshot: { metadata, data: EMPTY } } };
  }

  private finish(target: SnapshotTarget, { result, keys, bytes }: Generated): void {
    this.o.fence.check();
    this.generating = false;
    const storeId = this.o.storeId;
    if (result.ok) {
      const { index, term } = result.snapshot.metadata;
      this.o.emit({ kind: 'snapshot-generated', storeId, index, term, keys, bytes });
    } else {
      const c = result.cause;
      const reason = c instanceof Error ? `${c.name}: ${c.message}` : String(c);
      this.o.emit({ kind: 'snapshot-failed', storeId, reason });
    }
    target.snapshotGenerated(result);
  }
}
