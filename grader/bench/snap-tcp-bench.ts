// The lab-4 TCP bench: one snapshot file (NodeSnapFs, default 256 MiB) copied from file to file over
// loopback TCP twice in one process, in alternating rounds (the kit first in odd rounds), so both copies
// share the machine's mood:
//  - raw: fs read stream → net socket → fs write stream, then fsync (the floor: the same bytes with no
//    framing, checksums, acks or window);
//  - kit: the solutions' SnapSender (reading the gen file in chunks) → TcpTransport (a stream connection)
//    → SnapReceiver (writing a temp file, per-chunk and whole-file CRC32, sync, commit) with the default
//    TransferLimits unless given.
// It reports each copy's wall time and throughput, the ratio kit ÷ raw of throughputs, and the peak RSS
// growth during each copy (process.memoryUsage.rss() sampled every 5 ms against the RSS right before
// the copy, after a full GC when --expose-gc is on). Both ends run in this process, so the RSS growth is
// the sender's and the receiver's together. Real time and real files: not part of the simulator.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { type AddressInfo, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { raftpb } from '@target/proto/pb.js';
import { newMessage } from '@target/raft/raftpb.js';
import { RealtimeRuntime } from '@target/runtime/realtime.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { Fence } from '@target/store/fence.js';
import { wrapMessage } from '@target/store/message.js';
import { NodeSnapFs } from '@target/store/node-snap-fs.js';
import { type SnapKey, SnapManager, snapFileName } from '@target/store/snap-manager.js';
import { SnapReceiver } from '@target/store/snap-receiver.js';
import { SnapSender } from '@target/store/snap-sender.js';
import { DEFAULT_TRANSFER_LIMITS, type TransferLimits } from '@target/store/snap-transfer.js';
import { TcpTransport } from '@target/store/tcp-transport.js';

export interface SnapTcpBenchOptions {
  /** Snapshot size in MiB (default 256). */
  sizeMB?: number;
  /** Rounds of (raw, kit) copies (default 1); the figures are medians over rounds. */
  rounds?: number;
  limits?: Partial<TransferLimits>;
  /** Called after each copy. */
  onCopy?: (c: CopyFigures) => void;
}

export interface CopyFigures {
  kind: 'raw' | 'kit';
  round: number;
  bytes: number;
  wallMs: number;
  /** MiB per wall second. */
  mbPerSec: number;
  /** CPU time of the process (user + system, all threads) during the copy. */
  cpuMs: number;
  /** RSS right before the copy, MiB. */
  rssBeforeMB: number;
  /** Peak RSS during the copy minus rssBeforeMB. */
  rssGrowthMB: number;
}

export interface SnapTcpBenchResult {
  bytes: number;
  rounds: number;
  limits: TransferLimits;
  exposedGc: boolean;
  copies: CopyFigures[];
  /** Median kit throughput ÷ median raw throughput (goal ≥ 0.5). */
  ratio: number;
  /** Largest RSS growth of a kit copy, MiB (goal ≤ 64). */
  kitRssGrowthMB: number;
  rawRssGrowthMB: number;
}

const MB = 1024 * 1024;
const KEY: SnapKey = { kind: 'gen', regionId: REGION_ID, term: 2, index: 1000 };
const RCV: SnapKey = { ...KEY, kind: 'rcv' };

/** Samples the RSS every 5 ms from `start()` until `stop()`, which returns the peak growth in MiB. */
class RssPeak {
  private before = 0;
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  start(): number {
    (globalThis as { gc?: () => void }).gc?.();
    this.before = process.memoryUsage.rss();
    this.peak = this.before;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
    }, 5);
    return this.before / MB;
  }

  stop(): number {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return (this.peak - this.before) / MB;
  }
}

/** Writes `bytes` of varied content as the complete gen snapshot KEY through the manager, 1 MiB at a time. */
async function makeSnapshot(manager: SnapManager, bytes: number): Promise<void> {
  const block = Buffer.alloc(MB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  const { name, writer } = await manager.createTemp(KEY, 'bench');
  let crc = 0;
  for (let done = 0; done < bytes; done += block.length) {
    const part = block.subarray(0, Math.min(block.length, bytes - done));
    part[0] = done / MB; // no two blocks alike
    crc = crc32(part, crc);
    await writer.write(part);
  }
  await writer.sync();
  await writer.close();
  await manager.commitTemp(name, KEY, { size: bytes, crc32: crc });
}

/** file → socket → file, then fsync; resolves once the copy is durable. */
async function rawCopy(src: string, dst: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const received = new Promise<void>((resolve, reject) => {
      server.once('connection', (socket) => {
        pipeline(socket, createWriteStream(dst)).then(resolve, reject);
      });
    });
    const socket = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
    await pipeline(createReadStream(src), socket);
    await received;
    const fh = await open(dst, 'r+');
    await fh.sync();
    await fh.close();
  } finally {
    server.close();
  }
}

/** SnapSender → TcpTransport → SnapReceiver; resolves once the sender reports the outcome. */
async function kitCopy(src: SnapManager, dst: SnapManager, limits: TransferLimits): Promise<void> {
  const errors: unknown[] = [];
  const onError = (err: unknown): void => {
    errors.push(err);
  };
  const [rtA, rtB] = [1, 2].map((seed) => new RealtimeRuntime({ seed, onError }));
  const [ta, tb] = await Promise.all([rtA!, rtB!].map((runtime) => TcpTransport.listen({ runtime })));
  try {
    ta!.setPeer(2, tb!.address);
    tb!.setPeer(1, ta!.address);
    let report: (ok: boolean) => void = () => {};
    const outcome = new Promise<boolean>((resolve) => {
      report = resolve;
    });
    let stepped = false;
    const sender = new SnapSender({
      storeId: 1,
      manager: src,
      transport: ta!,
      runtime: rtA!,
      fence: new Fence(1),
      emit: () => {},
      limits,
      report: (_to, ok) => report(ok),
    });
    const receiver = new SnapReceiver({
      storeId: 2,
      manager: dst,
      transport: tb!,
      runtime: rtB!,
      fence: new Fence(2),
      emit: () => {},
      limits,
      peer: () => ({ regionId: REGION_ID, peerId: 2, appliedIndex: 0, truncatedIndex: 0, term: KEY.term }),
      step: () => {
        stepped = true;
      },
    });
    ta!.onMessage((env) => env.kind === 'ack' && sender.onAck(env.ack));
    tb!.onMessage((env) => env.kind === 'chunk' && receiver.onChunk(env.chunk));
    sender.send(wrapMessage(REGION_ID, { id: 1, storeId: 1 }, { id: 2, storeId: 2 }, snapshotMessage()));
    const ok = await outcome;
    if (!ok || !stepped || errors.length > 0)
      throw new Error(`the kit's transfer failed (ok ${ok}, stepped ${stepped}): ${errors.join('; ')}`);
  } finally {
    await Promise.all([ta!.close(), tb!.close()]);
    rtA!.close();
    rtB!.close();
  }
}

/** The leader's MsgSnapshot for KEY: metadata only (lab 4: the data is in the file). */
function snapshotMessage() {
  return newMessage({
    msgType: raftpb.MessageType.MsgSnapshot,
    from: 1,
    to: 2,
    term: KEY.term,
    snapshot: {
      data: new Uint8Array(0),
      metadata: { index: KEY.index, term: KEY.term, confState: { nodes: [1, 2, 3] } },
    },
  });
}

async function timed(
  kind: CopyFigures['kind'],
  round: number,
  bytes: number,
  copy: () => Promise<void>,
): Promise<CopyFigures> {
  const rss = new RssPeak();
  const rssBeforeMB = rss.start();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let rssGrowthMB: number;
  try {
    await copy();
  } finally {
    rssGrowthMB = rss.stop();
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    kind,
    round,
    bytes,
    wallMs,
    mbPerSec: bytes / MB / (wallMs / 1000),
    cpuMs,
    rssBeforeMB,
    rssGrowthMB,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function runSnapTcpBench(opts: SnapTcpBenchOptions = {}): Promise<SnapTcpBenchResult> {
  const bytes = Math.round((opts.sizeMB ?? 256) * MB);
  const rounds = opts.rounds ?? 1;
  const limits: TransferLimits = { ...DEFAULT_TRANSFER_LIMITS, ...opts.limits };
  const dir = await mkdtemp(join(tmpdir(), 'raftlab-snap-bench-'));
  try {
    const srcFs = new NodeSnapFs(join(dir, 'a'));
    const dstFs = new NodeSnapFs(join(dir, 'b'));
    const src = new SnapManager(srcFs, { storeId: 1 });
    const dst = new SnapManager(dstFs, { storeId: 2 });
    await Promise.all([src.open(), dst.open()]);
    await makeSnapshot(src, bytes);
    const srcPath = join(srcFs.dir, snapFileName(KEY));
    const rawPath = join(dir, 'raw.copy');
    const copies: CopyFigures[] = [];
    const record = (c: CopyFigures): void => {
      copies.push(c);
      opts.onCopy?.(c);
    };
    const raw = async (round: number): Promise<void> => {
      record(await timed('raw', round, bytes, () => rawCopy(srcPath, rawPath)));
      if ((await stat(rawPath)).size !== bytes) throw new Error('the raw copy is short');
      await rm(rawPath);
    };
    const kit = async (round: number): Promise<void> => {
      record(await timed('kit', round, bytes, () => kitCopy(src, dst, limits)));
      const got = await dst.info(RCV);
      if (got?.size !== bytes) throw new Error(`the kit's copy has ${got?.size} bytes, not ${bytes}`);
      await dst.gc(0, KEY.index); // removes the received file for the next round
    };
    // The kit goes first in odd rounds: the process's first copy is the one whose RSS growth is not
    // hidden by memory an earlier copy left mapped.
    for (let round = 1; round <= rounds; round++) {
      if (round % 2 === 1) {
        await kit(round);
        await raw(round);
      } else {
        await raw(round);
        await kit(round);
      }
    }
    const of = (kind: CopyFigures['kind']) => copies.filter((c) => c.kind === kind);
    return {
      bytes,
      rounds,
      limits,
      exposedGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      copies,
      ratio: median(of('kit').map((c) => c.mbPerSec)) / median(of('raw').map((c) => c.mbPerSec)),
      kitRssGrowthMB: Math.max(...of('kit').map((c) => c.rssGrowthMB)),
      rawRssGrowthMB: Math.max(...of('raw').map((c) => c.rssGrowthMB)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatCopy(c: CopyFigures): string {
  return (
    `  round ${c.round} ${c.kind}: ${(c.bytes / MB).toFixed(0)} MiB in ${c.wallMs.toFixed(0)} ms ` +
    `(${c.mbPerSec.toFixed(0)} MiB/s, ${c.cpuMs.toFixed(0)} ms CPU), RSS +${c.rssGrowthMB.toFixed(1)} MiB over ${c.rssBeforeMB.toFixed(0)}`
  );
}

export function formatSnapTcpBench(r: SnapTcpBenchResult): string {
  const goal = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  return (
    `snapshot over loopback TCP, ${(r.bytes / MB).toFixed(0)} MiB file to file, ${r.rounds} round(s), ` +
    `chunks ${r.limits.chunkBytes / 1024} KiB, window ${r.limits.windowBytes / 1024} KiB: ` +
    `kit ÷ raw throughput ${r.ratio.toFixed(2)} (goal ≥ 0.5: ${goal(r.ratio >= 0.5)}), ` +
    `kit peak RSS growth ${r.kitRssGrowthMB.toFixed(1)} MiB (goal ≤ 64: ${goal(r.kitRssGrowthMB <= 64)}; ` +
    `raw ${r.rawRssGrowthMB.toFixed(1)} MiB)`
  );
}
