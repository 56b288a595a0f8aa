// `raftlab gradescope --out autograder.zip`: writes the Gradescope autograder bundle (setup.sh,
// run_autograder, a student kit, the hidden seed set; grader/instructor/gradescope.ts). Loaded on
// demand, like export: a student kit leaves the bundle code out.
import { resolve } from 'node:path';
import { defineCommand, type OptionDefs } from './command.js';
import { EXIT } from './exit.js';
import { UsageError } from './usage.js';

const OPTIONS = {
  out: { type: 'string', arg: 'FILE', default: 'autograder.zip', help: 'the zip to write' },
  labs: { type: 'list', arg: 'LAB', help: 'labs of the kit and of the grading (default: all)' },
  'seed-set': {
    type: 'string',
    arg: 'FILE',
    help: 'the instructor seed set run_autograder grades with (without it: the default seed, which students know)',
  },
} as const satisfies OptionDefs;

async function loadBundler(): Promise<typeof import('../instructor/gradescope.js')> {
  try {
    return await import('../instructor/gradescope.js');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new UsageError('gradescope needs the kit repository (with solutions/): this is a student kit');
    throw e;
  }
}

export const gradescopeCommand = defineCommand({
  name: 'gradescope',
  invocation: 'npx raftlab gradescope',
  summary: 'write a Gradescope autograder bundle (setup.sh, run_autograder, a student kit)',
  description:
    "Writes a zip to upload as a Gradescope programming assignment's autograder: setup.sh installs\n" +
    "Node 20 and the kit's dependencies on Gradescope's Ubuntu image; run_autograder grades\n" +
    '/autograder/submission (its marked regions, sealed) and writes /autograder/results/results.json.\n' +
    'RAFTLAB_AUTOGRADER_ROOT replaces /autograder, to try the bundle locally.',
  options: OPTIONS,
  examples: ['npx raftlab gradescope --out autograder.zip --labs lab1 --seed-set seeds.json'],
  footer: 'Exit code 0 when the bundle was written.',
  async run(p, io) {
    const v = p.values;
    const { buildAutograderBundle } = await loadBundler();
    const { ExportError } = await import('../instructor/export.js');
    try {
      const b = await buildAutograderBundle({
        out: resolve(v.out),
        ...(v.labs.length > 0 ? { labs: v.labs } : {}),
        ...(v['seed-set'] !== undefined ? { seedSet: resolve(v['seed-set']) } : {}),
      });
      io.out(`Wrote ${b.out}: labs ${b.labs.join(', ')}, ${b.files} files`);
      if (!b.seedSet)
        io.err(
          'warning: no --seed-set: submissions are graded with the default seed, which students can run',
        );
    } catch (e) {
      if (e instanceof ExportError) throw new UsageError(`gradescope: ${e.message}`);
      throw e;
    }
    return EXIT.ok;
  },
});
