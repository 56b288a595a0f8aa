// A vite plugin that resolves bare imports (`protobufjs/minimal.js`, `memdown`, `vitest`…) made by
// files outside the repository — a target made with `make-labs --out /tmp/x`, an instructor's
// submission folder — as if they were imported from the repository root, so that those folders
// need no node_modules of their own and always use the kit's pinned dependencies.
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
