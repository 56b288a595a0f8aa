// Class 6 of issue 10, tampering with the checkout that grades: a region (or module-level code, at import
// time) rewrites grader/harness/rule.ts so that a rule swallows every error, or vitest's runner so that
// every failure is flipped into a pass. The next grading in that checkout, of the untouched skeleton,
// must still score 0.
import { before, type HostileCase, helpers, replace } from './case.js';
import { FIND_KITS, once } from './snippets.js';

const TAMPER_RULE = String.raw`${FIND_KITS}
const fs = process.getBuiltinModule('node:fs');
for (const kit of kits) {
  const p = kit + '/grader/harness/rule.ts';
  if (fs.existsSync(p)) fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replaceAll('throw wrap(id, err', 'return; (id, err'));
}`;

const TAMPER_RUNNER = String.raw`${FIND_KITS}
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
for (const kit of kits) {
  let dist;
  try {
    dist = path.dirname(process.getBuiltinModule('node:module').createRequire(kit + '/package.json').resolve('@vitest/runner'));
  } catch {
    continue;
  }
  for (const f of fs.readdirSync(dist).filter((n) => n.endsWith('.js'))) {
    const p = path.join(dist, f);
    const s = fs.readFileSync(p, 'utf8');
    if (s.includes('if (test.fails) {')) fs.writeFileSync(p, s.replaceAll('if (test.fails) {', 'if (test.result.state === "fail") {'));
  }
}`;

const tamper = { score: 'zero', regrade: true } as const;

export const checkoutCases: HostileCase[] = [
  {
    id: '6.rule-ts',
    title:
      'a region rewrites grader/harness/rule.ts: every rule swallows its error (the next grading passes)',
    base: 'partial',
    edits: [before(once('hostile6a', TAMPER_RULE))],
    expect: tamper,
    exclusive: true,
    quick: true,
  },
  {
    id: '6.vitest-runner',
    title: 'a region rewrites node_modules/@vitest/runner: every failed test is flipped into a pass',
    base: 'partial',
    edits: [before(once('hostile6b', TAMPER_RUNNER))],
    expect: tamper,
    exclusive: true,
  },
  {
    id: '6.rule-ts-helpers',
    title:
      'the helpers region of raft/log.ts rewrites rule.ts at import time (an initialiser that runs code)',
    base: 'partial',
    edits: [helpers(`const tampered = (() => {\n${TAMPER_RULE}\n  return true;\n})();`)],
    expect: tamper,
    exclusive: true,
  },
  {
    id: '6.rule-ts-import-time',
    title: 'module-level code of raft/log.ts (outside every region) rewrites rule.ts when it is imported',
    base: 'partial',
    edits: [
      replace('raft/log.ts', '\nexport class RaftLog {', `\n{\n${TAMPER_RULE}\n}\n\nexport class RaftLog {`),
    ],
    expect: tamper,
    exclusive: true,
  },
];
