// The simulator's event queue: a binary min-heap of scheduled callbacks ordered by (virtual time,
// sequence number). The sequence number breaks ties deterministically: events due at the same
// virtual millisecond run in the order they were scheduled.

/** One scheduled callback. `owner` is the store it acts on (0: none), used for status polling. */
export interface SimEvent {
  readonly time: number;
  readonly seq: number;
  readonly owner: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private nextSeq = 0;
  private live = 0;

  /** Number of scheduled, not cancelled events. */
  get size(): number {
    return this.live;
  }

  push(time: number, owner: number, fn: () => void): SimEvent {
    const ev: SimEvent = { time, seq: this.nextSeq++, owner, fn, cancelled: false };
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(ev, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = ev;
    this.live++;
    return ev;
  }

  cancel(ev: SimEvent): void {
    if (ev.cancelled) return;
    ev.cancelled = true;
    this.live--;
  }

  /** The earliest live event, without removing it. */
  peek(): SimEvent | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live event. */
  pop(): SimEvent | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.live--;
    return top;
  }

  /** Cancels everything (used when a simulation is disposed). */
  clear(): void {
    for (const ev of this.heap) ev.cancelled = true;
    this.heap.length = 0;
    this.live = 0;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
