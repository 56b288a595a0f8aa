// The static steps of the self-test: generated code is current (proto, labs/), both trees
// type-check, format + lint, and the framework's own unit tests.
import { makeLabsCommand } from '../tools/make-labs.js';
import { StepFailure } from './errors.js';
import { bin, ending, exec, requireFile, tail } from './exec.js';
import type { Step, StepContext, StepResult } from './sequence.js';

async function runOrFail(
  ctx: StepContext,
  cmd: string,
  args: readonly string[],
  what: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<string> {
  const r = await exec(cmd, args, { cwd: ctx.root, env, timeoutMs, stream: ctx.verbose });
  if (r.code !== 0 || r.timedOut) throw new StepFailure(`${what}: ${ending(r, timeoutMs)}`, tail(r.output));
  return r.output;
}

export const protoStep: Step = {
  name: 'proto',
  summary: 'solutions/proto/gen matches the .proto schemas (tsx grader/tools/proto.ts --check)',
  async run(ctx) {
    const script = requireFile(ctx.root, 'grader/tools/proto.ts', 'the proto generator');
    await runOrFail(ctx, bin(ctx.root, 'tsx'), [script, '--check'], 'proto --check', 60_000);
    return { kind: 'pass', detail: 'generated protobuf code is current' };
  },
};

export const makeLabsStep: Step = {
  name: 'make-labs',
  summary: 'labs/ is exactly what `raftlab make-labs` generates from solutions/ (--check)',
  async run(ctx) {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const code = await makeLabsCommand(['--check'], { root: ctx.root, io });
    if (code !== 0)
      throw new StepFailure('labs/ is not up to date (run `npx raftlab make-labs`)', lines.join('\n'));
    return { kind: 'pass', detail: lines.join(' ').replace(/^make-labs: /, '') };
  },
};

/** The trace viewer's page script compiles against the DOM's types, apart from the Node code. */
const VIEWER_TSCONFIG = 'grader/viewer/client/tsconfig.json';

export const typecheckStep: Step = {
  name: 'typecheck',
  summary:
    'tsc -p tsconfig.json (solutions + grader), tsconfig.labs.json (the skeleton) and the viewer page (DOM)',
  async run(ctx): Promise<StepResult> {
    const tsc = bin(ctx.root, 'tsc');
    // Two independent compilations: run them side by side (2 cores).
    const results = await Promise.allSettled([
      runOrFail(ctx, tsc, ['-p', 'tsconfig.json', '--noEmit'], 'tsc -p tsconfig.json', 300_000),
      runOrFail(ctx, tsc, ['-p', 'tsconfig.labs.json', '--noEmit'], 'tsc -p tsconfig.labs.json', 300_000),
      runOrFail(ctx, tsc, ['-p', VIEWER_TSCONFIG, '--noEmit'], `tsc -p ${VIEWER_TSCONFIG}`, 300_000),
    ]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
      const output = failures.map((f) => (f instanceof StepFailure ? f.output : '')).join('\n');
      throw new StepFailure(messages.join('; '), output);
    }
    return { kind: 'pass', detail: 'solutions + grader, labs/ and the viewer page' };
  },
};

export const lintStep: Step = {
  name: 'lint',
  summary: 'biome check . (format + lint)',
  async run(ctx) {
    // The summary reporter lists the files to format and the rules broken, without the diffs.
    const args = ['check', '.', '--reporter=summary'];
    const r = await exec(bin(ctx.root, 'biome'), args, {
      cwd: ctx.root,
      timeoutMs: 120_000,
      stream: ctx.verbose,
    });
    if (r.code !== 0 || r.timedOut) {
      const summary = r.output
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(0, 60)
        .join('\n');
      throw new StepFailure(
        `biome check .: ${ending(r, 120_000)} (details: npx biome check .; format: npx biome check --write .)`,
        summary,
      );
    }
    return { kind: 'pass', detail: 'biome check . is clean' };
  },
};

export const unitStep: Step = {
  name: 'unit',
  summary: "the framework's own tests: vitest run with RAFTLAB_UNIT=1 (grader/unit/**/*.test.ts)",
  async run(ctx) {
    requireFile(ctx.root, 'vitest.config.ts', 'the vitest configuration');
    const out = await runOrFail(
      ctx,
      bin(ctx.root, 'vitest'),
      ['run'],
      'vitest run (RAFTLAB_UNIT=1)',
      300_000,
      {
        RAFTLAB_UNIT: '1',
      },
    );
    const files = /Test Files\s+(.*)/.exec(out)?.[1]?.trim();
    const tests = /Tests\s+(.*)/.exec(out)?.[1]?.trim();
    return {
      kind: 'pass',
      detail: [files && `files: ${files}`, tests && `tests: ${tests}`].filter(Boolean).join(', '),
    };
  },
};
