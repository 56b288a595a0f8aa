// The scene every lab-3c install test starts from, on an InstallRig: store 1 follows leader 2 of term 6
// and holds a log 6..25 (6..13 committed and applied: puts of k06..k12 and of zzz; 14..25 an
// uncommitted tail of term 6, past the snapshot) or, short, only 6..13 (a follower left behind), plus a
// stray log key at 3 below its first index (a log GC that never ran). Leader 2 of term 7 then sends a
// snapshot at (20, 7) of three keys: keys applied before are absent from it, before its first key,
// between its keys and after its last.
import { Buffer } from 'node:buffer';
import type { Snapshot } from '@target/raft/raftpb.js';
import { entry, putData } from '../lab2/gc-rig.js';
import { check } from '../../harness/rule.js';
import { type InstallRig, type Persisted, makeSnapshot, snapshotData } from './install-rig.js';

export const SNAP_INDEX = 20;
export const SNAP_TERM = 7;
/** The snapshot's user pairs. */
export const SNAP_PAIRS: readonly (readonly [string, string])[] = [
  ['k07', 's7'],
  ['k10', 's10'],
  ['m', 'snap-m'],
];

export interface Scene {
  /** What the store persisted before the snapshot arrived. */
  before: Persisted;
  /** What it must have persisted once the snapshot is installed (and nothing after it). */
  after: Persisted;
  snapshot: Snapshot;
}

/** The key of the entry at index i of the scene's log. */
function keyAt(i: number): string {
  return i === 13 ? 'zzz' : i < 13 ? `k${String(i).padStart(2, '0')}` : `t${i}`;
}

/** Builds the scene on a freshly opened rig (store 1 at its bootstrap state); short: no tail past 13. */
export async function installScene(rig: InstallRig, short = false): Promise<Scene> {
  const ents = [];
  const last = short ? 13 : 25;
  for (let i = 6; i <= last; i++) ents.push(entry(i, 6, putData(keyAt(i), `old${i}`)));
  await rig.appendFromLeader(6, 5, 5, ents, 13);
  await rig.plantLogEntries([entry(3, 5, putData('gone', 'long ago'))]);
  const before = await rig.persisted();
  const logBefore = [3, ...ents.map((e) => e.index)];
  check(
    before.apply?.appliedIndex === 13 &&
      before.raft?.lastIndex === last &&
      `${before.log}` === `${logBefore}`,
    `setup: a follower that applied 6..13 and holds the log up to ${last}`,
    { actual: before, hint: 'labs 1–2 must pass first' },
  );
  const region = await rig.region();
  const data = snapshotData(SNAP_PAIRS, region);
  const after: Persisted = {
    data: SNAP_PAIRS.map(([k, v]) => `${k}=${v}`),
    log: [],
    raft: { lastIndex: SNAP_INDEX, lastTerm: SNAP_TERM, commit: SNAP_INDEX },
    apply: { appliedIndex: SNAP_INDEX, truncatedState: { index: SNAP_INDEX, term: SNAP_TERM } },
    region: 'Normal',
  };
  return { before, after, snapshot: makeSnapshot(SNAP_INDEX, SNAP_TERM, data, region) };
}

/** A copy of the snapshot whose data has one byte of a value flipped: it decodes, its checksum fails. */
export function damaged(snap: Snapshot): Snapshot {
  const data = Buffer.from(snap.data);
  const at = data.indexOf('snap-m');
  data[at] = data[at]! ^ 0x20;
  return { ...snap, data };
}

/** A one-line rendering of a persisted state for failure messages. */
export function show(p: Persisted): string {
  return JSON.stringify(p);
}

/** Is the persisted state exactly `want`? */
export function same(p: Persisted, want: Persisted): boolean {
  return show(p) === show(want);
}

/** Checks that what the rig's store persisted is exactly `want`; returns it. */
export async function expectPersisted(rig: InstallRig, want: Persisted, what: string): Promise<Persisted> {
  const p = await rig.persisted();
  check(same(p, want), what, { expected: show(want), actual: show(p) });
  return p;
}
