// The student kit's package.json and package-lock.json: only the packages grading and the student's
// editor need (the versions the kit pins), and the kit's lock file pruned to what those reach, so that
// `npm ci` installs exactly the kit's versions without a resolution step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExportError } from './export-closure.js';

/** What a student's editor needs beyond grading: the compiler and the types of what the code uses. */
const EDITOR_PACKAGES: readonly string[] = [
  'typescript',
  '@types/node',
  '@types/memdown',
  '@types/abstract-leveldown',
];

interface PackageJson {
  name?: string;
  version?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  link?: boolean;
  [key: string]: unknown;
}

interface Lock {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface KitPackage {
  packageJson: string;
  lock: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The range the kit pins for `name` (a dependency or a devDependency of the kit). */
function rangeOf(kit: PackageJson, name: string): string {
  const range = kit.dependencies?.[name] ?? kit.devDependencies?.[name];
  if (range === undefined) throw new ExportError(`the kit imports ${name} but package.json does not list it`);
  return range;
}

/** The lock entry that `from` (a lock path, '' for the root) resolves `name` to, the way Node does. */
function resolveInLock(lock: Lock, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Every lock path reachable from the root's `roots` (dependencies, optional and required peers). */
function reachable(lock: Lock, roots: readonly string[]): Set<string> {
  const keep = new Set<string>();
  const queue: [string, string][] = roots.map((n) => ['', n]);
  while (queue.length > 0) {
    const [from, name] = queue.pop() as [string, string];
    const path = resolveInLock(lock, from, name);
    if (path === undefined) {
      if (from === '') throw new ExportError(`package-lock.json has no entry for ${name}: run npm install`);
      continue; // an optional or peer dependency that is not installed on this platform
    }
    if (keep.has(path)) continue;
    keep.add(path);
    const e = lock.packages[path] as LockEntry;
    const peers = Object.keys(e.peerDependencies ?? {}).filter((p) => !e.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [
      ...Object.keys(e.dependencies ?? {}),
      ...Object.keys(e.optionalDependencies ?? {}),
      ...peers,
    ])
      queue.push([path, dep]);
  }
  return keep;
}

/**
 * The student kit's package files. `packages` are the bare imports of the exported code; the
 * `raftlab` self-link keeps `npx raftlab` working in the kit, as it does in the kit repository.
 */
export function kitPackage(kitRoot: string, packages: readonly string[], name: string): KitPackage {
  const kit = readJson<PackageJson>(join(kitRoot, 'package.json'));
  const lock = readJson<Lock>(join(kitRoot, 'package-lock.json'));
  const dependencies = Object.fromEntries(packages.map((p) => [p, rangeOf(kit, p)]));
  const devDependencies: Record<string, string> = Object.fromEntries(
    EDITOR_PACKAGES.filter((p) => dependencies[p] === undefined).map((p) => [p, rangeOf(kit, p)]),
  );
  devDependencies['raftlab'] = 'file:.';
  const sorted = (r: Record<string, string>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  const pkg = {
    name,
    version: kit.version ?? '0.1.0',
    description: 'A RaftLab student kit: write your code in labs/ and run `npm test` to grade it.',
    type: 'module',
    private: true,
    license: (kit['license'] as string | undefined) ?? 'MIT',
    engines: kit.engines ?? { node: '>=20.19' },
    bin: { raftlab: 'grader/bin/raftlab.mjs' },
    scripts: {
      test: 'node grader/bin/raftlab.mjs grade',
      grade: 'node grader/bin/raftlab.mjs grade',
      typecheck: 'tsc -p tsconfig.json --noEmit',
    },
    dependencies: sorted(dependencies),
    devDependencies: sorted(devDependencies),
  };
  const keep = reachable(
    lock,
    [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter((n) => n !== 'raftlab'),
  );
  const packagesOut: Record<string, LockEntry> = {
    '': {
      name,
      version: pkg.version,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      devDependencies: pkg.devDependencies,
      engines: pkg.engines,
    },
    'node_modules/raftlab': { resolved: '', link: true },
  };
  for (const path of Object.keys(lock.packages).sort()) {
    if (keep.has(path)) packagesOut[path] = lock.packages[path] as LockEntry;
  }
  const out: Lock = {
    name,
    version: pkg.version,
    lockfileVersion: lock.lockfileVersion,
    requires: true,
    packages: packagesOut,
  };
  return {
    packageJson: `${JSON.stringify(pkg, null, 2)}\n`,
    lock: `${JSON.stringify(out, null, 2)}\n`,
    dependencies: pkg.dependencies,
    devDependencies: pkg.devDependencies,
  };
}
