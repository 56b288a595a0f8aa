// Lab 4b, the received files and the registry: a snapshot being received is registered as
// 'receiving' until its transfer ends, a received snapshot being applied is never collected, and GC
// removes received snapshots (data and meta) once the applied index reached them — newer ones stay.
import { check, rule } from '../../harness/rule.js';
import { completed, play } from './receive-checks.js';
import { StreamPlay, TransferRig, fileBytes } from './transfer-rig.js';

const PART = { part: 'lab4b', tags: ['unit'] };

rule(
  'lab4b.files.in-use-kept',
  'a snapshot registered as receiving or applying is never collected; once released and applied it is',
  { ...PART, points: 3 },
  async () => {
    const rig = await TransferRig.open();
    const s = new StreamPlay(1, 20, 5, fileBytes(300));
    await play(rig, s, [0, 1]);
    const during = rig.b.manager.uses(s.rcvKey);
    check(during.includes('receiving'), 'while its chunks arrive, the snapshot is registered as receiving', {
      actual: during,
      hint: "t.release = this.o.manager.acquire(t.key, 'receiving') in onHeader",
    });
    for (let k = 2; k < s.count; k++) await rig.feed(s.chunk(k));
    completed(rig, s, 'the stream');
    const release = rig.b.manager.acquire(s.rcvKey, 'applying');
    await rig.drive(rig.b.manager.gc(20, 20), 'gc while applying');
    check(rig.b.names().includes(s.finalName), 'a snapshot being applied survives GC', {
      actual: rig.b.names(),
    });
    release();
    await rig.drive(rig.b.manager.gc(19, 19), 'gc below the snapshot');
    check(rig.b.names().includes(s.finalName), 'a snapshot above the applied index survives GC', {
      actual: rig.b.names(),
    });
    const newer = new StreamPlay(2, 30, 6, fileBytes(200, 2));
    rig.peerState = { ...rig.peerState, appliedIndex: 20, truncatedIndex: 20 };
    rig.stepped.length = 0;
    await play(rig, newer);
    completed(rig, newer, 'a newer stream');
    await rig.drive(rig.b.manager.gc(20, 20), 'gc at the applied index');
    const names = rig.b.names();
    check(
      !names.includes(s.finalName) && !names.includes(`${s.finalName}.meta`),
      'once applied, the received snapshot is collected, data and meta',
      { actual: names },
    );
    check(names.includes(newer.finalName), 'the newer received snapshot stays', { actual: names });
  },
);

rule(
  'lab4b.files.two-streams-one-snapshot',
  'two streams of the same snapshot at once: each has its own temporary file; one aborting leaves the other intact',
  { ...PART, points: 2 },
  async () => {
    const rig = await TransferRig.open();
    const bytes = fileBytes(300);
    const s1 = new StreamPlay(1, 20, 5, bytes);
    const s2 = new StreamPlay(2, 20, 5, bytes);
    await rig.feed(s1.header());
    await rig.feed(s2.header());
    check(rig.b.temps().length === 2, 'each stream gets a temporary file of its own', {
      actual: rig.b.names(),
      hint: 'createTemp(key, tag) with a tag unique to the stream (its sending store and stream id)',
    });
    await rig.feed(s1.chunk(0));
    await rig.feed(s2.chunk(0));
    await rig.feed(s2.chunk(1));
    const bad = Uint8Array.from(s1.chunk(1).data);
    bad[0]! ^= 1;
    await rig.feed(s1.forged(Number(s1.chunk(1).offset), bad, false, s1.chunk(1).crc32));
    check(rig.errorsOf(1).length > 0, 'setup: the first stream is aborted (a corrupted chunk)', {
      actual: rig.acksOf(1).map((a) => a.error || `r${a.received}`),
    });
    for (let k = 2; k < s2.count; k++) await rig.feed(s2.chunk(k));
    completed(rig, s2, 'the second stream, after the first aborted');
  },
);
