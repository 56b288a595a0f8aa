// Which imports a helpers region may add: type-only imports of any module of the graded tree, and
// value imports of the kit's modules by relative path, except the real-world adapters. An adapter is a
// module that imports one of Node's modules other than the pure ones (directly or through another
// module): sockets, files, clocks. No file is named here; the tree decides.
import { posix } from 'node:path';
import ts from 'typescript';

/** Why an import is refused, or undefined when it is allowed. */
export type ImportPolicy = (fromFile: string, specifier: string, typeOnly: boolean) => string | undefined;

/** Node modules that only compute (no I/O, clock or randomness): importing them keeps a module pure. */
const PURE_NODE = new Set(['node:buffer', 'node:zlib']);

function valueImports(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier !== undefined) {
      const typeOnly = ts.isImportDeclaration(st) ? st.importClause?.isTypeOnly === true : st.isTypeOnly;
      if (!typeOnly && ts.isStringLiteral(st.moduleSpecifier)) out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

/** The tree file (`raft/log.ts`) a relative `.js` specifier names, or undefined when it leaves the tree. */
export function resolveInTree(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  if (joined.startsWith('../') || joined === '..' || posix.isAbsolute(joined)) return undefined;
  return joined.replace(/\.js$/, '.ts');
}

/** The import policy over a tree: `files` maps tree-relative paths of its .ts modules to their text. */
export function treeImportPolicy(files: ReadonlyMap<string, string>): ImportPolicy {
  let adapters: ReadonlySet<string> | undefined;
  return (fromFile, specifier, typeOnly) => {
    if (specifier.startsWith('node:') || !specifier.startsWith('.')) {
      return `\`${specifier}\` is not a module of the kit: helpers may import the kit's own modules by relative path (./x.js)`;
    }
    const target = resolveInTree(fromFile, specifier);
    if (target === undefined || !specifier.endsWith('.js') || !files.has(target)) {
      return `\`${specifier}\` is not a module of the graded tree (write a relative path ending in .js, e.g. './log.js')`;
    }
    if (typeOnly) return undefined;
    adapters ??= findAdapters(files);
    if (adapters.has(target)) {
      return `\`${specifier}\` reaches the machine (sockets, files or clocks) through Node's modules: region code works through what the framework hands it`;
    }
    return undefined;
  };
}

/** Modules that import a non-pure Node module, directly or through other modules of the tree. */
export function findAdapters(files: ReadonlyMap<string, string>): ReadonlySet<string> {
  const deps = new Map<string, string[]>();
  const adapters = new Set<string>();
  for (const [file, text] of files) {
    const specs = valueImports(file, text);
    if (specs.some((s) => s.startsWith('node:') && !PURE_NODE.has(s))) adapters.add(file);
    deps.set(
      file,
      specs.map((s) => resolveInTree(file, s)).filter((t): t is string => t !== undefined),
    );
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [file, targets] of deps) {
      if (!adapters.has(file) && targets.some((t) => adapters.has(t))) {
        adapters.add(file);
        grew = true;
      }
    }
  }
  return adapters;
}
