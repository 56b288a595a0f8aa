// protobufjs decodes uint64 as Long objects unless configured (`--force-number` only changes the
// .d.ts). These tests decode real bytes — a raft message, the store's envelope, persisted states —
// and check that every term and index comes back as a plain JS number with its exact value.
import $protobuf from 'protobufjs/minimal.js';
import { expect, test } from 'vitest';
import { storepb } from '../../solutions/proto/pb.js';
import {
  decodeEntry,
  decodeMessage,
  EntryType,
  encodeEntry,
  encodeMessage,
  MessageType,
  newEntry,
  newMessage,
} from '../../solutions/raft/raftpb.js';
import {
  decodeApplyState,
  decodeRaftLocalState,
  encodeApplyState,
  encodeRaftLocalState,
} from '../../solutions/store/meta.js';

const BIG = 2 ** 40 + 3; // beyond 32 bits: a Long would have high != 0

test('the Long class is switched off once the generated code is loaded', () => {
  expect(($protobuf.util as { Long?: unknown }).Long).toBeUndefined();
});

test('a decoded raft message carries numbers, not Long objects', () => {
  const m = newMessage({
    msgType: MessageType.MsgAppend,
    to: 2,
    from: 1,
    term: BIG,
    logTerm: BIG - 1,
    index: BIG + 7,
    commit: BIG + 5,
    rejectHint: 9,
    entries: [newEntry({ term: BIG, index: BIG + 8, data: new Uint8Array([1, 2, 3]) })],
  });
  const back = decodeMessage(encodeMessage(m));
  for (const v of [back.to, back.from, back.term, back.logTerm, back.index, back.commit, back.rejectHint]) {
    expect(typeof v).toBe('number');
  }
  expect(back).toMatchObject({ term: BIG, logTerm: BIG - 1, index: BIG + 7, commit: BIG + 5, rejectHint: 9 });
  expect(typeof back.entries[0]!.term).toBe('number');
  expect(back.entries[0]).toMatchObject({ term: BIG, index: BIG + 8, entryType: EntryType.EntryNormal });
});

test('the store envelope decoded by the generated code (what the network delivers) carries numbers', () => {
  const bytes = storepb.RaftMessage.encode({
    regionId: 1,
    fromPeer: { id: 1, storeId: 1 },
    toPeer: { id: 2, storeId: 2 },
    message: { msgType: MessageType.MsgHeartbeat, term: BIG, commit: BIG - 2 },
  }).finish();
  const env = storepb.RaftMessage.decode(bytes);
  expect(typeof env.regionId).toBe('number');
  expect(typeof env.message!.term).toBe('number');
  expect(env.message!.term).toBe(BIG);
  expect(env.message!.commit).toBe(BIG - 2);
});

test('persisted entries and states decode to numbers', () => {
  const e = decodeEntry(encodeEntry(newEntry({ term: BIG, index: BIG + 1 })));
  expect(e).toMatchObject({ term: BIG, index: BIG + 1 });
  const rs = decodeRaftLocalState(
    encodeRaftLocalState({
      hardState: { term: BIG, vote: 3, commit: BIG - 1 },
      lastIndex: BIG + 2,
      lastTerm: BIG,
    }),
  );
  expect(rs).toEqual({
    hardState: { term: BIG, vote: 3, commit: BIG - 1 },
    lastIndex: BIG + 2,
    lastTerm: BIG,
  });
  const as = decodeApplyState(
    encodeApplyState({ appliedIndex: BIG, truncatedState: { index: BIG - 4, term: 7 } }),
  );
  expect(as).toEqual({ appliedIndex: BIG, truncatedState: { index: BIG - 4, term: 7 } });
});
