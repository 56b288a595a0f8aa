// Lab 4 system tests: lab 3's catch-up scenarios (a follower left behind the leader's first index is
// caught up by a snapshot) with the snapshot transport on, so every snapshot travels as a stream of
// small chunks that the network attacks frame by frame: drops, duplicates, reordering, delays,
// corruption (bit flips), streams cut short and stalled, the sender or the receiver crashing
// mid-stream, the leader changing mid-transfer, two streams to one follower at once, and a stream
// arriving after a newer snapshot was installed. Each checks lab 3's invariants, durability and
// linearizability, that no stream is ever completed with a file other than the sender's
// (transfer-system.ts), the class's own rule (a cut or corrupted stream never completes; a stream only
// duplicated or reordered still does), and its setup: streams were sent and the fault hit them. A fault
// is random per frame, so a test states its setup (`need`) and the run goes on until it is reached, for
// at most NEED_EXTRA_MS more, rather than hoping a fixed duration suffices.
//
// Every test is part lab4b: it needs the whole chain, the sender (lab4a) and the receiver (lab4b).
import {
  delayFilter,
  dropFilter,
  duplicateFilter,
  corruptFilter,
  reorderFilter,
  streamTailFilter,
} from '../../harness/faults.js';
import { check, seededRule } from '../../harness/rule.js';
import { CATCH_UP_BUDGET_MS, LEADER_BUDGET_MS } from '../../sim/scenario.js';
import { type ScriptKit, caughtUp, leaderCompactedPast, until } from '../lab3/snap-system.js';
import {
  SYSTEM_LIMITS,
  type StreamRecord,
  type TransferReport,
  type TransferScenarioOptions,
  type TransferWatch,
  NEED_EXTRA_MS,
  countStreams,
  runTransferScenario,
  showCounts,
  showFaults,
} from './transfer-system.js';

const SYSTEM = { part: 'lab4b', tags: ['system'], timeoutMs: 25_000 };
const BASE = { stores: 3, clients: 3, runMs: 4000 };
/** Lab 3's log bound while snapshots are held up (see SnapScenarioOptions.allAlongFactor). */
const FAULTY = 4;

/** The setup streamed() checks: at least `completed` streams completed, one compared with the sender's file. */
function hasStreamed(w: TransferWatch, completed = 1): boolean {
  return countStreams(w.streams).completed >= completed && w.streams.some((s) => s.verified === true);
}

/** Setup: snapshot streams were sent, and at least `completed` completed. */
function streamed(r: TransferReport, completed = 1): void {
  const c = countStreams(r.streams);
  check(c.streams > 0, 'setup: no snapshot stream was started', {
    expected: 'at least one snapshot-stream-start',
    actual: `${r.snapshotInstalls} installs, ${c.streams} streams`,
    hint: 'a follower behind the first index gets a MsgSnapshot: with the transport on it goes to SnapSender.send',
  });
  check(c.completed >= completed && r.snapshotInstalls > 0, 'a follower is caught up by a snapshot stream', {
    expected: `at least ${completed} stream(s) completed and installed`,
    actual: `${showCounts(c)}; ${r.snapshotInstalls} installs`,
  });
  const verified = r.streams.filter((s) => s.verified === true).length;
  check(verified > 0, 'setup: a completed stream is compared with the sender’s file', {
    actual: `${verified} of ${c.completed} completed streams compared`,
  });
}

/** How long a lag round waits at most for the healed follower to catch up. */
const HEAL_MS = 1500;

/**
 * Again and again over about runMs: one follower cut off until the leader compacted past it (at most
 * 1.5 s), then healed until it caught up (at most HEAL_MS): each round needs a snapshot. While `need`
 * (the test's setup, see TransferScenarioOptions.need) is not reached, rounds go on for up to
 * NEED_EXTRA_MS more, as the clients do.
 */
async function lagRounds({ run }: ScriptKit, it: number, runMs: number, need?: () => boolean): Promise<void> {
  const { sim, cluster: c } = run;
  const r = run.rng.fork(`lag${it}`);
  const planned = sim.now + runMs - 800;
  const endNow = (): number => (need !== undefined && !need() ? planned + NEED_EXTRA_MS : planned);
  while (sim.now < endNow() && sim.failed === undefined) {
    const leader = c.leader();
    const followers = c.upIds.filter((id) => id !== leader);
    if (leader !== undefined && followers.length > 0) {
      const f = r.pick(followers);
      const applied = c.status(f)!.applied;
      const cut = c.net.isolate(f);
      await until(run, () => leaderCompactedPast(c, applied, f), 1500);
      c.net.remove(cut);
      await caughtUp(run, f, Math.min(HEAL_MS, Math.max(0, endNow() - sim.now)));
    }
    await sim.sleep(100 + r.int(200));
  }
}

/**
 * A seeded system test over lagRounds with the filters of one fault class, then `after`. `o.need` is
 * the setup `after` checks, from the streams: the run goes on until it is reached (within a budget).
 */
function faultRule(
  id: string,
  title: string,
  points: number,
  o: Omit<TransferScenarioOptions, 'stores' | 'clients' | 'runMs'> & Partial<typeof BASE>,
  after: (r: TransferReport) => void,
): void {
  seededRule(id, title, { ...SYSTEM, points }, async ({ rng, trace }) => {
    const runMs = o.runMs ?? BASE.runMs;
    const need = o.need;
    const script: TransferScenarioOptions['script'] =
      o.script ?? ((kit, w, it) => lagRounds(kit, it, runMs, need === undefined ? undefined : () => need(w)));
    const r = await runTransferScenario({ rng, trace }, { ...BASE, ...o, script });
    after(r);
  });
}

/** The streams hit by `kind`, and how they ended. */
function hits(
  r: TransferReport,
  kind: Parameters<TransferWatch['hitBy']>[0],
): { rs: StreamRecord[]; shown: string } {
  const rs = r.streams.filter((s) => (s.faults.get(kind) ?? 0) > 0);
  return { rs, shown: `${kind}: ${showCounts(countStreams(rs))} (of ${r.streams.length} streams)` };
}

/** Completed at the receiver with exactly the sender's file. */
const completedExactly = (s: StreamRecord): boolean => s.received?.ok === true && s.verified === true;

/** Aborted by the receiver (or its header refused). */
const abortedAtReceiver = (s: StreamRecord): boolean => s.received?.ok === false;

/** A stream hit by `kind` never completes (it lost or damaged a frame it needs). */
function neverCompleted(r: TransferReport, kind: 'cut' | 'corrupted', hint: string): string {
  const { rs, shown } = hits(r, kind);
  check(rs.length > 0, `setup: the ${kind} faults must hit a snapshot stream`, { actual: shown });
  const bad = rs.filter((s) => s.received?.ok === true && s.verified !== true);
  check(bad.length === 0, `every ${kind} stream is detected: none completes`, {
    expected: 'aborted by the receiver (or never finished), never done',
    actual: bad.map((s) => `${s.name} (${showFaults(s)}): ${JSON.stringify(s.received)}`),
    hint,
  });
  const detected = rs.filter(abortedAtReceiver).length;
  check(detected > 0, `setup: a ${kind} stream must reach the receiver and be aborted there`, {
    actual: shown,
  });
  return shown;
}

// ---- a clean catch-up ------------------------------------------------------------------------------

faultRule(
  'lab4b.system.catch-up',
  'followers left behind are caught up by chunked snapshot streams on a clean network',
  4,
  { need: (w) => hasStreamed(w, 2) },
  (r) => {
    streamed(r, 2);
    const aborted = r.streams.filter((s) => s.received?.ok === false);
    check(aborted.length === 0, 'on a clean network no stream is aborted', {
      actual: aborted.map((s) => `${s.name}: ${s.received?.reason}`),
      hint: 'nothing is lost, duplicated or damaged here (chunks may overtake one another, and the header): an abort means the sender or the receiver broke the protocol',
    });
  },
);

// ---- frames lost, copied, shuffled, slowed ---------------------------------------------------------

faultRule(
  'lab4b.system.drop',
  'snapshot chunks and acks dropped (5%): broken streams are aborted and retried until one gets through',
  4,
  {
    filters: (w) => [w.recording('dropped', dropFilter(0.05), ['data', 'ack'])],
    need: (w) => hasStreamed(w) && w.hitBy('dropped').length > 0,
  },
  (r) => {
    streamed(r);
    const { rs, shown } = hits(r, 'dropped');
    check(rs.length > 0, 'setup: the drops must hit a snapshot stream', { actual: shown });
  },
);

faultRule(
  'lab4b.system.duplicate-reorder',
  'snapshot chunks and acks duplicated (20%), reordered and delayed: the streams still complete, exactly',
  4,
  {
    filters: (w) => [
      w.recording('duplicated', duplicateFilter(0.2)),
      w.recording('acks-duplicated', duplicateFilter(0.2), ['ack']),
      w.recording('delayed', reorderFilter(0.3, 20), ['data', 'ack']),
      w.recording('delayed', delayFilter(0, 15), ['header', 'data', 'ack']),
    ],
    need: (w) =>
      hasStreamed(w, 2) &&
      (['duplicated', 'delayed'] as const).every((k) => w.hitBy(k).some(completedExactly)),
  },
  (r) => {
    streamed(r, 2);
    for (const kind of ['duplicated', 'delayed'] as const) {
      const { rs, shown } = hits(r, kind);
      check(rs.length > 0, `setup: the ${kind} frames must hit a snapshot stream`, { actual: shown });
      const done = rs.filter(completedExactly);
      check(done.length > 0, `a stream with ${kind} frames still completes, with exactly the sender’s file`, {
        actual: shown,
        hint:
          kind === 'duplicated'
            ? 'an exact duplicate (same offset, length, CRC32) of a chunk written or waiting is ignored, not an error'
            : `a chunk ahead of the next offset waits (up to reorderChunks = ${SYSTEM_LIMITS.reorderChunks}); the window keeps the sender within it`,
      });
    }
  },
);

// ---- frames damaged or cut ---------------------------------------------------------------------------

faultRule(
  'lab4b.system.corrupt',
  'bit flips in snapshot chunks (8%): every corrupted stream is detected, none is ever applied',
  5,
  {
    filters: (w) => [w.recording('corrupted', corruptFilter(0.08))],
    allAlongFactor: FAULTY,
    need: (w) => hasStreamed(w) && w.hitBy('corrupted').some(abortedAtReceiver),
  },
  (r) => {
    streamed(r);
    neverCompleted(
      r,
      'corrupted',
      'a flipped bit in a chunk fails its CRC32 (or its offset, size or the file’s CRC32): abort the transfer',
    );
  },
);

faultRule(
  'lab4b.system.cut-stall',
  'streams cut short (their later chunks lost) or stalled (frames and acks held past the timeouts): detected, cleaned up, retried',
  5,
  {
    filters: (w) => [
      w.recording(
        'cut',
        streamTailFilter('cut', {
          p: 0,
          pattern: [true, false, false],
          afterFrames: [0, 12],
          verdict: { drop: true },
        }),
        ['header', 'data'],
      ),
      w.recording(
        'stalled',
        streamTailFilter('stall', {
          p: 0,
          pattern: [false, true, false],
          afterFrames: [1, 8],
          verdict: { delayMs: 3 * SYSTEM_LIMITS.idleTimeoutMs },
          parts: ['data', 'ack'],
        }),
        ['header', 'data', 'ack'],
      ),
    ],
    need: (w) =>
      hasStreamed(w) &&
      w.hitBy('cut').some(abortedAtReceiver) &&
      w.hitBy('stalled').some((s) => s.sent?.ok === false),
  },
  (r) => {
    streamed(r);
    neverCompleted(
      r,
      'cut',
      'a stream whose last chunk never comes must end by the idle timeout, its temporary file removed',
    );
    const { rs, shown } = hits(r, 'stalled');
    check(rs.length > 0, 'setup: the stalls must hit a snapshot stream', { actual: shown });
    const sender = rs.filter((s) => s.sent?.ok === false).length;
    check(sender > 0, 'a stalled stream fails at the sender (no ack for ackTimeoutMs) and is reported', {
      actual: shown,
    });
  },
);

// ---- crashes mid-stream ------------------------------------------------------------------------------

/** Runs an async action as a simulation task; its failure fails the run. */
function task(kit: ScriptKit, fn: () => Promise<void>): void {
  fn().catch((err: unknown) => kit.run.sim.fail(err instanceof Error ? err : new Error(String(err))));
}

/** Right after a restart (Store.open done): no temporary file is left in the store's directory. */
function noTempsAfterOpen(kit: ScriptKit, id: number, what: string): void {
  const names = kit.run.cluster.snapshotFs(id)?.names() ?? [];
  check(
    !names.some((n) => n.endsWith('.tmp')),
    `store ${id} restarted after ${what}: no temporary file is left`,
    {
      actual: names,
      hint: 'Store.open runs manager.open(), which removes every *.tmp and every half-written snapshot',
    },
  );
}

/** What a mid-stream script did: the streams it struck while they were still running. */
interface Struck {
  streams: StreamRecord[];
}

/**
 * lagRounds, and up to `times` streams struck mid-stream: `strike` runs 2–12 ms after the stream's
 * header went out (or was accepted, with `onReceive`), if the stream is still running then.
 */
function midStream(
  struck: Struck,
  times: number,
  strike: (kit: ScriptKit, r: StreamRecord) => Promise<void>,
  onReceive = false,
): TransferScenarioOptions['script'] {
  return async (kit, watch, it) => {
    const { sim } = kit.run;
    const r = kit.run.rng.fork(`strike${it}`);
    const trigger = (s: StreamRecord): void => {
      if (struck.streams.length >= times) return;
      sim.schedule(2 + r.int(11), 0, () => {
        const running = onReceive ? s.received === undefined : s.sent === undefined;
        if (!running || struck.streams.length >= times || sim.failed !== undefined) return;
        struck.streams.push(s);
        task(kit, () => strike(kit, s));
      });
    };
    if (onReceive) watch.onReceiveStart = trigger;
    else watch.onStart = trigger;
    await lagRounds(kit, it, BASE.runMs);
  };
}

/** Setup: the script struck a stream mid-stream; that stream then failed at the receiver. */
function struckAndFailed(s: Struck, what: string): void {
  check(s.streams.length > 0, `setup: a ${what} must strike a snapshot stream while it runs`, {
    actual: '0 streams struck',
  });
  const ok = s.streams.filter((r) => r.received?.ok === true && r.verified !== true);
  check(ok.length === 0, `a stream struck by a ${what} is never completed wrong`, {
    actual: ok.map((r) => r.name),
  });
}

seededRule(
  'lab4b.system.sender-crash',
  'the leader crashes in the middle of a snapshot stream: the follower drops the transfer; the next leader catches it up',
  { ...SYSTEM, points: 5 },
  async ({ rng, trace }) => {
    const struck: Struck = { streams: [] };
    const r = await runTransferScenario(
      { rng, trace },
      {
        ...BASE,
        iterations: 2,
        script: midStream(struck, 2, async (kit, s) => {
          const c = kit.run.cluster;
          if (!c.isUp(s.from)) return;
          c.crash(s.from, `in the middle of snapshot stream ${s.name}`);
          await kit.run.sim.sleep(300 + kit.run.rng.fork(`down${s.seq}`).int(400));
          if (c.stateOf(s.from) !== 'down') return;
          await c.restart(s.from);
          noTempsAfterOpen(kit, s.from, `crashing mid-stream`);
        }),
      },
    );
    streamed(r);
    struckAndFailed(struck, 'crash of the sender');
    const dropped = struck.streams.filter((s) => s.received?.ok === false).length;
    check(
      dropped > 0,
      'the receiver aborts a stream whose sender crashed (idle timeout), removing its temporary file',
      {
        actual: struck.streams.map((s) => `${s.name}: ${JSON.stringify(s.received ?? 'no end')}`),
        hint: `no frame for idleTimeoutMs (${SYSTEM_LIMITS.idleTimeoutMs} ms) → abort`,
      },
    );
  },
);

seededRule(
  'lab4b.system.receiver-crash',
  'the follower crashes in the middle of receiving a snapshot: restarted, it holds no temporary file and is caught up',
  { ...SYSTEM, points: 5 },
  async ({ rng, trace }) => {
    const struck: Struck = { streams: [] };
    let restarted = 0;
    const r = await runTransferScenario(
      { rng, trace },
      {
        ...BASE,
        iterations: 2,
        script: midStream(
          struck,
          2,
          async (kit, s) => {
            const c = kit.run.cluster;
            if (!c.isUp(s.to)) return;
            const temps =
              c
                .snapshotFs(s.to)
                ?.names()
                .filter((n) => n.endsWith('.tmp')) ?? [];
            check(temps.length > 0, 'setup: the receiver holds a temporary file mid-stream', {
              actual: c.snapshotFs(s.to)?.names(),
            });
            c.crash(s.to, `in the middle of receiving stream ${s.name}`);
            await kit.run.sim.sleep(200 + kit.run.rng.fork(`down${s.seq}`).int(300));
            if (c.stateOf(s.to) !== 'down') return;
            await c.restart(s.to);
            noTempsAfterOpen(kit, s.to, 'crashing mid-stream');
            restarted++;
          },
          true,
        ),
      },
    );
    streamed(r);
    struckAndFailed(struck, 'crash of the receiver');
    check(restarted > 0, 'setup: a receiver crashed mid-stream is restarted by the script', {
      actual: restarted,
    });
    const failed = struck.streams.filter((s) => s.sent?.ok === false).length;
    check(failed > 0, 'the sender of a stream whose receiver crashed reports it failed (no ack in time)', {
      actual: struck.streams.map((s) => `${s.name}: ${JSON.stringify(s.sent ?? 'no end')}`),
      hint: `no ack for ackTimeoutMs (${SYSTEM_LIMITS.ackTimeoutMs} ms): nextAck throws, transfer(t) must let it through`,
    });
  },
);

seededRule(
  'lab4b.system.leader-change',
  'the leader is cut off in the middle of a snapshot stream; a new leader sends its own and the follower catches up',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    const struck: Struck = { streams: [] };
    const r = await runTransferScenario(
      { rng, trace },
      {
        ...BASE,
        script: midStream(struck, 1, async (kit, s) => {
          const c = kit.run.cluster;
          if (c.leader() !== s.from) return;
          const cut = c.net.isolate(s.from);
          const moved = await until(
            kit.run,
            () => {
              const l = c.leader();
              return l !== undefined && l !== s.from && c.status(l)!.term > s.term;
            },
            LEADER_BUDGET_MS,
          );
          c.net.remove(cut);
          check(moved, `setup: a new leader is elected once leader ${s.from} is cut off`, {
            actual: c.storeIds.map((id) => c.status(id) ?? 'down'),
          });
          check(
            await caughtUp(kit.run, s.to, CATCH_UP_BUDGET_MS),
            `store ${s.to} catches up from the new leader`,
            {
              actual: c.status(s.to),
            },
          );
        }),
      },
    );
    streamed(r);
    struckAndFailed(struck, 'leader cut off');
    check(r.leaderTerms >= 2, 'setup: the leadership must really change', { actual: r.leaderTerms });
  },
);

// ---- two streams at once, and one too late ----------------------------------------------------------

/** Do two streams to one store overlap at the receiver (both accepted, neither ended before the other began)? */
function overlapping(rs: readonly StreamRecord[]): [StreamRecord, StreamRecord] | undefined {
  const accepted = rs.filter((s) => s.receiveStart !== undefined);
  for (const a of accepted) {
    for (const b of accepted) {
      if (a === b || a.to !== b.to || a.receiveStart!.at > b.receiveStart!.at) continue;
      if ((a.received?.at ?? Number.POSITIVE_INFINITY) > b.receiveStart!.at) return [a, b];
    }
  }
  return undefined;
}

faultRule(
  'lab4b.system.two-at-once',
  'the acks of every other stream are lost: the leader gives up and sends again while the first stream is still open at the follower',
  4,
  {
    limits: { idleTimeoutMs: 3 * SYSTEM_LIMITS.ackTimeoutMs },
    filters: (w) => [
      w.recording(
        'dropped',
        streamTailFilter('lost acks', {
          p: 0,
          pattern: [true, false],
          afterFrames: [0, 0],
          verdict: { drop: true },
          parts: ['ack'],
        }),
        ['header', 'ack'],
      ),
    ],
    need: (w) => hasStreamed(w) && overlapping(w.streams) !== undefined,
  },
  (r) => {
    streamed(r);
    const pair = overlapping(r.streams);
    check(pair !== undefined, 'setup: two streams must be open at one follower at once', {
      actual: r.streams.map((s) => `${s.name}→${s.to} ${s.receiveStart?.at}–${s.received?.at}`),
    });
    const [first, second] = pair;
    check(
      second.received?.ok === true || first.received?.ok === true,
      `one of two concurrent streams to store ${first.to} completes`,
      {
        actual: [first, second].map((s) => `${s.name}: ${JSON.stringify(s.received ?? 'no end')}`),
        hint: 'each transfer has a temporary file of its own (a tag unique to the stream), and an abort removes only its own',
      },
    );
  },
);

/**
 * Streams whose header reached the receiver after it had applied past their snapshot: too late. A
 * header refused as busy (maxReceives transfers running) was not judged on its index: left out.
 */
const arrivedLate = (rs: readonly StreamRecord[]): StreamRecord[] =>
  rs.filter(
    (s) =>
      (s.arrived?.applied ?? Number.NEGATIVE_INFINITY) >= s.index && !/^busy/.test(s.received?.reason ?? ''),
  );

faultRule(
  'lab4b.system.late-stream',
  'every third stream arrives late as a whole, after the follower installed the retry: it is refused as stale',
  4,
  {
    filters: (w) => [
      w.recording(
        'delayed',
        streamTailFilter('late', {
          p: 0,
          pattern: [true, false, false],
          afterFrames: [0, 0],
          verdict: { delayMs: 4 * SYSTEM_LIMITS.ackTimeoutMs },
          parts: ['header', 'data'],
        }),
        ['header', 'data'],
      ),
    ],
    need: (w) => hasStreamed(w) && arrivedLate(w.hitBy('delayed')).length > 0,
  },
  (r) => {
    streamed(r);
    const { rs, shown } = hits(r, 'delayed');
    const late = arrivedLate(rs);
    const ends = rs.map(
      (s) => `${s.name} (snapshot ${s.index}; ${showArrival(s)}): ${JSON.stringify(s.received ?? 'no end')}`,
    );
    check(
      late.length > 0,
      'setup: a delayed stream must arrive after its follower applied past its snapshot',
      {
        expected: 'a delayed header reaching a follower whose applied index is at or past its snapshot index',
        actual: `${shown}; ${ends.join(', ')}`,
      },
    );
    const refused = late.filter((s) => /stale/.test(s.received?.reason ?? ''));
    check(refused.length === late.length, 'a stream arriving after a newer install is refused as stale', {
      actual: `${shown}; ${ends.join(', ')}`,
      hint: 'onHeader: snapshot index <= the applied index → SnapshotTransferError(`stale: …`)',
    });
  },
);

function showArrival(s: StreamRecord): string {
  const a = s.arrived;
  return a === undefined
    ? 'never reached the receiver'
    : `arrived at t=${a.at}ms, applied ${a.applied ?? '?'}`;
}

// ---- a long run ----------------------------------------------------------------------------------------

seededRule(
  'lab4b.system.long-run',
  'a long run of crashes, restarts and lossy, corrupting links: the snapshot directories stay bounded and clean',
  { ...SYSTEM, points: 4 },
  async ({ rng, trace }) => {
    const r = await runTransferScenario(
      { rng, trace },
      {
        ...BASE,
        clients: 5,
        iterations: 2,
        chaos: {
          crash: 'one',
          periodMs: [600, 900],
          downMs: [300, 900],
          unreliable: { drop: 0.02, duplicate: 0.05, reorder: 0.1, reorderMaxMs: 20 },
        },
        allAlongFactor: FAULTY,
        filters: (w) => [w.recording('corrupted', corruptFilter(0.01))],
        script: (kit, _w, it) => lagRounds(kit, it, BASE.runMs),
      },
    );
    streamed(r);
    check(r.chaos.crashes > 0, 'setup: stores must crash and restart during the run', { actual: r.chaos });
    check(r.maxSnapFiles > 0, 'setup: the snapshot directories are checked while snapshots exist', {
      actual: { maxSnapFiles: r.maxSnapFiles, maxTemps: r.maxTemps, streams: r.streams.length },
    });
  },
);
