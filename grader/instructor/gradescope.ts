// `raftlab gradescope --out autograder.zip`: the Gradescope autograder bundle. At the zip's root:
// setup.sh and run_autograder (gradescope-scripts.ts), kit/ (a student kit from exportKit: skeleton,
// grader, lock file, no reference code) and, when given, seed-set.json (the instructor's hidden seeds:
// the bundle stays with Gradescope, students never see /autograder/source).
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import yazl from 'yazl';
import { writeFileAtomic } from '../report/json.js';
import { exportKit } from './export.js';
import { type AutograderConfig, runAutograder, SETUP_SH } from './gradescope-scripts.js';
import { loadSeedSet } from './seed-set.js';

export interface BundleOptions {
  /** The zip to write. */
  out: string;
  /** Labs of the kit (default: every lab with tests); also what run_autograder grades. */
  labs?: readonly string[];
  /** `raftlab grade` words run_autograder grades (default: the labs, or all). */
  what?: readonly string[];
  /** The instructor's seed set file (checked, then copied into the bundle). */
  seedSet?: string;
  /** The kit repository (default: this checkout). */
  kitRoot?: string;
}

export interface Bundle {
  out: string;
  labs: string[];
  files: number;
  seedSet: boolean;
}

/** Writes the bundle's tree (setup.sh, run_autograder, kit/, seed-set.json) into the empty folder `dir`. */
export async function writeAutograderTree(dir: string, opts: Omit<BundleOptions, 'out'>): Promise<Bundle> {
  const kit = await exportKit({
    out: join(dir, 'kit'),
    ...(opts.labs !== undefined ? { labs: opts.labs } : {}),
    ...(opts.kitRoot !== undefined ? { kitRoot: opts.kitRoot } : {}),
  });
  if (opts.seedSet !== undefined) {
    loadSeedSet(opts.seedSet); // a broken set fails here, not on the first submission
    copyFileSync(opts.seedSet, join(dir, 'seed-set.json'));
  }
  const cfg: AutograderConfig = {
    what: opts.what ?? (opts.labs && opts.labs.length > 0 ? opts.labs : ['all']),
    seedSet: opts.seedSet !== undefined,
  };
  writeFileSync(join(dir, 'setup.sh'), SETUP_SH, { mode: 0o755 });
  writeFileSync(join(dir, 'run_autograder'), runAutograder(cfg), { mode: 0o755 });
  return { out: dir, labs: kit.labs, files: kit.files.length + 2, seedSet: cfg.seedSet };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** Zips a folder: its files at the zip's root, with their mode (the scripts stay executable). */
function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of listFiles(dir)) {
    const mode = statSync(join(dir, f)).mode & 0o777;
    zip.addFile(join(dir, f), f, { mode: 0o100000 | mode, mtime: new Date(0) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function buildAutograderBundle(opts: BundleOptions): Promise<Bundle> {
  const staging = mkdtempSync(join(tmpdir(), 'raftlab-gradescope-'));
  try {
    const tree = await writeAutograderTree(staging, opts);
    const bytes = await zipFolder(staging);
    const out = writeFileAtomic(opts.out, bytes);
    return { ...tree, out, files: listFiles(staging).length };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
