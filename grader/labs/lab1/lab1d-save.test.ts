// Lab 1d — persisting a Ready (PeerStorage.saveReadyState), checked on one real store whose peers the
// test plays: the raft engine holds exactly the log Raft holds. When a new leader replaces a tail of
// the follower's log with a shorter one, the raft-log keys past the new last index must go too — a
// restarted store would otherwise read stale entries back, and the engine would hold keys Raft does not.
import { MessageType } from '@target/raft/raftpb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { MemEngine } from '@target/store/engine.js';
import { raftLogKeyRange } from '@target/store/keys.js';
import type { Store } from '@target/store/store.js';
import { OneStoreRig, puts } from '../../harness/one-store-rig.js';
import { check, rule } from '../../harness/rule.js';

const UNIT = { part: 'lab1d', tags: ['unit'] };

/** Store 1 over fresh MemEngines, log GC and snapshots off. */
class SaveRig extends OneStoreRig {
  store!: Store;

  private constructor(readonly raftEngine: MemEngine) {
    super();
  }

  static async open(): Promise<SaveRig> {
    const rig = new SaveRig(await MemEngine.open());
    rig.store = await rig.openStore({
      raftEngine: rig.raftEngine,
      kvEngine: await MemEngine.open(),
      gcCountLimit: 0,
      gcTickInterval: 1,
    });
    return rig;
  }

  protected running(): Store {
    return this.store;
  }

  /** How many raft-log keys the raft engine holds. */
  async logKeys(): Promise<number> {
    return this.raftEngine.count(raftLogKeyRange(REGION_ID, 0));
  }
}

rule(
  'lab1d.save.replaced-tail-keys',
  'a replaced, shorter tail leaves no raft-log keys past the new last index',
  { ...UNIT, points: 2 },
  async () => {
    const rig = await SaveRig.open();
    const first = rig.status().lastIndex;
    // Leader 2 of term 6 appends 4 entries after the bootstrap log, committing nothing new.
    await rig.appendFromLeader(6, first, 5, puts(first + 1, first + 4, 6), first);
    const before = await rig.logKeys();
    check(rig.status().lastIndex === first + 4, 'setup: the follower should hold the 4 appended entries', {
      expected: `last index ${first + 4}`,
      actual: rig.status(),
    });
    // Leader 3 of term 7 (its log ends at first + 1) replaces everything after first + 1 by one entry.
    await rig.deliver(3, {
      msgType: MessageType.MsgAppend,
      term: 7,
      index: first + 1,
      logTerm: 6,
      entries: puts(first + 2, first + 2, 7),
      commit: first,
    });
    check(
      rig.status().lastIndex === first + 2,
      'setup: the conflicting append leaves the log ending at the new entry',
      {
        expected: `last index ${first + 2}`,
        actual: rig.status(),
      },
    );
    const after = await rig.logKeys();
    check(
      after === before - 2,
      'the raft engine must hold no entry past the new last index: saveReadyState deletes the keys of the replaced tail that the new entries do not overwrite',
      {
        expected: `${before - 2} raft-log keys (entries up to ${first + 2})`,
        actual: `${after} raft-log keys`,
        hint: 'in the same batch as the new entries, delete raftLogKey(i) for every i in (last new index, old last index]',
      },
    );
  },
);
