// The lab-4 system scenario: lab 3's catch-up scenario (grader/labs/lab3/snap-system.ts: log GC and
// snapshots on, clients, a nemesis, a scripted fault) with the snapshot transport on — small chunks,
// so a snapshot is a stream of tens of frames — and per-frame faults on the network. Beside lab 3's
// checks (log bound, durability, linearizability, the core invariants: an installed snapshot's data is
// exactly the others' at its index) it follows every stream through the stores' events (TransferWatch):
//  - a stream the receiver completed holds exactly the bytes the sender's file holds (read from both
//    stores' snapshot directories the moment the receiver reports it done), so a corrupted, truncated,
//    duplicated or reordered stream is either detected (aborted) or harmless — never applied wrong;
//  - a stream that lost a data frame (cut) or had one corrupted never completes;
//  - all along, each store's snapshot directory holds a bounded number of snapshots and temporaries;
//    at the end it holds no temporary file, no half of a snapshot, and at most two snapshots.
// The counts per fault class go into the report, and into the check messages.
import type { StoreEvent } from '@target/store/api.js';
import type { TransferLimits } from '@target/store/snap-transfer.js';
import { type NetFilter, type StreamFrame, type Verdict, streamName } from '../../harness/faults.js';
import type { Rng } from '../../harness/rng.js';
import { check } from '../../harness/rule.js';
import type { Cluster } from '../../sim/cluster.js';
import type { ClusterObserver } from '../../sim/observers.js';
import type { ScenarioContext, ScenarioRun } from '../../sim/scenario.js';
import {
  type ScriptKit,
  type SnapReport,
  type SnapScenarioOptions,
  runSnapScenario,
} from '../lab3/snap-system.js';

/** The transfer limits of the system tests: chunks of 4 bytes (a snapshot is some 15–25 of them). */
export const SYSTEM_LIMITS = {
  chunkBytes: 4,
  windowBytes: 16,
  maxSends: 2,
  maxReceives: 2,
  ackTimeoutMs: 400,
  idleTimeoutMs: 400,
  reorderChunks: 8,
} as const;

export type FaultKind =
  | 'dropped'
  | 'duplicated'
  | 'acks-duplicated'
  | 'delayed'
  | 'corrupted'
  | 'cut'
  | 'stalled';

/** One stream, from its header going out to its ends on both sides. */
export interface StreamRecord {
  /** `from/stream` (a stream id may be reused by a restarted store: see seq). */
  readonly name: string;
  readonly seq: number;
  readonly from: number;
  readonly to: number;
  readonly stream: number;
  readonly index: number;
  readonly term: number;
  readonly bytes: number;
  readonly startedAt: number;
  sent?: { ok: boolean; reason?: string; at: number };
  receiveStart?: { at: number; applied: number | undefined };
  /** The receiver's applied index when it first reported the stream (accepting or refusing its header). */
  arrived?: { at: number; applied: number | undefined };
  received?: { ok: boolean; reason?: string; at: number };
  /** For a stream received ok: its file equals the sender's (undefined: the sender's file was gone). */
  verified?: boolean;
  /** Data frames (and acks) the filters did something to, by kind. */
  readonly faults: Map<FaultKind, number>;
}

/** The region of the system tests' single region. */
const REGION = 1;

const snapName = (kind: 'gen' | 'rcv', term: number, index: number): string =>
  `${kind}_${REGION}_${term}_${index}.snap`;

/**
 * Follows every snapshot stream through the stores' events, and the faults the recording filters did
 * to it. Attach the cluster (attach()) before the first stream ends, so that completed files can be
 * compared; the scenario's script does it first thing.
 */
export class TransferWatch implements ClusterObserver {
  readonly streams: StreamRecord[] = [];
  /** Violations seen in event callbacks, failed at the next check (an observer must not throw late). */
  readonly wrong: string[] = [];
  private readonly current = new Map<string, StreamRecord>();
  private cluster: Cluster | undefined;
  /** Called synchronously on each stream start (a script's trigger): act later, with sim.schedule. */
  onStart: ((r: StreamRecord) => void) | undefined;
  /** Called synchronously when a receiver accepts a header. */
  onReceiveStart: ((r: StreamRecord) => void) | undefined;

  attach(c: Cluster): void {
    this.cluster = c;
  }

  storeEvent(id: number, ev: StoreEvent): void {
    const now = this.cluster?.sim.now ?? 0;
    switch (ev.kind) {
      case 'snapshot-stream-start': {
        const name = `${id}/${ev.stream}`;
        const r: StreamRecord = {
          name,
          seq: this.streams.length + 1,
          from: id,
          to: ev.to,
          stream: ev.stream,
          index: ev.index,
          term: ev.term,
          bytes: ev.bytes,
          startedAt: now,
          faults: new Map(),
        };
        this.streams.push(r);
        this.current.set(name, r);
        this.onStart?.(r);
        return;
      }
      case 'snapshot-stream-end': {
        const r = this.current.get(`${id}/${ev.stream}`);
        if (r !== undefined && r.sent === undefined) r.sent = { ok: ev.ok, reason: ev.reason, at: now };
        return;
      }
      case 'snapshot-receive-start': {
        const r = this.current.get(`${ev.from}/${ev.stream}`);
        if (r === undefined) return;
        const applied = this.cluster?.status(id)?.applied;
        r.receiveStart = { at: now, applied };
        r.arrived ??= { at: now, applied };
        if (applied !== undefined && r.index <= applied) {
          this.wrong.push(
            `store ${id} accepted stream ${r.name} of the snapshot at ${r.index}, having applied ${applied}: ` +
              'a snapshot not newer than the applied index must be refused as stale',
          );
        }
        this.onReceiveStart?.(r);
        return;
      }
      case 'snapshot-receive-end': {
        const r = this.current.get(`${ev.from}/${ev.stream}`);
        if (r === undefined || r.received !== undefined || r.to !== id) return;
        r.received = { ok: ev.ok, reason: ev.reason, at: now };
        r.arrived ??= { at: now, applied: this.cluster?.status(id)?.applied };
        if (ev.ok) r.verified = this.sameFile(r);
        return;
      }
      default:
    }
  }

  /** Does the receiver's committed file hold exactly the sender's file? undefined: cannot tell. */
  private sameFile(r: StreamRecord): boolean | undefined {
    const c = this.cluster;
    if (c === undefined) return undefined;
    const got = c.snapshotFs(r.to)?.contents(snapName('rcv', r.term, r.index)) ?? null;
    const sent = c.snapshotFs(r.from)?.contents(snapName('gen', r.term, r.index)) ?? null;
    if (sent === null) return undefined;
    const same = got !== null && Buffer.from(got).equals(Buffer.from(sent));
    if (!same) {
      this.wrong.push(
        `stream ${r.name} (snapshot ${r.index}, ${r.bytes} bytes, faults ${showFaults(r)}) was completed by ` +
          `store ${r.to} with ${got === null ? 'no file' : `a file of ${got.length} bytes`} that differs from the sender's`,
      );
    }
    return same;
  }

  /** Marks the stream of frame f as hit by a fault of this kind. */
  hit(f: StreamFrame, kind: FaultKind): void {
    const r = this.current.get(streamName(f));
    if (r !== undefined) r.faults.set(kind, (r.faults.get(kind) ?? 0) + 1);
  }

  /** `filter` on data frames, recording each stream it hits as `kind`. */
  recording(kind: FaultKind, filter: NetFilter, parts: readonly StreamFrame['part'][] = ['data']): NetFilter {
    return {
      label: `${filter.label} on ${parts.join('+')} frames`,
      decide: (pkt, rng: Rng): Verdict | undefined => {
        const f = pkt.frame;
        if (f === undefined || !parts.includes(f.part)) return undefined;
        const v = filter.decide(pkt, rng);
        if (v !== undefined) this.hit(f, kind);
        return v;
      },
    };
  }

  /** The streams hit by `kind`. */
  hitBy(kind: FaultKind): StreamRecord[] {
    return this.streams.filter((r) => (r.faults.get(kind) ?? 0) > 0);
  }
}

export function showFaults(r: StreamRecord): string {
  const parts = [...r.faults].map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** Counts of streams by outcome, for messages. */
export interface StreamCounts {
  streams: number;
  completed: number;
  aborted: number;
  /** Sent, but neither completed nor aborted at the receiver (it crashed, or the header was lost). */
  unfinished: number;
}

export function countStreams(rs: readonly StreamRecord[]): StreamCounts {
  const completed = rs.filter((r) => r.received?.ok === true).length;
  const aborted = rs.filter((r) => r.received?.ok === false).length;
  return { streams: rs.length, completed, aborted, unfinished: rs.length - completed - aborted };
}

export const showCounts = (c: StreamCounts): string =>
  `${c.streams} streams: ${c.completed} completed, ${c.aborted} aborted, ${c.unfinished} unfinished`;

/** What a lab-4 system test gets back: lab 3's report and the streams. */
export interface TransferReport extends SnapReport {
  streams: StreamRecord[];
  /** The largest numbers of snapshot files and temporaries one store held at a check. */
  maxSnapFiles: number;
  maxTemps: number;
}

export interface TransferScenarioOptions extends Omit<SnapScenarioOptions, 'extras' | 'script'> {
  /** The filters of the test, built with the watch (so they can record what they hit). */
  filters?: (watch: TransferWatch) => NetFilter[];
  /** A scripted fault, with the watch. */
  script?: (kit: ScriptKit, watch: TransferWatch, iteration: number) => Promise<void>;
  /** Limits of this test beside SYSTEM_LIMITS. */
  limits?: Partial<TransferLimits>;
  /**
   * The test's setup, from the streams: the clients (and the script, see lagRounds) run on until it is
   * reached, for at most NEED_EXTRA_MS more (ScenarioOptions.until). Single-iteration tests only.
   */
  need?: (watch: TransferWatch) => boolean;
}

/** How much longer a test runs at most while its `need` is not reached. */
export const NEED_EXTRA_MS = 4000;

/** Snapshots one store may hold while faults run: those sent and received at once, and a spare each. */
const MAX_SNAPSHOTS = SYSTEM_LIMITS.maxSends + SYSTEM_LIMITS.maxReceives + 2;
/** Temporaries one store may hold: one per receive, and one generation. */
const MAX_TEMPS = SYSTEM_LIMITS.maxReceives + 1;

/** Runs the scenario with the snapshot transport on and its stream checks; returns its figures. */
export async function runTransferScenario(
  ctx: ScenarioContext,
  o: TransferScenarioOptions,
): Promise<TransferReport> {
  const watch = new TransferWatch();
  const peak = { files: 0, temps: 0 };
  const { filters, script, limits, need, ...rest } = o;
  let installed = false;
  const install = (run: ScenarioRun): void => {
    if (installed) return;
    installed = true;
    watch.attach(run.cluster);
    for (const f of filters?.(watch) ?? []) run.cluster.net.add(f, 'lab4');
  };
  const report = await runSnapScenario(ctx, {
    ...rest,
    until: need === undefined ? undefined : { reached: () => need(watch), extraMs: NEED_EXTRA_MS },
    script: async (kit, it) => {
      install(kit.run);
      await script?.(kit, watch, it);
    },
    extras: {
      tuning: { snapshotTransport: { ...SYSTEM_LIMITS, ...limits } },
      observers: [watch],
      whileRunning: (run) => {
        install(run);
        noWrongFile(watch);
        directoriesBounded(run.cluster, peak);
      },
      afterQuiescence: async (run) => {
        run.cluster.net.clear('lab4');
        await run.sim.runFor(500);
        noWrongFile(watch);
        directoriesClean(run.cluster);
      },
    },
  });
  noWrongFile(watch);
  return { ...report, streams: watch.streams, maxSnapFiles: peak.files, maxTemps: peak.temps };
}

/** No completed stream held a file different from the sender's. */
function noWrongFile(watch: TransferWatch): void {
  check(
    watch.wrong.length === 0,
    'a receiver accepts only newer snapshots, and completes a stream only with exactly the sender’s file',
    {
      actual: watch.wrong.slice(0, 3),
      hint:
        'the receiver refuses a header not newer than the applied index, and checks each chunk’s CRC32, ' +
        'the order of the offsets, the total size and the whole file’s CRC32 before it commits the file ' +
        'and steps the message',
    },
  );
}

/** All along: no store holds more than MAX_SNAPSHOTS snapshots or MAX_TEMPS temporaries. */
function directoriesBounded(c: Cluster, peak: { files: number; temps: number }): void {
  for (const id of c.storeIds) {
    const names = c.snapshotFs(id)?.names() ?? [];
    const snaps = names.filter((n) => n.endsWith('.snap'));
    const temps = names.filter((n) => n.endsWith('.tmp'));
    peak.files = Math.max(peak.files, snaps.length);
    peak.temps = Math.max(peak.temps, temps.length);
    check(
      snaps.length <= MAX_SNAPSHOTS && temps.length <= MAX_TEMPS,
      `store ${id}'s snapshot directory stays bounded`,
      {
        expected: `at most ${MAX_SNAPSHOTS} snapshots and ${MAX_TEMPS} temporary files`,
        actual: names,
        hint:
          'every abort removes its temporary file; GC removes received snapshots once applied and ' +
          'generated ones once the log is truncated past them',
      },
    );
  }
}

/** Snapshots one store may hold at the end: its current generated one and one received. */
const MAX_SNAPSHOTS_AT_END = 2;

/**
 * At the end (every store up and caught up, the leader compacted once more): no temporary file, every
 * snapshot with its meta record and the other way round, and at most MAX_SNAPSHOTS_AT_END snapshots.
 */
function directoriesClean(c: Cluster): void {
  for (const id of c.storeIds) {
    const names = c.snapshotFs(id)?.names() ?? [];
    const has = new Set(names);
    const snaps = names.filter((n) => n.endsWith('.snap'));
    const wrong = names.filter(
      (n) =>
        n.endsWith('.tmp') ||
        (n.endsWith('.snap') && !has.has(`${n}.meta`)) ||
        (n.endsWith('.meta') && !has.has(n.slice(0, -'.meta'.length))),
    );
    check(
      wrong.length === 0 && snaps.length <= MAX_SNAPSHOTS_AT_END,
      `store ${id}'s snapshot directory is clean and small at the end`,
      {
        expected: `no *.tmp, every snapshot with its meta, at most ${MAX_SNAPSHOTS_AT_END} snapshots`,
        actual: names,
        hint:
          'an abort removes its temporary file and open() the leftovers of a crash; after an install and ' +
          'after CompactLog, manager.gc(truncated, applied) removes the snapshots passed',
      },
    );
  }
}
