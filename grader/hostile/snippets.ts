// Pieces of hostile code shared by several cases: how a submission finds the kit that grades it, and the
// grading process and its --json path. Plain JavaScript text (valid TypeScript) for region bodies.

/** `kits`: the kit roots a submission can guess (its test worker runs node_modules/vitest/…; the cwd). */
export const FIND_KITS = String.raw`
const argv1 = String(process.argv[1] ?? '');
const kits = [argv1.slice(0, Math.max(0, argv1.indexOf('/node_modules/'))), process.cwd()].filter(
  (k, i, all) => k !== '' && all.indexOf(k) === i,
);`;

/**
 * `grader`: `{ pid, json }` of the nearest ancestor process whose command line has `--json FILE`
 * (read from /proc), or undefined.
 */
export const FIND_GRADER = String.raw`
const fs = process.getBuiltinModule('node:fs');
let grader;
for (let pid = process.ppid, hop = 0; pid > 1 && hop < 6 && grader === undefined; hop++) {
  const args = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\0');
  const k = args.indexOf('--json');
  if (k >= 0) {
    const file = args[k + 1];
    grader = { pid, json: file.startsWith('/') ? file : fs.realpathSync('/proc/' + pid + '/cwd') + '/' + file };
  }
  pid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
}`;

/** Runs the rest of the region only once per test process. */
export function once(tag: string, body: string): string {
  return `const g = globalThis;\nif (g['${tag}'] !== true) {\n  g['${tag}'] = true;\n${body}\n}`;
}
