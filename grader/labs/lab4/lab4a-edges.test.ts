// Lab 4a, the sender at its edge: a window of exactly one chunk still lets each chunk go (the limit is
// "never more than windowBytes beyond the acknowledged", so a chunk ending exactly at the window fits,
// and a sender that waits at the boundary never sends at all). The test plays the receiver by hand.
import { check, rule } from '../../harness/rule.js';
import { TransferRig, fileBytes } from './transfer-rig.js';

const PART = { part: 'lab4a', tags: ['unit'] };
const INDEX = 20;
const TERM = 5;

function sentEnd(rig: TransferRig, stream: number): number {
  return rig.dataOf(stream).reduce((m, f) => Math.max(m, Number(f.offset) + (f.data?.length ?? 0)), 0);
}

rule(
  'lab4a.window.one-chunk',
  'with windowBytes = chunkBytes, each chunk fits the window: one goes out per acknowledgement',
  { ...PART, points: 1 },
  async () => {
    const rig = await TransferRig.open({ chunkBytes: 64, windowBytes: 64 });
    await rig.genFile(INDEX, TERM, fileBytes(300));
    rig.send(INDEX, TERM);
    await rig.run(50);
    const [stream] = rig.streams();
    check(stream !== undefined, 'setup: the sender opens a stream', {
      actual: { frames: rig.frames.length, reports: rig.reports, errors: rig.rt.errors },
    });
    const first = sentEnd(rig, stream!);
    const hint =
      'wait only while offset + n − acked > windowBytes: a chunk ending exactly at the window fits';
    check(
      first === 64,
      'nothing acknowledged yet and a window of 64 bytes: the first 64-byte chunk must go out (it ends exactly at the window), and no more',
      { expected: '64 bytes sent', actual: `${first} bytes sent after 50 ms`, hint },
    );
    rig.ackToSender(stream!, { received: 64 });
    await rig.run(50);
    const second = sentEnd(rig, stream!);
    check(second === 128, 'the ack of 64 bytes opens the window by one chunk: the next chunk goes out', {
      expected: '128 bytes sent',
      actual: `${second} bytes sent`,
      hint,
    });
    rig.healthy('streaming with a window of one chunk');
  },
);
