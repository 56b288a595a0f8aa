// The test-list step of the self-test: the committed list of graded tests (grader/tests.json, which
// the host grades from) is exactly what the suites declare, collected against solutions/. A stale
// list would leave new tests ungraded or grade removed ones as crashed; the fix is one command.
import { StepFailure } from './errors.js';
import { bin, exec, tail } from './exec.js';
import type { Step } from './sequence.js';

export const testListStep: Step = {
  name: 'test-list',
  summary: 'grader/tests.json equals what the suites declare (npx raftlab list --check-tests)',
  async run(ctx) {
    const r = await exec(bin(ctx.root, 'tsx'), ['grader/cli/main.ts', 'list', '--check-tests'], {
      cwd: ctx.root,
      env: { NO_COLOR: '1' },
      timeoutMs: 300_000,
      stream: ctx.verbose,
    });
    if (r.code !== 0 || r.timedOut)
      throw new StepFailure(
        'grader/tests.json is stale: run `npx raftlab list --write-tests`',
        tail(r.output),
      );
    return { kind: 'pass', detail: r.output.trim().split('\n').at(-1) ?? '' };
  },
};
