// Host side: the vite plugins of a grading run (vitest resolves and transforms every module the
// workers run, in the host). resolveFromRepo resolves bare imports (`protobufjs/minimal.js`,
// `memdown`…) made by files outside the repository, such as a graded tree in the run's private
// folder, as if they were imported from the repository root, so that a tree needs no node_modules
// of its own. treeWall refuses, for a file of the graded tree, any import that leaves the tree or
// names a package the kit's own skeleton does not import (never vitest, vite, esbuild, tsx,
// typescript or the kit's package), and refuses to load any file outside the run's allowed folders
// (the tree, grader/, the dependencies): the kit's solutions/ are never served to a worker.
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';

function isBare(source: string): boolean {
  return !/^(?:\.{1,2}(?:\/|$)|\/|\0|[a-zA-Z]:|node:|file:|data:|virtual:|@target\/)/.test(source);
}

function importerPath(importer: string): string {
  const clean = importer.split('?')[0] ?? importer;
  return clean.startsWith('file://') ? fileURLToPath(clean) : clean;
}

export function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function resolveFromRepo(repoRoot: string): Plugin {
  const anchor = join(repoRoot, 'package.json');
  return {
    name: 'raftlab:resolve-from-repo',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (importer === undefined || !isBare(source)) return null;
      const file = importerPath(importer);
      if (!isAbsolute(file) || isInside(file, repoRoot)) return null;
      return this.resolve(source, anchor, { ...options, skipSelf: true });
    },
  };
}

/** Packages code of a graded tree may never import, whatever the skeleton does. */
const NEVER = new Set(['vitest', 'vite', 'esbuild', 'tsx', 'typescript', 'raftlab', 'rolldown', 'tinypool']);

/** `protobufjs/minimal.js` → `protobufjs`, `@scope/x/y` → `@scope/x`, `node:fs` → `node:fs`. */
function packageOf(source: string): string {
  if (source.startsWith('node:')) return source;
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? source);
}

/** Every package (and node: module) the tree's files import by name. */
function importedPackages(tree: string): Set<string> {
  const found = new Set<string>();
  const re = /(?:^|[\s;])(?:import|export)\b[^'"`]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const f of readdirSync(tree, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(join(tree, f), 'utf8').matchAll(re)) {
      const spec = m[1] ?? m[2];
      if (spec !== undefined && (isBare(spec) || spec.startsWith('node:'))) found.add(packageOf(spec));
    }
  }
  return found;
}

function refused(tree: string, importer: string, source: string, why: string): Error {
  return new Error(
    `import of "${source}" from ${relative(tree, importer)} refused: ${why}. Code of the graded tree may import only the tree's own modules and the packages the kit's skeleton imports.`,
  );
}

export function treeWall(tree: string, allowedRoots: readonly string[]): Plugin {
  const packages = importedPackages(tree);
  return {
    name: 'raftlab:tree-wall',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (importer === undefined) return null;
      const from = importerPath(importer);
      if (!isInside(from, tree)) return null;
      if (isBare(source) || source.startsWith('node:')) {
        const pkg = packageOf(source);
        if (NEVER.has(packageOf(pkg.replace(/^@vitest\/.*/, 'vitest'))) || !packages.has(pkg))
          throw refused(tree, from, source, `the kit's skeleton does not import ${pkg}`);
        return null;
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null) return null;
      const path = importerPath(resolved.id);
      if (isAbsolute(path) && !isInside(path, tree) && !resolved.external)
        throw refused(tree, from, source, 'it leaves the graded tree');
      return resolved;
    },
    load(id) {
      const path = importerPath(id);
      if (!isAbsolute(path) || allowedRoots.some((r) => isInside(path, r))) return null;
      throw new Error(
        `loading ${path} refused: it is outside the graded tree, the grader and its dependencies`,
      );
    },
  };
}
