// LogGcWorker: the background deleter of compacted raft-log entries (lab 2c, after TinyKV's raftlog-gc
// runner), a BackgroundWorker (worker.ts). Applying a CompactLog moves the truncated state in the kv
// engine and schedules a task here; the task runs later, through runtime.spawn, and deletes the
// raft-log keys the log no longer needs. A task is handed to the runtime only once the apply batch that
// moved the truncated state has landed (Peer.handleReady calls flush() after applying). Tasks may still
// run late, twice or out of order: a task never deletes a key at or past the durable first index, and
// each deletes only what no earlier task of this incarnation deleted. After a restart nothing is known
// of earlier tasks: the first task starts from the lowest log key there is, which also cleans up what a
// crash left behind. A snapshot install (lab 3) deletes the whole log itself and moves the position to
// the new first index (resetTo).
import type { Runtime } from '../runtime/runtime.js';
import type { StoreEvent } from './api.js';
import type { Engine } from './engine.js';
import { raftLogKeyRange } from './keys.js';
import { BackgroundWorker } from './worker.js';

// BEGIN helpers: your own functions, constants and imports of the kit's modules (see docs/grading.md)
// END helpers

/** Delete the raft-log keys of a region below endIndex (the new first index: truncated index + 1). */
export interface LogGcTask {
  regionId: number;
  endIndex: number;
}

export interface LogGcWorkerOptions {
  storeId: number;
  regionId: number;
  /** The raft engine (fenced: a stopped store's tasks cannot touch it). */
  raftEngine: Engine;
  runtime: Runtime;
  /** The durable first index: truncated index + 1 as the kv engine holds it (PeerStorage.firstIndex). */
  firstIndex: () => number;
  emit: (e: StoreEvent) => void;
}

export class LogGcWorker {
  /**
   * Every log key below this index has been deleted by a task of this incarnation; 0 until the first
   * task runs (then it starts from the lowest key there is).
   */
  private lastCompacted = 0;
  private readonly tasks: BackgroundWorker<LogGcTask, number>;

  constructor(private readonly o: LogGcWorkerOptions) {
    this.tasks = new BackgroundWorker({
      name: 'raftlog-gc',
      runtime: o.runtime,
      run: (task) => this.run(task),
      done: (task, deleted) =>
        o.emit({ kind: 'log-gc', storeId: o.storeId, endIndex: task.endIndex, deleted }),
    });
  }

  /**
   * Called when a CompactLog moved the truncated state to truncatedIndex: deletes below it, later —
   * once flush() says that the apply batch carrying the new truncated state has landed.
   */
  schedule(truncatedIndex: number): void {
    this.tasks.schedule({ regionId: this.o.regionId, endIndex: truncatedIndex + 1 });
  }

  /**
   * A snapshot install (lab 3) deleted every raft-log key of the region: the log now starts at
   * firstIndex, and later tasks delete from there on.
   */
  resetTo(firstIndex: number): void {
    this.lastCompacted = firstIndex;
  }

  /** The committed entries of a Ready are applied and written: hand the scheduled tasks to the runtime. */
  flush(): void {
    this.tasks.flush();
  }

  /**
   * Runs one task: deletes the raft-log keys in [lastCompacted, min(task.endIndex, durable first index))
   * in one batch and returns how many it deleted (0 for a late or repeated task).
   */
  async run(task: LogGcTask): Promise<number> {
    // BEGIN lab2c: end = min(task.endIndex, this.o.firstIndex()), never past the durable first index; nothing to do if end <= lastCompacted (a late or repeated task); else set lastCompacted = end (before awaiting) and deleteRange the raft-log keys [old lastCompacted, end) (raftLogKeyRange)
    // brief: Delete the log keys below the compaction point, never past what is durably compacted; a late or
    // brief: repeated task deletes nothing; claim the range before waiting on the engine, so the next task
    // brief: starts where this one ends.
    const end = Math.min(task.endIndex, this.o.firstIndex());
    const start = this.lastCompacted;
    if (end <= start) return 0;
    this.lastCompacted = end;
    return this.o.raftEngine.deleteRange(raftLogKeyRange(task.regionId, start, end));
    // END lab2c
  }
}
