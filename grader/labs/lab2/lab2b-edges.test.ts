// Lab 2b, the GC tick at its edge: when the lowest follower's match is exactly the first index, the
// compact index equals the first index and a one-entry compaction is still proposed (only a compact
// index *below* the first index is nothing to do). One real store whose two peers the test plays.
import { check, rule } from '../../harness/rule.js';
import { GcRig, compactLogOf, puts } from './gc-rig.js';

const PART = { part: 'lab2b', tags: ['unit'] };

rule(
  'lab2b.tick.one-entry-compaction',
  'a compact index equal to the first index is proposed: it compacts one entry',
  { ...PART, points: 1 },
  async () => {
    const rig = await GcRig.open({ gcCountLimit: 5 });
    // Entries 6..15 of term 6 from leader 2, then store 1 leads term 7 (its no-op is entry 16).
    await rig.appendFromLeader(6, 5, 5, puts(6, 15), 15);
    const term = await rig.becomeLeader();
    await rig.ack(2, 16);
    await rig.ack(3, 6);
    rig.takeSent();
    const st = rig.status();
    check(
      st.applied === 16 && st.firstIndex === 6 && term === 7,
      'setup: leader of term 7 with 6..16 applied and first index 6; store 3 acknowledged up to 6',
      { actual: st },
    );
    await rig.tick(1);
    rig.healthy('on the GC tick with store 3 at the first index');
    const proposed = rig.sentEntries().flatMap((e) => compactLogOf(e) ?? []);
    check(
      proposed.length >= 1 && proposed[0]!.index === 6 && proposed[0]!.term === 6,
      'min(applied 16, match 16, match 6) = 6 = the first index: the GC tick must propose CompactLog {index 6, term 6}, which drops entry 6 (every replica holds it)',
      {
        expected: { index: 6, term: 6 },
        actual: proposed.length === 0 ? 'no CompactLog proposed' : proposed[0],
        hint: 'propose when compactIndex >= firstIndex; only a compact index below the first index (a follower that lacks the first entry) is nothing to do',
      },
    );
  },
);
