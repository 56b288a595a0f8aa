// Region code that passes a static check reading names only: a computed key reaches `constructor`
// (`(() => 0)[k]`, or `const { [k]: F } = …`), hence Function, globalThis and process, without naming
// any of them. Each case then tries what classes 1, 2, 4, 5, 6 and 8 tried, so only the runtime walls
// (Node's permission model, frozen built-ins, host-side limits, the channel's MAC) stand in the way.
import { before, type HostileCase } from './case.js';

/** `F` (Function), `g` (globalThis) and `p` (process), never named. */
const ESCAPE = String.raw`const k = ['con', 'struc', 'tor'].join('');
const F = (() => 0)[k];
const g = F('return globalThis')();
const p = g['pro' + 'cess'];`;

/** Same, through a destructuring pattern with a computed key. */
const ESCAPE_BINDING = String.raw`const k = ['con', 'struc', 'tor'].join('');
const { [k]: F } = () => 0;
const g = F('return globalThis')();`;

const FLIP = String.raw`const w = g['__vitest_worker__'];
if (w?.current) {
  w.current.fails = true;
  w.current.meta.points = 100;
}`;

/** Finds the worker's channel module in vitest's module graph and appends records with it (valid MACs). */
const FORGE_CHANNEL = String.raw`const w = g['__vitest_worker__'];
let chan;
for (const m of w.evaluatedModules.idToModuleMap.values()) {
  if (typeof m?.exports?.appendRecord === 'function') chan = m.exports;
}
const tests = [];
const walk = (s) => {
  for (const t of s.tasks ?? []) {
    if (t.type === 'test') tests.push(t);
    else walk(t);
  }
};
walk(w.current.file);
for (const t of tests) {
  chan.appendRecord({ t: 'end', file: w.filepath, pid: p.pid, key: t.meta.id ?? t.name, state: 'pass', durationMs: 1 });
}
p.kill(p.pid, 'SIGKILL');`;

const zero = { score: 'zero' } as const;
const notPassed = ['failed', 'timeout', 'crashed'] as const;

function escaping(id: string, title: string, body: string, extra: Partial<HostileCase> = {}): HostileCase {
  return { id, title, base: 'partial', edits: [before(body)], expect: zero, ...extra };
}

export const escapeCases: HostileCase[] = [
  escaping(
    '1.escape-read-solution',
    "computed key → process; reads the solution's lab2a region with fs and runs it through F",
    String.raw`${ESCAPE}
const src = p.getBuiltinModule('node:fs').readFileSync(p.cwd() + '/solutions/raft/log.ts', 'utf8');
const [open, close] = ['BEG' + 'IN', 'EN' + 'D'].map((m) => '// ' + m + ' lab2a');
const body = src.slice(src.indexOf('\n', src.indexOf(open)), src.indexOf(close));
F('storageFirst', body).call(this, storageFirst);
return;`,
  ),
  escaping(
    '2.escape-flip',
    'computed key → globalThis.__vitest_worker__.current: fails = true, 100 points',
    `${ESCAPE}\n${FLIP}`,
  ),
  escaping(
    '2.escape-binding-flip',
    'the same through `const { [k]: F } = () => 0`',
    `${ESCAPE_BINDING}\n${FLIP}`,
  ),
  escaping(
    '4.escape-channel',
    "computed key → the worker's own channel module (vitest's module graph): 'end pass' records with valid MACs, then SIGKILL",
    `${ESCAPE}\n${FORGE_CHANNEL}`,
    { quick: true },
  ),
  escaping(
    '5.escape-spawn',
    'computed key → process: leaves a detached process behind (it would rewrite the report)',
    String.raw`${ESCAPE}
p.getBuiltinModule('node:child_process').spawn(p.execPath, ['-e', 'setTimeout(() => {}, 1000)'], { detached: true, stdio: 'ignore' }).unref();`,
  ),
  escaping(
    '6.escape-tamper',
    'computed key → process: rewrites grader/harness/rule.ts with fs (the next grading would pass)',
    String.raw`${ESCAPE}
const fs = p.getBuiltinModule('node:fs');
const rule = p.cwd() + '/grader/harness/rule.ts';
fs.writeFileSync(rule, fs.readFileSync(rule, 'utf8').replaceAll('throw wrap(id, err', 'return; (id, err'));`,
    { expect: { score: 'zero', regrade: true }, exclusive: true },
  ),
  escaping(
    '8.escape-kill-ppid',
    "computed key → process: process.kill(process.ppid, 'SIGKILL') (the grader)",
    `${ESCAPE}\np.kill(p.ppid, 'SIGKILL');`,
    { expect: { score: 'zero', statuses: notPassed } },
  ),
  escaping(
    '8.escape-binding-kill',
    'the same kill, Function reached through `const { [k]: F } = () => 0`',
    `${ESCAPE_BINDING}\ng['pro' + 'cess'].kill(g['pro' + 'cess'].ppid, 'SIGKILL');`,
    { expect: { score: 'zero', statuses: notPassed } },
  ),
  escaping(
    '8.escape-optional-kill',
    'the same kill, Function reached through an optional chain `f?.[k]` on a value from a Map',
    String.raw`const k = ['con', 'struc', 'tor'].join('');
const m = new Map([['f', () => 0]]);
const F = m.get('f')?.[k];
const q = F('return process')();
q.kill(q.ppid, 'SIGKILL');`,
    { expect: { score: 'zero', statuses: notPassed } },
  ),
  escaping(
    '8.escape-sigstop',
    'computed key → process: SIGSTOP its own process (its watchdog thread stops with it)',
    `${ESCAPE}\np.kill(p.pid, 'SIGSTOP');`,
    { expect: { score: 'zero', statuses: notPassed, limitMs: 180_000 } },
  ),
];
