// `raftlab grade-batch <folder> --out DIR`: grades every submission of a folder, N at a time, each in
// its own sealed grading. The batch code (grader/instructor/batch*.ts) is loaded on demand, so that a
// student kit can leave it out; there this command says that it needs the kit repository.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { resolveTarget } from '../runner/host/paths.js';
import { defineCommand, type OptionDefs } from './command.js';
import { EXIT } from './exit.js';
import { UsageError } from './usage.js';

const OPTIONS = {
  out: {
    type: 'string',
    arg: 'DIR',
    help: 'where the records (<student>.json) and summary.csv go (required)',
  },
  jobs: {
    type: 'int',
    arg: 'N',
    min: 1,
    max: 64,
    help: 'submissions graded at a time (default: the number of cores)',
  },
  labs: { type: 'list', arg: 'L', help: 'labs or parts to grade (default: all)' },
  'seed-set': {
    type: 'string',
    arg: 'FILE',
    help: 'grade with this instructor seed set (passed to raftlab grade)',
  },
  timeout: { type: 'int', arg: 'S', default: 2100, min: 60, help: 'seconds one submission may take in all' },
  force: { type: 'boolean', help: 'grade again the students already in DIR' },
} as const satisfies OptionDefs;

async function loadBatch(): Promise<typeof import('../instructor/batch-main.js')> {
  try {
    return await import('../instructor/batch-main.js');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new UsageError('grade-batch needs the kit repository: this is a student kit');
    throw e;
  }
}

export const gradeBatchCommand = defineCommand({
  name: 'grade-batch',
  invocation: 'npx raftlab grade-batch',
  positionals: '<folder>',
  summary: 'grade every submission of a folder (sub-folders, .zip, .tar.gz), N at a time',
  description:
    'Grades every submission in <folder> (each a sub-folder, a .zip or a .tar.gz, named after its student),\n' +
    'each in its own sealed grading run, N at a time. Writes DIR/<student>.json (the grade report and what\n' +
    'happened) and DIR/summary.csv, then lists the slowest submissions and those whose grading had problems.\n' +
    'A student already in DIR is not graded again: run the same command to resume an interrupted batch.',
  options: OPTIONS,
  examples: ['npx raftlab grade-batch submissions/ --out grades/ --labs lab1 --seed-set seeds.json'],
  footer: 'Exit code 0 when every grading went cleanly (low scores included), 1 when some had problems.',
  async run(p, io) {
    const v = p.values;
    const [folder, ...extra] = p.positionals;
    if (folder === undefined || extra.length > 0)
      throw new UsageError('grade-batch: give exactly one folder of submissions');
    if (v.out === undefined) throw new UsageError('grade-batch: --out DIR is required');
    const dir = resolveTarget(folder).dir;
    const { gradeBatch } = await loadBatch();
    const ok = await gradeBatch(
      {
        dir,
        out: resolve(v.out),
        jobs: v.jobs ?? availableParallelism(),
        what: v.labs.length > 0 ? v.labs : ['all'],
        gradeArgs: v['seed-set'] !== undefined ? ['--seed-set', resolve(v['seed-set'])] : [],
        force: v.force,
        timeoutMs: v.timeout * 1000,
      },
      (line) => io.out(line),
    );
    return ok ? EXIT.ok : EXIT.failed;
  },
});
