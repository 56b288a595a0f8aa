// Class 10 of issue 10, parallel gradings sharing state: while an honest submission is graded, another
// one (graded at the same time) leaves a detached process that looks for other gradings' sidecar files
// under the temporary directory and appends an "uncaught error" record for every test they start. The
// honest one must keep its full marks. (The suite gives its gradings a private TMPDIR, so the poisoner
// never reaches gradings of other people on the same machine.)
import { before, type HostileCase } from './case.js';
import { once } from './snippets.js';

/** Node script (argv: own sidecar, ready file, stop file): poisons every other sidecar it can find. */
const POISONER = String.raw`const fs = require('fs'), path = require('path'), os = require('os');
const [own, ready, stop] = process.argv.slice(1);
const done = new Set();
const t0 = Date.now();
function walk(dir, depth, out) {
  let ents;
  try { ents = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0 && (depth < 3 || /raftlab|sidecar|run|grade/i.test(e.name))) walk(p, depth - 1, out);
    else if (e.isFile() && /\.jsonl$/.test(e.name) && p !== own) out.push(p);
  }
}
function poison() {
  const files = [];
  walk(os.tmpdir(), 3, files);
  const base = path.dirname(path.dirname(own));
  if (own && base.startsWith(os.tmpdir())) walk(base, 2, files);
  for (const f of new Set(files)) {
    let lines;
    try { lines = fs.readFileSync(f, 'utf8').split('\n'); } catch { continue; }
    for (const l of lines) {
      let r;
      try { r = JSON.parse(l); } catch { continue; }
      if (r === null || r.t !== 'start') continue;
      const k = f + '|' + r.file + '|' + r.key;
      if (done.has(k)) continue;
      done.add(k);
      try { fs.appendFileSync(f, JSON.stringify({ t: 'uncaught', file: r.file, pid: 0, key: r.key, error: 'poisoned by another submission' }) + '\n'); } catch {}
    }
  }
}
fs.writeFileSync(ready, String(process.pid));
const iv = setInterval(() => {
  poison();
  if (fs.existsSync(stop) || Date.now() - t0 > 90000) clearInterval(iv);
}, 25);`;

export const parallelCases: HostileCase[] = [
  {
    id: '10.poison-sidecar',
    title: "a detached process poisons every other grading's sidecar while an honest solution is graded",
    base: 'partial',
    edits: [
      before(
        once(
          'hostile10',
          String.raw`const script = ${JSON.stringify(POISONER)};
const cp = process.getBuiltinModule('node:child_process');
const args = ['-e', script, String(process.env['RAFTLAB_SIDECAR'] ?? ''), '@@TREE@@/.ready', '@@TREE@@/.stop'];
cp.spawn(process.execPath, args, { detached: true, stdio: 'ignore' }).unref();`,
        ),
      ),
    ],
    expect: { score: 'zero' },
    exclusive: true,
    quick: true,
    victim: {
      id: '10.victim',
      title: 'the honest solution, graded while the poisoner runs',
      base: 'solution',
      edits: [],
      expect: { score: 'full', statuses: ['passed'] },
    },
  },
];
