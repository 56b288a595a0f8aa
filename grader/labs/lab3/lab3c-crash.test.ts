// Lab 3c, a crash-safe install, crash points enumerated (not sampled): the store crashes before each
// engine write of the install in turn (before the first, after the first, …, after the last), and
// restarted it must be exactly as before the snapshot (then it takes the snapshot again) or exactly as
// after it — never in between — and carry on from there. The recovery a restart runs (finishing an
// install cut short) is itself crashed at each of its writes: run again, it must end the same way.
import { check, rule } from '../../harness/rule.js';
import { entry, putData } from '../lab2/gc-rig.js';
import { InstallRig, type Persisted } from './install-rig.js';
import {
  SNAP_INDEX,
  SNAP_TERM,
  type Scene,
  expectPersisted,
  installScene,
  same,
  show,
} from './install-scene.js';

const PART = { part: 'lab3c', tags: ['unit', 'crash'] };

/** How many engine writes the install (with the rest of its Ready) makes when nothing crashes. */
async function installWrites(): Promise<number> {
  const rig = await InstallRig.open();
  const scene = await installScene(rig);
  const from = rig.life.writes;
  await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
  rig.healthy('installing the snapshot (no crash)');
  await expectPersisted(
    rig,
    scene.after,
    'setup: without a crash, the install should leave exactly the snapshot’s state — it does not: see lab3c.install.* (user data replaced, raft log cleared, states at the snapshot)',
  );
  return rig.life.writes - from;
}

/** The scene with the store crashed after write k of the install (k = 0: before its first write). */
async function crashedAt(k: number): Promise<{ rig: InstallRig; scene: Scene }> {
  const rig = await InstallRig.open();
  const scene = await installScene(rig);
  rig.crashAfterWrites(k);
  await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
  rig.crash();
  return { rig, scene };
}

/** Restarts the rig (crashAfter: the recovery dies before its write crashAfter + 1), reporting a failed open. */
async function restart(rig: InstallRig, when: string, crashAfter: number | null = null): Promise<void> {
  try {
    await rig.start(crashAfter);
  } catch (err) {
    check(false, `the store must restart ${when}`, {
      actual: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      hint: 'an install cut short must be recoverable: write the region state Applying in the kv batch (1), and make the raft state written in (2) have commit ≥ the snapshot index; load() (framework) then runs finishInstall before its checks',
    });
  }
}

/** Judges a restarted store: before or after, and then it must take the snapshot (again) and go on. */
async function judge(rig: InstallRig, scene: Scene, when: string): Promise<'before' | 'after'> {
  const p: Persisted = await rig.persisted();
  const verdict = same(p, scene.before) ? 'before' : same(p, scene.after) ? 'after' : null;
  check(verdict !== null, `restarted ${when}, the store must be as before the snapshot or as after it`, {
    expected: `before: ${show(scene.before)}\n  or after: ${show(scene.after)}`,
    actual: show(p),
  });
  if (verdict === 'before') {
    await rig.sendSnapshot(SNAP_TERM, scene.snapshot);
    rig.healthy(`installing the snapshot again, restarted ${when}`);
  }
  const next = entry(SNAP_INDEX + 1, SNAP_TERM, putData('later', 'x'));
  await rig.appendFromLeader(SNAP_TERM, SNAP_INDEX, SNAP_TERM, [next], SNAP_INDEX + 1);
  const st = rig.status();
  check(
    st.applied === SNAP_INDEX + 1 && st.firstIndex === SNAP_INDEX + 1,
    `restarted ${when}, the store continues after the snapshot`,
    { expected: { applied: SNAP_INDEX + 1, firstIndex: SNAP_INDEX + 1 }, actual: st },
  );
  return verdict;
}

rule(
  'lab3c.crash.every-install-write',
  'a crash before or after any write of the install restarts as before the snapshot or as after it',
  { ...PART, points: 4 },
  async () => {
    const n = await installWrites();
    const verdicts: string[] = [];
    for (let k = 0; k <= n; k++) {
      const { rig, scene } = await crashedAt(k);
      const when =
        k === 0 ? 'after a crash before the first install write' : `after a crash after write ${k} of ${n}`;
      await restart(rig, when);
      verdicts.push(`${k}: ${await judge(rig, scene, when)}`);
    }
    check(verdicts[0] === '0: before', 'a crash before the first write leaves the store as it was', {
      actual: verdicts,
    });
  },
);

rule(
  'lab3c.crash.recovery-idempotent',
  'finishing an install on restart is idempotent: a crash at any write of it, restarted, ends the same',
  { ...PART, points: 3 },
  async () => {
    const n = await installWrites();
    for (let k = 1; k < n; k++) {
      // How many writes a clean restart from crash point k makes (the recovery).
      const probe = await crashedAt(k);
      await restart(probe.rig, `after a crash after install write ${k}`);
      const m = probe.rig.life.writes;
      for (let j = 0; j < m; j++) {
        const { rig, scene } = await crashedAt(k);
        const when = `after a crash after install write ${k}, then after write ${j} of the ${m} of the recovery`;
        await restart(rig, `after a crash after install write ${k}`, j);
        check(rig.store === undefined, `setup: the recovery must crash at its write ${j + 1}`);
        await restart(rig, when);
        await restart(rig, `${when}, then once more`);
        await judge(rig, scene, when);
      }
    }
  },
);
