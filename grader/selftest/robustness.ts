// The robustness step: runs the runner's own robustness check (hung, crashing or memory-hungry test
// workers) when it ships one as a script; when that coverage lives in the unit tests, it says so and
// skips, since the unit step has already run them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StepFailure } from './errors.js';
import { bin, ending, exec, tail } from './exec.js';
import type { Step } from './sequence.js';

/** Scripts the runner may provide; the first one present is run with tsx and must exit 0. */
export const ROBUSTNESS_SCRIPTS = ['grader/runner/robustness.ts', 'grader/runner/selfcheck.ts'];
const UNIT_PATTERN = /(runner|watchdog|robust|sidecar|hang|crash)/i;

export const robustnessStep: Step = {
  name: 'robustness',
  summary: "the runner's robustness checks (a script, or else covered by the unit step)",
  async run(ctx) {
    const script = ROBUSTNESS_SCRIPTS.find((s) => existsSync(join(ctx.root, s)));
    if (script !== undefined) {
      const r = await exec(bin(ctx.root, 'tsx'), [script], {
        cwd: ctx.root,
        timeoutMs: 180_000,
        stream: ctx.verbose,
      });
      if (r.code !== 0 || r.timedOut)
        throw new StepFailure(`${script}: ${ending(r, 180_000)}`, tail(r.output));
      return { kind: 'pass', detail: `${script} passed` };
    }
    const unitDir = join(ctx.root, 'grader', 'unit');
    const unitFiles = existsSync(unitDir)
      ? readdirSync(unitDir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.test.ts') && UNIT_PATTERN.test(f))
      : [];
    if (unitFiles.length > 0) {
      return { kind: 'skip', detail: `covered by the unit step (${unitFiles.sort().join(', ')})` };
    }
    return { kind: 'skip', detail: 'the runner provides no robustness check yet' };
  },
};
