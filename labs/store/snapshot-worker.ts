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
// the runtime as it is.
import { LabTodo } from '../labtodo.js';
import type { Runtime } from '../runtime/runtime.js';
import type { StoreEvent } from './api.js';
import type { Engine } from './engine.js';
import { SnapshotInFlightError, StoreStoppedError } from './errors.js';
import type { Fence } from './fence.js';
import type { GenerationResult, SnapshotRequester, SnapshotTarget } from './peer-storage.js';
import { checkSnapshotData } from './snapshot-data.js';
import { BackgroundWorker } from './worker.js';

export interface SnapshotWorkerOptions {
  storeId: number;
  /** The kv engine (fenced: a stopped store's task cannot read it). */
  kvEngine: Engine;
  runtime: Runtime;
  fence: Fence;
  emit: (e: StoreEvent) => void;
}

/** A generation's result, and the number of user keys in the snapshot (for the trace). */
interface Generated {
  result: GenerationResult;
  keys: number;
}

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

  /**
   * One generation: one read view, the body over it, the view released whatever happens. A snapshot
   * whose data does not decode or fails its checksum is a failed generation (never sent).
   */
  private async generate(target: SnapshotTarget): Promise<Generated> {
    const view = this.o.kvEngine.snapshot();
    try {
      const snapshot = await target.generateSnapshot(view);
      const keys = checkSnapshotData(snapshot.data).kvs.length;
      return { result: { ok: true, snapshot }, keys };
    } catch (err) {
      if (err instanceof StoreStoppedError || err instanceof LabTodo) throw err;
      return { result: { ok: false, cause: err }, keys: 0 };
    } finally {
      view.release();
    }
  }

  private finish(target: SnapshotTarget, { result, keys }: Generated): void {
    this.o.fence.check();
    this.generating = false;
    const storeId = this.o.storeId;
    if (result.ok) {
      const { index, term } = result.snapshot.metadata;
      const bytes = result.snapshot.data.length;
      this.o.emit({ kind: 'snapshot-generated', storeId, index, term, keys, bytes });
    } else {
      const c = result.cause;
      const reason = c instanceof Error ? `${c.name}: ${c.message}` : String(c);
      this.o.emit({ kind: 'snapshot-failed', storeId, reason });
    }
    target.snapshotGenerated(result);
  }
}
