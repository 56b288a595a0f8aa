// Lab 3c, an edge case of PeerStorage.finishInstall: the raft batch of an install never leaves the
// persisted term behind the snapshot's term. A follower still in an older term than the snapshot's
// last entry (it never heard of that term until the MsgSnapshot) that crashes right after the raft
// batch restarts with term >= the last log term (Raft: currentTerm is at least every entry's term).
import { readRaftLocalState } from '@target/store/meta.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { check, rule } from '../../harness/rule.js';
import { InstallRig } from './install-rig.js';
import { SNAP_INDEX, SNAP_TERM, installScene } from './install-scene.js';

const PART = { part: 'lab3c', tags: ['unit', 'crash'] };

rule(
  'lab3c.install.term-not-behind-snapshot',
  "a crash right after the install's raft batch leaves a persisted term at least the snapshot's term",
  { ...PART, points: 2 },
  async () => {
    const rig = await InstallRig.open();
    const scene = await installScene(rig);
    const before = await readRaftLocalState(rig.raftMem, REGION_ID);
    check(
      before !== undefined && before.hardState.term < SNAP_TERM,
      `setup: the follower's persisted term is below ${SNAP_TERM}`,
      {
        actual: before?.hardState,
      },
    );
    // Die before write 3: the kv batch (1) and the raft batch (2) land, the marker stays Applying and
    // the Ready's own hard state (term 7) is never written.
    rig.crashAfterWrites(2);
    await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
    rig.crash();
    const mid = await readRaftLocalState(rig.raftMem, REGION_ID);
    check(mid?.lastIndex === SNAP_INDEX, 'setup: the crash came after the raft batch of the install', {
      expected: { lastIndex: SNAP_INDEX },
      actual: mid,
    });
    await rig.start();
    const after = await readRaftLocalState(rig.raftMem, REGION_ID);
    const term = after?.hardState.term ?? -1;
    check(
      after !== undefined && term >= after.lastTerm && term >= SNAP_TERM,
      "restarted, the persisted term is not behind the snapshot's term (its last log term)",
      {
        expected: `hardState.term >= ${SNAP_TERM} (lastTerm ${after?.lastTerm})`,
        actual: after?.hardState,
        hint: 'finishInstall: when the snapshot term is newer than the hard state term, write {term: snapshot term, vote: 0, commit} (keep term and vote only when hs.term >= snapshot term)',
      },
    );
    check(rig.status().term >= SNAP_TERM, 'the restarted Raft node starts at a term >= its last log term', {
      actual: rig.status(),
    });
  },
);
