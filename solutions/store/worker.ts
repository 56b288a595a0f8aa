// BackgroundWorker: how the store runs work in the background (after TinyKV's workers: raftlog-gc, and
// the region worker that generates snapshots in lab 3). The Ready loop schedules a task while it applies
// an entry; flush() hands the scheduled tasks to the runtime (runtime.spawn) once the apply batch that
// scheduled them has landed, so a task never runs ahead of the state it was scheduled for. The runtime
// runs them when it chooses: late, out of order. A task of a stopped (crashed) store ends quietly on its
// StoreStoppedError; any other error goes to the runtime. LogGcWorker (lab 2) is built on it.
import type { Runtime } from '../runtime/runtime.js';
import { StoreStoppedError } from './errors.js';

export interface BackgroundWorkerOptions<Task, Result> {
  /** The name of every spawned task (in the runtime's trace). */
  name: string;
  runtime: Runtime;
  /** Does one task, in the background. */
  run: (task: Task) => Promise<Result>;
  /** Called with what a task returned, when it completed. */
  done?: (task: Task, result: Result) => void;
}

export class BackgroundWorker<Task, Result> {
  /** Tasks scheduled by entries whose apply batch has not been written yet. */
  private pending: Task[] = [];

  constructor(private readonly o: BackgroundWorkerOptions<Task, Result>) {}

  /** Queues a task; it is handed to the runtime by the next flush(). */
  schedule(task: Task): void {
    this.pending.push(task);
  }

  /** The apply batch of the scheduled tasks has landed: hands them to the runtime, in order. */
  flush(): void {
    const tasks = this.pending;
    this.pending = [];
    for (const task of tasks) this.spawn(task);
  }

  private spawn(task: Task): void {
    this.o.runtime.spawn(this.o.name, async () => {
      try {
        const result = await this.o.run(task);
        this.o.done?.(task, result);
      } catch (err) {
        // A task of a stopped (crashed) store ends quietly; the next incarnation picks up.
        if (!(err instanceof StoreStoppedError)) throw err;
      }
    });
  }
}
