// The demos' common machinery (`raftlab demo …`): a demo is a small canned, seeded scenario a student
// watches in the trace viewer. It drives a simulated cluster phase by phase, tells its story in `note`
// events, and follows the chain it shows through what the stores do (a StepWatch over their events, the
// messages they send and their status). When a step never happens (code not written yet, or wrong), the
// demo fails naming the first step of the chain it did not see. Knows no lab: each lab's demo
// (lab2/demo-log-gc.ts, lab3/demo-snapshot.ts, lab4/demo-stream.ts) gives it its own steps.
import type { storepb } from '@target/proto/pb.js';
import type { StoreEvent } from '@target/store/api.js';
import type { Rng } from '../../harness/rng.js';
import { check } from '../../harness/rule.js';
import { SimClient } from '../../sim/client.js';
import type { Cluster } from '../../sim/cluster.js';
import type { History } from '../../sim/history.js';
import type { ClusterObserver } from '../../sim/observers.js';
import type { Sim } from '../../sim/sim.js';
import type { StoreStatusView } from '../../sim/types.js';

/** One thing a store did, as a step's matcher sees it. */
export type Signal =
  | { kind: 'event'; id: number; ev: StoreEvent }
  | { kind: 'send'; id: number; msg: storepb.RaftMessage }
  | { kind: 'status'; id: number; st: StoreStatusView };

/** One step of the chain a demo shows. */
export interface Step {
  key: string;
  /** The failure when it is not seen, without the time: "the leader never sent a MsgSnapshot to store 3". */
  never: string;
  /** Where to look in the kit (file and function), for the hint. */
  where: string;
  /** Whether this signal shows the step; `saw` tells which steps were seen before it. */
  match: (s: Signal, saw: (key: string) => boolean) => boolean;
}

/** Watches the stores for the steps of one chain, from the moment it is armed (watch()). */
export class StepWatch implements ClusterObserver {
  private steps: readonly Step[] = [];
  private readonly seen = new Map<string, number>();
  private readonly saw = (key: string): boolean => this.seen.has(key);
  /**
   * Told of each step the moment it is first seen, synchronously from the store's work: a demo that acts
   * on it (heals a partition…) must do so later, through sim.schedule.
   */
  onSeen: ((key: string) => void) | undefined;

  constructor(private readonly sim: Sim) {}

  /** Looks for these steps from now on (forgetting any earlier chain). */
  watch(steps: readonly Step[]): void {
    this.steps = steps;
    this.seen.clear();
  }

  /** The virtual time step `key` was first seen at, if it was. */
  seenAt(key: string): number | undefined {
    return this.seen.get(key);
  }

  /** The first step of the chain not seen yet (undefined: all were). */
  firstMissing(): Step | undefined {
    return this.steps.find((s) => !this.seen.has(s.key));
  }

  /** The steps seen, in chain order, with their times (for a failure's `actual`). */
  seenList(): string {
    const seen = this.steps.filter((s) => this.seen.has(s.key));
    return seen.length === 0 ? 'none' : seen.map((s) => `${s.key} (t=${this.seen.get(s.key)})`).join(', ');
  }

  storeEvent(id: number, ev: StoreEvent): void {
    this.offer({ kind: 'event', id, ev });
  }

  sending(id: number, msg: storepb.RaftMessage): void {
    this.offer({ kind: 'send', id, msg });
  }

  status(id: number, _incarnation: number, st: StoreStatusView): void {
    this.offer({ kind: 'status', id, st });
  }

  private offer(s: Signal): void {
    for (const step of this.steps) {
      if (this.seen.has(step.key) || !step.match(s, this.saw)) continue;
      this.seen.set(step.key, this.sim.now);
      this.onSeen?.(step.key);
    }
  }
}

/** Records what the demo does now, so that the page reads like a story. */
export function note(sim: Sim, what: string): void {
  sim.record('sim', 'note', { what });
}

/**
 * Runs the simulation, stepMs at a time (default a tick), until cond() holds; false if budgetMs passed
 * first.
 */
export async function runUntilTrue(
  c: Cluster,
  cond: () => boolean,
  budgetMs: number,
  stepMs = c.tuning.tickMs,
): Promise<boolean> {
  const deadline = c.sim.now + budgetMs;
  while (!cond()) {
    if (c.sim.now >= deadline) return false;
    await c.sim.runFor(stepMs);
  }
  return true;
}

/**
 * Runs until every step of the watch's chain was seen (within budgetMs); fails otherwise, naming the
 * first step not seen. `since` says what the budget counts from ("of the heal").
 */
export async function expectChain(
  c: Cluster,
  watch: StepWatch,
  budgetMs: number,
  since: string,
): Promise<void> {
  // a millisecond at a time, so that the demo's next note follows the chain's last step closely
  await runUntilTrue(c, () => watch.firstMissing() === undefined, budgetMs, 1);
  const missing = watch.firstMissing();
  check(missing === undefined, `${missing?.never} within ${budgetMs} ms ${since}`, {
    expected: 'every step of the chain, in the trace',
    actual: `steps seen: ${watch.seenList()}`,
    hint: `look at ${missing?.where}`,
  });
}

/** Demo clients writing keys `${prefix}0`, `${prefix}1`… (each client its share, one write at a time). */
export class DemoWriters {
  private readonly clients: SimClient[];
  /** Keys written so far (or being written). */
  written = 0;

  constructor(
    private readonly c: Cluster,
    history: History,
    rng: Rng,
    clients: number,
  ) {
    this.clients = Array.from(
      { length: clients },
      (_, i) => new SimClient(i + 1, c, history, rng.fork(`writer${i + 1}`)),
    );
  }

  /**
   * Writes up to n more keys, the clients side by side (each takes the next key), each stopping before
   * its next write once stop() holds; every write must succeed. Returns how many were written.
   */
  async write(n: number, prefix: string, stop: () => boolean = () => false): Promise<number> {
    const before = this.written;
    const end = before + n;
    const runs = this.clients.map(async (client) => {
      while (this.written < end && !stop()) {
        const i = this.written++;
        const r = await client.put(`${prefix}${i}`, `v${i}`);
        check(r.status === 'ok', `the demo's write of ${prefix}${i} must succeed`, {
          expected: 'ok',
          actual: r.status === 'ok' ? 'ok' : `${r.status}: ${r.why}`,
          hint: 'a cluster with a leader and a majority up serves every write',
        });
      }
    });
    await this.c.sim.runUntil(Promise.all(runs), 10_000, `writing ${n} keys`);
    return this.written - before;
  }
}
