// Lab 4b, the receiver at its edges, with the test playing the sender frame by frame: two different
// chunks at one offset ahead of the written bytes abort at once, and so does a chunk that would end
// past the header's total size — at that chunk, not only when the last one arrives.
import { check, rule } from '../../harness/rule.js';
import { aborted, showAcks } from './receive-checks.js';
import { LIMITS, StreamPlay, TransferRig, fileBytes } from './transfer-rig.js';

const PART = { part: 'lab4b', tags: ['unit'] };
const INDEX = 20;
const TERM = 5;
/** Five chunks of the rig's 64 bytes: four full ones and 44 bytes. */
const SIZE = 300;

function stream(id = 1): StreamPlay {
  return new StreamPlay(id, INDEX, TERM, fileBytes(SIZE));
}

rule(
  'lab4b.data.ahead-conflict',
  'two different chunks at one offset ahead of the written bytes abort the transfer at once',
  { ...PART, points: 1 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await rig.feed(s.header());
    await rig.feed(s.chunk(2));
    check(rig.errorsOf(s.stream).length === 0, 'setup: chunk 2 arriving before 0 and 1 waits', {
      actual: showAcks(rig, s),
    });
    await rig.feed(s.forged(2 * LIMITS.chunkBytes, fileBytes(LIMITS.chunkBytes, 99), false));
    aborted(
      rig,
      s,
      'a second, different chunk at offset 128 while the first waits ahead',
      undefined,
      'offset > next with a chunk already held there: the same length and crc32 is a duplicate (ignore it), anything else is a conflict (throw)',
    );
  },
);

rule(
  'lab4b.data.past-total-size',
  'a chunk that would end past the header’s total size aborts the transfer when it arrives',
  { ...PART, points: 1 },
  async () => {
    const rig = await TransferRig.open();
    const s = stream();
    await rig.feed(s.header());
    for (const k of [0, 1, 2, 3]) await rig.feed(s.chunk(k));
    check(rig.errorsOf(s.stream).length === 0, 'setup: 256 of the 300 bytes written', {
      actual: showAcks(rig, s),
    });
    // 64 bytes at 256: they would end at 320, past the total size of 300 (and it is not marked last).
    await rig.feed(s.forged(256, fileBytes(64, 7), false));
    aborted(
      rig,
      s,
      'a 64-byte chunk at 256 with a total size of 300',
      undefined,
      'before writing, check next + chunk length <= totalSize; else throw SnapshotTransferError',
    );
  },
);
