// `raftlab export --out DIR [--labs …] [--hints full|brief|none]`: writes a student kit without the
// reference (grader/instructor/export.ts). The exporter is loaded on demand: a student kit leaves it
// out, and there this command says that it needs the kit repository.
import { resolve } from 'node:path';
import { LABS } from '../registry.js';
import { parseHintLevel } from '../tools/makelabs/generate.js';
import { defineCommand, type OptionDefs } from './command.js';
import { EXIT } from './exit.js';
import { UsageError } from './usage.js';

const OPTIONS = {
  out: { type: 'string', arg: 'DIR', help: 'the new kit folder (must not exist, or be empty)' },
  labs: {
    type: 'list',
    arg: 'LAB',
    help: `labs to include (default: all; a lab brings the earlier ones, whose code its tests run on): ${LABS.map((l) => l.id).join(', ')}`,
  },
  hints: { type: 'string', arg: 'LEVEL', default: 'full', help: "the stubs' hints: full, brief or none" },
} as const satisfies OptionDefs;

/** What this command uses of grader/instructor/export.ts (which a student kit does not have). */
interface Exporter {
  exportKit(o: { out: string; labs: readonly string[]; hints: string }): Promise<{
    out: string;
    labs: string[];
    hints: string;
    files: string[];
    dependencies: Record<string, string>;
  }>;
  ExportError: new (...args: never[]) => Error;
}

/** Named by a variable: the module is loaded on demand, and a kit without it still type-checks. */
const EXPORTER = '../instructor/export.js';

/** The exporter, or a UsageError where it is not (a student kit). */
async function loadExporter(): Promise<Exporter> {
  try {
    return (await import(EXPORTER)) as Exporter;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new UsageError('export needs the kit repository (with solutions/): this is a student kit');
    throw e;
  }
}

export const exportCommand = defineCommand({
  name: 'export',
  invocation: 'npx raftlab export',
  summary: 'write a student kit (skeleton, grader, handouts; no reference code)',
  description:
    'Writes a kit for students into DIR: README, handouts, the skeleton labs/, the grader, package.json\n' +
    '(`npm test` grades labs/) and its lock file, and a GitHub Classroom workflow. No solutions/, no\n' +
    "region body, no instructor seed set: the export is scanned for every line of the reference's regions.",
  options: OPTIONS,
  examples: [
    'npx raftlab export --out ../raftlab-students',
    'npx raftlab export --out kit --labs lab1,lab2 --hints brief',
  ],
  footer: 'Exit code 0 when the kit was written.',
  async run(p, io) {
    const out = p.values.out;
    if (out === undefined) throw new UsageError('export: --out DIR is required');
    const hints = parseHintLevel(p.values.hints);
    const { exportKit, ExportError } = await loadExporter();
    let kit: Awaited<ReturnType<Exporter['exportKit']>>;
    try {
      kit = await exportKit({ out: resolve(out), labs: p.values.labs, hints });
    } catch (e) {
      if (e instanceof ExportError) throw new UsageError(`export: ${e.message}`);
      throw e;
    }
    io.out(
      `Wrote a student kit for ${kit.labs.join(', ')} (hints: ${kit.hints}) to ${kit.out}: ${kit.files.length} files`,
    );
    io.out(`Dependencies: ${Object.keys(kit.dependencies).join(', ')}`);
    io.out(`Next: cd ${kit.out} && npm ci && npm test   (the skeleton scores 0)`);
    return EXIT.ok;
  },
});
