// exportKit: writes a student kit for some labs into a new folder: a README for students, the handouts,
// the generated skeleton (labs/, and a pristine copy in grader/skeleton/ for sealed grading), the
// grader files grading needs (an import closure that never reaches instructor-only code), the
// tsconfig and vitest config, package.json with `npm test` = grade, a pruned lock file, and the GitHub
// Classroom workflow. It holds no reference code: no solutions/, no region body (checked by the
// fingerprint scan before the folder is kept), no instructor seed set.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LABS, type LabId } from '../registry.js';
import { REPO_ROOT } from '../runner/host/paths.js';
import { generate } from '../tools/make-labs.js';
import type { HintLevel } from '../tools/makelabs/stub.js';
import { type ClassroomPart, classroomWorkflow } from './export-classroom.js';
import { ExportError, graderClosure } from './export-closure.js';
import { kitPackage } from './export-package.js';
import { formatLeak, referenceFingerprints, scanForReference } from './export-scan.js';

export { ExportError } from './export-closure.js';

export interface ExportOptions {
  /** The new kit's folder: it must not exist, or be empty. */
  out: string;
  /** Labs to include (default: every lab with tests). Their tests, handouts and points. */
  labs?: readonly string[];
  /** How much the stubs' hints give away (default `full`). */
  hints?: HintLevel;
  /** The kit repository to export from (default: this checkout). */
  kitRoot?: string;
}

export interface ExportedKit {
  out: string;
  labs: LabId[];
  hints: HintLevel;
  /** Kit-relative paths written, sorted. */
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** Instructor commands left out of the kit (their modules are loaded on demand). */
  leftOut: string[];
}

/** Handouts every kit has besides the labs' own (the labs' handouts link them). */
const GUIDES = ['docs/architecture.md', 'docs/grading.md', 'docs/debugging.md', 'docs/performance.md'];
const TEMPLATES = join(import.meta.dirname, 'templates');

interface ListedTest {
  file: string;
  part?: string;
  points?: number;
}

function chooseLabs(root: string, wanted: readonly string[] | undefined): LabId[] {
  const withTests = LABS.filter((l) => existsSync(join(root, 'grader/labs', l.id))).map((l) => l.id);
  if (wanted === undefined || wanted.length === 0) return withTests;
  for (const w of wanted) {
    if (!withTests.includes(w as LabId))
      throw new ExportError(`unknown lab "${w}" (labs with tests: ${withTests.join(', ')})`);
  }
  // A later lab's tests build on the earlier labs' code: a kit for lab 3 has labs 1 and 2 too.
  const last = Math.max(...wanted.map((w) => withTests.indexOf(w as LabId)));
  const chosen = withTests.filter((id, i) => wanted.includes(id) || i < last);
  return chosen;
}

function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) throw new ExportError(`${out} exists and is not empty`);
  mkdirSync(out, { recursive: true });
}

class KitWriter {
  readonly files: string[] = [];
  constructor(readonly out: string) {}
  write(rel: string, content: string | Buffer): void {
    const abs = join(this.out, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    this.files.push(rel);
  }
}

/** The skeleton's manifest without the fingerprints of the reference regions (make-labs --check's). */
function studentManifest(bytes: Buffer): string {
  const m = JSON.parse(bytes.toString('utf8')) as { parts?: { regions?: { solution?: string }[] }[] };
  for (const p of m.parts ?? []) for (const r of p.regions ?? []) delete r.solution;
  return `${JSON.stringify(m, null, 2)}\n`;
}

function partsOf(tests: readonly ListedTest[], labs: readonly LabId[]): ClassroomPart[] {
  return LABS.filter((l) => labs.includes(l.id)).flatMap((l) =>
    l.parts.map((p) => ({
      id: p.id,
      title: p.title,
      points: tests.filter((t) => t.part === p.id).reduce((a, t) => a + (t.points ?? 0), 0),
    })),
  );
}

function studentReadme(labs: readonly LabId[]): string {
  const chosen = LABS.filter((l) => labs.includes(l.id));
  const handouts = chosen.map((l) => `- ${l.id}, ${l.title}: [${l.doc}](${l.doc})`).join('\n');
  return readFileSync(join(TEMPLATES, 'README.md'), 'utf8')
    .replace('{{LABS_TITLE}}', chosen.map((l) => l.title).join(', '))
    .replace('{{HANDOUTS}}', handouts);
}

function tsconfig(root: string): string {
  const base = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  // The student's code is what a student type-checks (as grading does); the grader is checked in the
  // kit repository, where its instructor commands exist.
  const out = {
    compilerOptions: { ...base.compilerOptions, paths: { '@target/*': ['./labs/*'] } },
    include: ['labs/**/*.ts'],
    exclude: ['node_modules', '**/gen/*.js'],
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Writes the kit; on any failure (a leak included) the folder is removed again. */
export async function exportKit(opts: ExportOptions): Promise<ExportedKit> {
  const root = resolve(opts.kitRoot ?? REPO_ROOT);
  const out = resolve(opts.out);
  if (!relative(root, out).startsWith('..'))
    throw new ExportError(`the kit cannot be exported into itself (${out})`);
  const labs = chooseLabs(root, opts.labs);
  const hints = opts.hints ?? 'full';
  prepareOut(out);
  try {
    const kit = writeKit(root, out, labs, hints);
    const leaks = scanForReference(out, referenceFingerprints(root, kit.graderFiles));
    if (leaks.length > 0)
      throw new ExportError(
        `the kit would hold reference code (${leaks.length} line(s)):\n${leaks.slice(0, 10).map(formatLeak).join('\n')}`,
      );
    return { out, labs, hints, files: kit.writer.files.sort(), ...kit.result };
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
}

function writeKit(root: string, out: string, labs: LabId[], hints: HintLevel) {
  const w = new KitWriter(out);
  const tree = generate({ solutionsDir: join(root, 'solutions'), hints });
  for (const [file, bytes] of tree.files) {
    const content = file === 'MANIFEST.json' ? studentManifest(bytes) : bytes;
    w.write(`labs/${file}`, content);
    w.write(`grader/skeleton/${file}`, content);
  }
  const closure = graderClosure(root, labs);
  const testList = JSON.parse(readFileSync(join(root, 'grader/tests.json'), 'utf8')) as {
    generated: string;
    tests: ListedTest[];
  };
  const tests = testList.tests.filter((t) => closure.files.includes(t.file));
  for (const file of closure.files) {
    if (file === 'grader/tests.json') w.write(file, `${JSON.stringify({ ...testList, tests }, null, 1)}\n`);
    else w.write(file, readFileSync(join(root, file)));
  }
  const docs = [...LABS.filter((l) => labs.includes(l.id)).map((l) => l.doc), ...GUIDES];
  for (const doc of docs.filter((d) => existsSync(join(root, d))))
    w.write(doc, readFileSync(join(root, doc)));
  const skeletonPackages = [...tree.files.entries()]
    .filter(([f]) => f.endsWith('.ts'))
    .flatMap(([, b]) => [...b.toString('utf8').matchAll(/\bfrom\s+'([^.'][^']*)'/g)].map((m) => m[1] ?? ''))
    .filter((s) => !s.startsWith('node:'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s)));
  const pkg = kitPackage(
    root,
    [...new Set([...closure.packages, ...skeletonPackages])].sort(),
    'raftlab-kit',
  );
  w.write('package.json', pkg.packageJson);
  w.write('package-lock.json', pkg.lock);
  w.write('tsconfig.json', tsconfig(root));
  w.write('README.md', studentReadme(labs));
  w.write('.gitignore', readFileSync(join(TEMPLATES, 'gitignore')));
  w.write('.github/workflows/classroom.yml', classroomWorkflow(partsOf(tests, labs)));
  w.write('.github/classroom.md', readFileSync(join(TEMPLATES, 'classroom.md')));
  return {
    writer: w,
    graderFiles: closure.files,
    result: {
      dependencies: pkg.dependencies,
      devDependencies: pkg.devDependencies,
      leftOut: closure.leftOut,
    },
  };
}
