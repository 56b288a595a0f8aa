// The snapshot-stream demo (`raftlab demo snapshot-stream`): lab 3's snapshot demo (a follower cut off,
// left behind the leader's first index, healed and caught up by a snapshot) with lab 4's chunked
// transport on and small chunks, so that the snapshot travels as a stream of several chunks between the
// two stores' snapshot files. Its chain has the stream in the middle: the header and the chunks going out
// (SnapSender), the receiver accepting the header and completing the file (SnapReceiver), the sender's end
// of the stream, then lab 3's install.
import type { SeedContext } from '../../harness/rule.js';
import { type SnapshotDemo, eventStep, runSnapshotDemo } from '../lab3/demo-snapshot.js';
import type { Step } from '../lab2/demo-steps.js';

/** Chunks of 32 bytes within a window of 64: a snapshot of the demo's few keys is some 4–6 chunks. */
export const DEMO_LIMITS = { chunkBytes: 32, windowBytes: 64 } as const;

/** Lab 4's transport of the snapshot to follower f: the stream from the leader's file to f's. */
export function streamTransport(f: number): Step[] {
  const leader = (id: number): boolean => id !== f;
  const follower = (id: number): boolean => id === f;
  return [
    eventStep(
      'stream-start',
      `the leader never started a snapshot stream to store ${f} (its progress of store ${f} entering the Snapshot state)`,
      'raft/raft.ts Raft.sendSnapshot (lab3a); store/snap-sender.ts SnapSender.transfer (lab4a): the header',
      'snapshot-stream-start',
      leader,
      (ev) => ev.to === f,
    ),
    eventStep(
      'receive-start',
      `store ${f} never accepted the stream's header`,
      'store/snap-receiver.ts SnapReceiver.onHeader (lab4b)',
      'snapshot-receive-start',
      follower,
    ),
    eventStep(
      'receive-end',
      `store ${f} never completed the stream (every chunk, checked and committed to its rcv_ file)`,
      'store/snap-receiver.ts SnapReceiver.onData and finish (lab4b)',
      'snapshot-receive-end',
      follower,
      (ev) => ev.ok,
    ),
    eventStep(
      'stream-end',
      `the leader's stream to store ${f} never ended acknowledged`,
      'store/snap-sender.ts SnapSender.transfer (lab4a): chunks within the window, then the done ack',
      'snapshot-stream-end',
      leader,
      (ev) => ev.to === f && ev.ok,
    ),
    eventStep(
      'sent',
      `the leader never reported the snapshot sent to store ${f}`,
      'store/snap-sender.ts SnapSender (framework): the report once the stream ended',
      'snapshot-sent',
      leader,
      (ev) => ev.to === f,
    ),
  ];
}

/** Lab 4's demo: the snapshot streamed in chunks. */
export const LAB4_DEMO: SnapshotDemo = {
  config: `, the snapshot transport with ${DEMO_LIMITS.chunkBytes}-byte chunks`,
  tuning: { snapshotTransport: DEMO_LIMITS },
  transport: streamTransport,
};

/** `raftlab demo snapshot-stream`. */
export const streamDemo = (ctx: SeedContext): Promise<void> => runSnapshotDemo(ctx, LAB4_DEMO);
