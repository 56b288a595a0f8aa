// The `export` step: `raftlab export` into a fresh folder outside the repository, `npm ci` from the
// kit's own lock file (offline, from the npm cache that installing the repository filled), then in
// the kit: `npm test` grades the skeleton to 0; a submission of the reference's regions (a make-labs
// tree with every part solved, outside the kit) gets full marks; the GitHub Classroom workflow parses,
// its seal step and one part's command work; and no file of the kit holds a line of a region body
// of the reference (the scan itself is checked on a planted line).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLASSROOM_SEAL_STEP, classroomCommand } from '../instructor/export-classroom.js';
import { graderClosure } from '../instructor/export-closure.js';
import { exportKit } from '../instructor/export.js';
import { referenceFingerprints, scanForReference } from '../instructor/export-scan.js';
import { PART_IDS } from '../registry.js';
import { generate, writeTree } from '../tools/make-labs.js';
import { StepFailure } from './errors.js';
import { type ExecResult, ending, exec, tail } from './exec.js';
import { readReport } from './report.js';
import type { Step, StepContext } from './sequence.js';

const INSTALL_TIMEOUT_MS = 180_000;
const GRADE_TIMEOUT_MS = 240_000;

async function run(
  cwd: string,
  cmd: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  return exec(cmd, args, { cwd, timeoutMs, env: { npm_config_update_notifier: 'false' } });
}

function expectExit(r: ExecResult, code: number, what: string, timeoutMs: number): void {
  if (r.code !== code)
    throw new StepFailure(`${what}: ${ending(r, timeoutMs)}, expected exit code ${code}`, tail(r.output));
}

async function install(kit: string, ctx: StepContext): Promise<string> {
  const r = await run(kit, 'npm', ['ci', '--offline', '--no-audit', '--no-fund'], INSTALL_TIMEOUT_MS);
  expectExit(r, 0, 'npm ci --offline in the exported kit', INSTALL_TIMEOUT_MS);
  ctx.note(`npm ci --offline: ${(r.ms / 1000).toFixed(1)} s`);
  return `installed in ${(r.ms / 1000).toFixed(0)} s`;
}

async function gradeSkeleton(kit: string): Promise<string> {
  const json = join(kit, '.raftlab-skeleton.json');
  const r = await run(kit, 'npm', ['test', '--', '--json', json], GRADE_TIMEOUT_MS);
  expectExit(r, 1, 'npm test on the exported skeleton', GRADE_TIMEOUT_MS);
  const report = readReport(json);
  rmSync(json);
  const { score, max } = report.total;
  if (score !== 0 || max <= 0 || report.problems.length > 0)
    throw new StepFailure(
      `npm test on the skeleton: ${score}/${max}, problems: ${report.problems.join('; ') || 'none'}`,
    );
  return `skeleton 0/${max}`;
}

async function gradeSolved(kit: string, sub: string): Promise<string> {
  const json = join(kit, '.raftlab-solved.json');
  const r = await run(
    kit,
    process.execPath,
    ['grader/bin/raftlab.mjs', 'grade', '--target', sub, '--json', json, '--no-pages'],
    GRADE_TIMEOUT_MS,
  );
  if (r.timedOut || !existsSync(json))
    throw new StepFailure(
      `grading the reference's regions in the kit: ${ending(r, GRADE_TIMEOUT_MS)}, no report`,
      tail(r.output),
    );
  const report = readReport(json);
  rmSync(json);
  const { score, max } = report.total;
  const rejected = report.submission?.problems.length ?? 0;
  if (r.code !== 0 || score !== max || max <= 0 || rejected > 0)
    throw new StepFailure(
      `the reference's regions, graded in the kit: ${score}/${max} (exit ${r.code}, ${rejected} rejected region file(s))`,
      tail(r.output),
    );
  return `solved ${score}/${max}`;
}

/** `raftlab demo snapshot` works in the kit (no solutions/ to list it from): its page is written. */
async function demoInKit(kit: string, sub: string): Promise<string> {
  const page = join(kit, '.raftlab-demo.html');
  const args = ['grader/bin/raftlab.mjs', 'demo', 'snapshot', '--target', sub, '--html', page];
  const r = await run(kit, process.execPath, args, GRADE_TIMEOUT_MS);
  if (r.code !== 0 || !existsSync(page))
    throw new StepFailure(
      `raftlab demo snapshot in the kit: ${ending(r, GRADE_TIMEOUT_MS)}, page ${existsSync(page) ? 'written' : 'missing'}`,
      tail(r.output),
    );
  if (!readFileSync(page, 'utf8').includes('"testId":"demo.snapshot"'))
    throw new StepFailure(
      'raftlab demo snapshot in the kit wrote a page without the demo in it',
      tail(r.output),
    );
  rmSync(page);
  return 'demo snapshot: page written';
}

interface WorkflowStep {
  run?: string;
  uses?: string;
  id?: string;
  with?: Record<string, unknown>;
}

/** The workflow parses; its command steps and reporter agree; the seal step and lab1a's command work. */
async function checkClassroom(kit: string, sub: string): Promise<string> {
  const doc = parseYaml(readFileSync(join(kit, '.github/workflows/classroom.yml'), 'utf8')) as {
    jobs?: Record<string, { steps?: WorkflowStep[] }>;
  };
  const steps = Object.values(doc.jobs ?? {})[0]?.steps ?? [];
  const graders = steps.filter((s) => s.uses?.startsWith('classroom-resources/autograding-command-grader@'));
  const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'));
  const ids = graders.map((s) => s.id);
  if (ids.join(',') !== PART_IDS.join(',') || reporter?.with?.['runners'] !== ids.join(','))
    throw new StepFailure(
      `classroom.yml: graders ${ids.join(',')}, reporter runners ${String(reporter?.with?.['runners'])}`,
    );
  const seal = steps.find((s) => s.run === CLASSROOM_SEAL_STEP);
  const first = graders[0]?.with?.['command'];
  if (seal === undefined || first !== classroomCommand('lab1a'))
    throw new StepFailure('classroom.yml: no seal step, or the first part does not run its grade command');
  // A student's push: their regions in labs/. The workflow's own steps then grade them.
  cpSync(sub, join(kit, 'labs'), { recursive: true });
  expectExit(await run(kit, 'sh', ['-c', CLASSROOM_SEAL_STEP], 30_000), 0, 'the seal step', 30_000);
  const r = await run(kit, 'sh', ['-c', first], GRADE_TIMEOUT_MS);
  expectExit(r, 0, `classroom.yml's "${first}" on the reference's regions`, GRADE_TIMEOUT_MS);
  return `classroom.yml: ${graders.length} parts`;
}

/** No reference line anywhere in the kit, and the scan does find one planted there. */
function checkNoReference(root: string, kit: string): string {
  const fingerprints = referenceFingerprints(
    root,
    graderClosure(root, ['lab1', 'lab2', 'lab3', 'lab4']).files,
  );
  const leaks = scanForReference(kit, fingerprints);
  if (leaks.length > 0)
    throw new StepFailure(
      `the kit holds ${leaks.length} line(s) of the reference's regions`,
      leaks
        .slice(0, 10)
        .map((l) => `${l.file}:${l.line}`)
        .join('\n'),
    );
  const planted = join(kit, 'planted.ts');
  writeFileSync(planted, `// planted\n  ${fingerprints[0]?.line ?? ''}\n`);
  const found = scanForReference(kit, fingerprints).length;
  rmSync(planted);
  if (found === 0) throw new StepFailure('the reference scan did not find a line planted in the kit');
  return `${fingerprints.length} reference lines, none in the kit`;
}

export const exportStep: Step = {
  name: 'export',
  summary:
    'raftlab export: the kit installs from its lock file, skeleton 0, reference regions full marks, no reference line',
  async run(ctx) {
    const base = mkdtempSync(join(tmpdir(), 'raftlab-export-'));
    try {
      const kit = join(base, 'kit');
      const sub = join(base, 'submission');
      await exportKit({ out: kit, kitRoot: ctx.root });
      writeTree(sub, generate({ solutionsDir: join(ctx.root, 'solutions'), solved: PART_IDS }), true);
      const details = [await install(kit, ctx), checkNoReference(ctx.root, kit)];
      details.push(await gradeSkeleton(kit), await gradeSolved(kit, sub), await demoInKit(kit, sub));
      details.push(await checkClassroom(kit, sub));
      return { kind: 'pass', detail: details.join(', ') };
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};
