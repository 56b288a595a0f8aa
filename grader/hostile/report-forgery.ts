// Class 5 of issue 10, forging the report: a region finds the grader's --json path in /proc/<ppid>/cmdline
// and either leaves a detached process that rewrites the report (full marks) once the grader has exited,
// or writes a forged report itself and makes the grader's temporary file path a directory.
import { before, type HostileCase } from './case.js';
import { FIND_GRADER, once } from './snippets.js';

/** Node script (argv: grader pid, report path): waits for the grader to exit, then rewrites the report. */
const REWRITER = String.raw`const fs = require('fs');
const [pid, json] = process.argv.slice(1);
const t0 = Date.now();
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const tick = () => {
  if (Date.now() - t0 > 120000) return;
  if (alive()) return setTimeout(tick, 10);
  try {
    const r = JSON.parse(fs.readFileSync(json, 'utf8'));
    for (const l of r.labs) {
      for (const t of l.tests) { t.status = 'passed'; t.points = t.max; delete t.error; }
      for (const p of l.parts) p.score = p.max;
      l.score = l.max;
    }
    r.total.score = r.total.max;
    r.problems = [];
    fs.writeFileSync(json, JSON.stringify(r, null, 2));
  } catch {}
};
tick();`;

const FORGED = String.raw`{
  version: 1, target: 'forged', targetDir: '/forged', seed: 1, seeds: [1], wallMs: 1,
  labs: [{ id: 'lab2', title: 'Log GC', score: 18, max: 18,
    parts: [{ id: 'lab2a', title: 'maybeCompact in the Raft log', score: 18, max: 18 }], tests: [] }],
  total: { score: 18, max: 18 }, problems: [],
}`;

export const reportCases: HostileCase[] = [
  {
    id: '5.detached-rewrite',
    title:
      'a region leaves a detached process that rewrites the JSON report with full marks after the grader exits',
    base: 'partial',
    edits: [
      before(
        once(
          'hostile5a',
          String.raw`${FIND_GRADER}
if (grader !== undefined) {
  const script = ${JSON.stringify(REWRITER)};
  const cp = process.getBuiltinModule('node:child_process');
  cp.spawn(process.execPath, ['-e', script, String(grader.pid), grader.json], { detached: true, stdio: 'ignore' }).unref();
}`,
        ),
      ),
    ],
    expect: { score: 'zero', stable: true },
    quick: true,
  },
  {
    id: '5.precreate-tmp',
    title: "a region writes a forged report and makes the grader's temporary report path a directory",
    base: 'partial',
    edits: [
      before(
        once(
          'hostile5b',
          String.raw`${FIND_GRADER}
if (grader !== undefined) {
  for (const pid of [grader.pid, process.ppid]) fs.mkdirSync(grader.json + '.' + pid + '.tmp', { recursive: true });
  fs.writeFileSync(grader.json, JSON.stringify(${FORGED}));
}`,
        ),
      ),
    ],
    expect: { score: 'zero', stable: true },
  },
];
