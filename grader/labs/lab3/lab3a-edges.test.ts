// Lab 3a at its edges: only "temporarily unavailable" is swallowed when the leader asks storage for a
// snapshot (any other storage failure propagates out of step), sendAppend answers whether a message
// went out, and a follower ignores a snapshot older than its compaction point (a delayed duplicate)
// instead of restarting its log from it.
import { MessageType } from '@target/raft/raftpb.js';
import { MemoryStorage } from '@target/raft/storage.js';
import { newRaft, proposal, showMsgs } from '../../harness/raftfix.js';
import { caught, check, rule } from '../../harness/rule.js';
import {
  GatedStorage,
  LATER_TERM,
  SNAP_INDEX,
  SNAP_TERM,
  STORED_LAST,
  compactedLeader,
  fillCompacted,
  snapMsg,
  snapshotAt,
} from './raft-snap-fix.js';

const PART = { part: 'lab3a', points: 1, tags: ['unit'] };
const FIRST = SNAP_INDEX + 1;
const PEERS = [1, 2, 3];

/** A storage failure that is not "temporarily unavailable" (a broken disk, a bug in the store). */
class StorageBroken extends Error {
  override readonly name = 'StorageBroken';
}

class BrokenSnapshotStorage extends MemoryStorage {
  override snapshot(): never {
    throw new StorageBroken('snapshot file unreadable');
  }
}

rule(
  'lab3a.snapshot.other-errors-propagate',
  'only SnapshotTemporarilyUnavailableError is swallowed: any other failure of storage.snapshot() propagates',
  PART,
  () => {
    const storage = fillCompacted(new BrokenSnapshotStorage(PEERS), PEERS);
    const r = compactedLeader(PEERS, { 2: { next: FIRST - 1, match: 0 } }, storage);
    const thrown = caught(() => r.step(proposal(1, 'x')));
    check(
      thrown instanceof StorageBroken,
      'storage.snapshot() failed with an error other than "temporarily unavailable": it must reach the caller of step(), not be taken for "try later"',
      {
        expected: 'step() throws StorageBroken',
        actual: thrown === undefined ? 'step() returned normally' : String(thrown),
        hint: 'in sendSnapshot, catch only SnapshotTemporarilyUnavailableError (return false); rethrow anything else',
      },
    );
  },
);

rule(
  'lab3a.snapshot.send-result',
  'sendAppend falling back to a snapshot returns whether a message went out',
  PART,
  () => {
    const storage = fillCompacted(new GatedStorage(PEERS), PEERS);
    const r = compactedLeader(PEERS, { 2: { next: FIRST - 1, match: 0 } }, storage);
    let waiting: boolean | undefined;
    const thrown = caught(() => {
      waiting = r.sendAppend(2);
    });
    check(
      thrown === undefined,
      'storage answered "snapshot temporarily unavailable": sendAppend(2) must return false, not throw',
      {
        expected: 'false',
        actual: String(thrown),
        hint: 'sendSnapshot catches SnapshotTemporarilyUnavailableError and returns false: a later heartbeat response retries',
      },
    );
    const none = r.readMessages();
    check(
      waiting === false && none.length === 0,
      'storage answered "temporarily unavailable": nothing went out, so sendAppend(2) returns false',
      {
        expected: 'false, no message',
        actual: `${waiting}, ${JSON.stringify(showMsgs(none))}`,
        hint: 'sendSnapshot returns false when it sends nothing',
      },
    );
    storage.available = true;
    const sent = r.sendAppend(2);
    const msgs = r.readMessages();
    check(
      sent === true && msgs.length === 1 && msgs[0]!.msgType === MessageType.MsgSnapshot,
      'with the snapshot ready, the MsgSnapshot goes out and sendAppend(2) returns true',
      {
        expected: 'true, one MsgSnapshot',
        actual: `${sent}, ${JSON.stringify(showMsgs(msgs))}`,
        hint: 'sendSnapshot returns true after sending the MsgSnapshot',
      },
    );
  },
);

rule(
  'lab3a.follower.ignores-older-snapshot',
  'a follower ignores a snapshot below its own compaction point: its log stays, the answer is its commit index',
  PART,
  () => {
    const storage = fillCompacted(new MemoryStorage(PEERS), PEERS);
    const r = newRaft(2, { peers: PEERS, storage, applied: STORED_LAST });
    check(
      r.raftLog.committed === STORED_LAST && r.raftLog.first === FIRST,
      `setup: follower 2 has compacted up to ${SNAP_INDEX} and committed ${STORED_LAST}`,
      { actual: { first: r.raftLog.first, committed: r.raftLog.committed } },
    );
    // A delayed duplicate of an old snapshot, from the leader of a later term.
    r.step(snapMsg(1, 2, LATER_TERM + 1, snapshotAt(5, SNAP_TERM, PEERS)));
    const replies = r.readMessages().filter((m) => m.msgType === MessageType.MsgAppendResponse);
    const log = { first: r.raftLog.first, last: r.raftLog.lastIndex(), committed: r.raftLog.committed };
    check(
      log.committed === STORED_LAST && log.first === FIRST && log.last === STORED_LAST,
      `a snapshot at 5, at or below the commit index ${STORED_LAST}, brings nothing: the log must stay as it is`,
      {
        expected: { first: FIRST, last: STORED_LAST, committed: STORED_LAST },
        actual: log,
        hint: 'handleSnapshot: when the snapshot index <= committed, change nothing (restoring it would move committed back)',
      },
    );
    check(
      replies.length === 1 && replies[0]!.index === STORED_LAST,
      `the answer tells the leader what is committed here: MsgAppendResponse index ${STORED_LAST}`,
      { expected: [`MsgAppendResponse index ${STORED_LAST}`], actual: showMsgs(replies) },
    );
  },
);
