// Lab 3c, installing a snapshot (Peer.applySnapshot → PeerStorage.applySnapshot / finishInstall), on
// one real store whose leader the test plays: the region's old user data and every old raft-log key
// are gone, the snapshot's pairs and the three states are written, the store's memory follows (reads
// and appends continue after the snapshot, across a restart too); a snapshot whose data fails its
// checksum changes nothing; proposals the snapshot overtook are answered as possibly applied.
import { Buffer } from 'node:buffer';
import { MessageType } from '@target/raft/raftpb.js';
import { REGION_ID } from '@target/store/bootstrap.js';
import { outcomeOf } from '@target/store/cmd.js';
import { readRaftLocalState } from '@target/store/meta.js';
import { settle } from '../../harness/manual-runtime.js';
import { check, rule } from '../../harness/rule.js';
import { entry, putData } from '../lab2/gc-rig.js';
import { type Answer, InstallRig, STALE_CACHE_HINT, makeSnapshot, snapshotData } from './install-rig.js';
import {
  SNAP_INDEX,
  SNAP_PAIRS,
  SNAP_TERM,
  type Scene,
  damaged,
  expectPersisted,
  installScene,
} from './install-scene.js';

const PART = { part: 'lab3c', tags: ['unit'] };

/** The scene (short: the follower's log ends before the snapshot), with the snapshot sent and installed. */
async function installed(short = false): Promise<{ rig: InstallRig; scene: Scene }> {
  const rig = await InstallRig.open();
  const scene = await installScene(rig, short);
  rig.takeSent();
  await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
  rig.healthy(`installing the snapshot at (${SNAP_INDEX}, ${SNAP_TERM})`);
  return { rig, scene };
}

/** Some fields of a persisted state, as `field: value` in one line. */
function show1(fields: [string, unknown][]): string {
  return fields.map(([f, v]) => `${f}: ${JSON.stringify(v)}`).join(', ');
}

/** The answer's user-visible outcome in a failure message. */
function showAnswer(a: Answer): string {
  if (a.resp === undefined) return 'no answer';
  const err = a.resp.header?.error;
  return err ? `error: ${err.message}${err.indeterminate ? ' (indeterminate)' : ''}` : 'ok';
}

rule(
  'lab3c.install.replaces-user-data',
  "the install deletes every old user key of the region and writes exactly the snapshot's pairs",
  { ...PART, points: 3 },
  async () => {
    const { rig } = await installed();
    const p = await rig.persisted();
    const want = SNAP_PAIRS.map(([k, v]) => `${k}=${v}`);
    const stale = p.data.filter((kv) => !want.includes(kv));
    check(
      stale.length === 0,
      "after the install the kv engine holds no user data but the snapshot's: keys it lacks are gone",
      {
        expected: want,
        actual: p.data,
        hint: 'in the install kv batch, delete every data key of the region range (before the first snapshot key, between its keys, past its last), not only the keys the snapshot overwrites',
      },
    );
    check(`${p.data}` === `${want}`, "every pair of the snapshot is written, with the snapshot's value", {
      expected: want,
      actual: p.data,
      hint: 'put each snapshot pair under dataKey(key) in the same kv batch',
    });
  },
);

rule(
  'lab3c.install.clears-raft-log',
  'the install deletes every raft-log key of the region: below the first index, up to and past the snapshot index',
  { ...PART, points: 3 },
  async () => {
    const { rig } = await installed();
    const { log } = await rig.persisted();
    check(log.length === 0, 'after the install the raft engine holds no log entry of the old log', {
      expected: 'no raft-log key (the snapshot message carried no entries)',
      actual: `raft-log keys at ${log.join(', ')}`,
      hint: 'delete the whole raftLogKeyRange(region) in the install raft batch: a stray key below the first index and an old tail past the snapshot index included',
    });
  },
);

rule(
  'lab3c.install.states',
  'the install writes apply state (applied = truncated = snapshot), raft state (last = snapshot, commit ≥ it), region Normal; memory follows',
  { ...PART, points: 3 },
  async () => {
    const { rig, scene } = await installed();
    const p = await rig.persisted();
    // Only the three states: the user data and the log keys are install.replaces-user-data's and
    // install.clears-raft-log's.
    const hints = {
      apply: 'apply state {applied = truncated = (index, term)} in the kv batch',
      raft: 'raft state {last index/term = the snapshot’s, commit ≥ index} in the raft batch',
      region: 'region state back to Normal last (after the raft batch)',
    };
    const fields = ['apply', 'raft', 'region'] as const;
    const differ = fields.filter((f) => JSON.stringify(p[f]) !== JSON.stringify(scene.after[f]));
    check(
      differ.length === 0,
      `the persisted ${differ.join(' and ')} state${differ.length > 1 ? 's' : ''} after the install must be the snapshot's`,
      {
        expected: show1(differ.map((f) => [f, scene.after[f]])),
        actual: show1(differ.map((f) => [f, p[f]])),
        hint: differ.map((f) => hints[f]).join('; '),
      },
    );
    const st = rig.status();
    check(
      st.applied === SNAP_INDEX &&
        st.truncatedIndex === SNAP_INDEX &&
        st.firstIndex === SNAP_INDEX + 1 &&
        st.lastIndex === SNAP_INDEX &&
        st.committed >= SNAP_INDEX,
      "PeerStorage's in-memory states follow the install",
      {
        expected: { applied: SNAP_INDEX, firstIndex: SNAP_INDEX + 1, lastIndex: SNAP_INDEX },
        actual: st,
        hint: 'after the writes, replace raftState and applyState in memory and reset the entry cache to start at index + 1',
      },
    );
    const reply = rig.takeSent().find((m) => m.msgType === MessageType.MsgAppendResponse && m.to === 2);
    check(reply?.index === SNAP_INDEX && !reply.reject, 'the store acknowledges the snapshot index', {
      expected: `MsgAppendResponse{index: ${SNAP_INDEX}}`,
      actual: reply ?? 'no MsgAppendResponse to the leader',
    });
    const kinds = rig.events.map((e) => e.kind).filter((k) => k.startsWith('snapshot-install'));
    check(`${kinds}` === 'snapshot-install,snapshot-installed', 'the install is traced from start to end', {
      actual: kinds,
    });
  },
);

rule(
  'lab3c.install.continues-after',
  'after the install the store appends and applies after the snapshot, restarts there, and serves reads of its data',
  { ...PART, points: 3 },
  async () => {
    const { rig } = await installed(true);
    const next = [
      entry(SNAP_INDEX + 1, SNAP_TERM, putData('k08', 'new8')),
      entry(SNAP_INDEX + 2, SNAP_TERM, putData('n', 'new-n')),
    ];
    await rig.send(2, {
      msgType: MessageType.MsgAppend,
      term: SNAP_TERM,
      index: SNAP_INDEX,
      logTerm: SNAP_TERM,
      entries: next,
      commit: SNAP_INDEX + 2,
    });
    const errors = rig.rt.errors.join('\n');
    check(errors === '', 'the store appends the entries that continue the snapshot', {
      actual: errors,
      hint: /entry cache/.test(errors)
        ? STALE_CACHE_HINT
        : 'the entry cache must continue at the snapshot index + 1',
    });
    const st = rig.status();
    check(
      st.applied === SNAP_INDEX + 2 && st.lastIndex === SNAP_INDEX + 2,
      'entries that continue the snapshot are appended and applied',
      {
        expected: { applied: SNAP_INDEX + 2, lastIndex: SNAP_INDEX + 2 },
        actual: st,
        hint: 'the entry cache must continue at the snapshot index + 1',
      },
    );
    rig.crash();
    await rig.start();
    const again = rig.status();
    check(
      again.applied === SNAP_INDEX + 2 && again.firstIndex === SNAP_INDEX + 1,
      'restarted, the store is where it was',
      { expected: { applied: SNAP_INDEX + 2, firstIndex: SNAP_INDEX + 1 }, actual: again },
    );
    await rig.becomeLeader();
    const all = await rig.read();
    const got = (all.resp?.responses[0]?.kvs ?? []).map(
      (kv) => `${Buffer.from(kv.key ?? []).toString()}=${Buffer.from(kv.value ?? []).toString()}`,
    );
    const want = ['k07=s7', 'k08=new8', 'k10=s10', 'm=snap-m', 'n=new-n'];
    check(`${got}` === `${want}`, 'as leader, it reads the snapshot’s data and what came after it', {
      expected: want,
      actual: all.resp === undefined ? 'no answer' : got,
    });
  },
);

rule(
  'lab3c.install.corrupt-refused',
  'a snapshot whose data fails its checksum is refused before anything is written; the good one then installs',
  { ...PART, points: 2 },
  async () => {
    const rig = await InstallRig.open();
    const scene = await installScene(rig);
    await rig.sendSnapshot(SNAP_TERM, damaged(scene.snapshot));
    check(rig.rt.errors.length > 0, 'a damaged snapshot must stop the store with an error', {
      actual: 'no error reported',
    });
    await expectPersisted(rig, scene.before, 'refusing a damaged snapshot leaves both engines as they were');
    await rig.start();
    await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
    rig.healthy('installing the good snapshot after the damaged one');
    await expectPersisted(rig, scene.after, 'restarted, the store installs the intact snapshot');
  },
);

rule(
  'lab3c.install.overtaken-proposals',
  'proposals of a deposed leader that a snapshot overtakes are answered once, as possibly applied',
  { ...PART, points: 2 },
  async () => {
    const rig = await InstallRig.open();
    const term = await rig.becomeLeader();
    await rig.ack(2, 6);
    const answers = [rig.put('a', '1'), rig.put('b', '2'), rig.put('c', '3')];
    await settle();
    check(rig.status().lastIndex === 9, 'setup: three proposals at 7, 8 and 9, not committed', {
      actual: rig.status(),
    });
    const region = await rig.region();
    const snap = makeSnapshot(8, term + 1, snapshotData([['a', '1']], region), region);
    await rig.sendSnapshot(term + 1, snap);
    rig.healthy('installing a snapshot as a deposed leader');
    check(
      answers.every((a) => a.resp !== undefined && outcomeOf(a.resp) === 'unknown'),
      'each proposal is answered, and none as applied or as definitely failed: the snapshot may hold them',
      {
        expected: 'three indeterminate answers',
        actual: answers.map(showAnswer),
        hint: 'after the install, answer the pending proposals up to the snapshot index with an indeterminate error (notLeaderError(…, true))',
      },
    );
    check((await rig.persisted()).apply?.appliedIndex === 8, 'the snapshot is installed', {
      actual: await rig.persisted(),
    });
  },
);

rule(
  'lab3c.install.hard-state-term',
  "a crash after the install's raft batch, before the Ready's hard state: the restart holds no vote in a term it never voted in",
  { ...PART, points: 1 },
  async () => {
    // Store 1 voted for 2 in term 6 and never voted in term 7, the snapshot's. Every crash point of the
    // install whose restart finds the install's raft state (the raft batch landed) judges the hard
    // state: in term 6 it may keep its vote for 2; in a newer term it has none. (That the term is not
    // behind the snapshot's is lab3c.install.term-not-behind-snapshot's.)
    let judged = 0;
    for (let k = 1; k <= 10; k++) {
      const rig = await InstallRig.open();
      await rig.deliver(2, { msgType: MessageType.MsgRequestVote, term: 6, index: 5, logTerm: 5 });
      const voted = (await readRaftLocalState(rig.raftMem, REGION_ID))?.hardState;
      check(voted?.term === 6 && voted.vote === 2, 'setup: store 1 votes for 2 in term 6', { actual: voted });
      const scene = await installScene(rig);
      rig.crashAfterWrites(k);
      await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
      const crashed = rig.life.dead;
      rig.crash();
      const when = `restarted after a crash after write ${k} of the install`;
      try {
        await rig.start();
      } catch (err) {
        check(false, `the store must restart (${when})`, {
          actual: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        });
      }
      const rs = await readRaftLocalState(rig.raftMem, REGION_ID);
      if (rs?.lastIndex === SNAP_INDEX) {
        judged++;
        const hs = rs.hardState;
        check(
          hs.term === 6 || hs.vote === 0,
          `${when}: no vote in term ${hs.term}, which store 1 never voted in`,
          {
            expected: `term ${hs.term}, vote 0`,
            actual: hs,
            hint: "finishInstall: a snapshot term newer than the hard state's gives {term: snapshot term, vote: 0, commit}; the vote for 2 was cast in term 6 and is kept only with term 6",
          },
        );
      }
      if (!crashed) break;
    }
    check(judged > 0, "setup: some crash point must come after the install's raft batch", { actual: judged });
  },
);
