// Host side, a worker thread of the grading process: type-checks one graded tree with the TypeScript
// compiler API and posts its errors back (typecheck.ts starts it, caches the answer and reports it).
// Plain JavaScript, so that it runs without the host's TypeScript loader. The tree's own imports are
// resolved inside it; bare imports (memdown, protobufjs, node:…) from the kit's root, as at run time.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ts from 'typescript';

/** @type {{ tree: string, kitRoot: string, max: number }} */
const { tree, kitRoot, max } = workerData;

/** @param {string} dir @param {string[]} out */
function tsFiles(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') tsFiles(p, out);
    else if (e.isFile() && p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The kit's compiler options (tsconfig.json), without its paths: the tree is checked on its own. */
function options() {
  const read = ts.readConfigFile(join(kitRoot, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.convertCompilerOptionsFromJson(read.config?.compilerOptions ?? {}, kitRoot);
  const o = {
    ...parsed.options,
    noEmit: true,
    skipLibCheck: true,
    typeRoots: [join(kitRoot, 'node_modules/@types')],
  };
  delete o.paths;
  delete o.baseUrl;
  delete o.rootDir;
  return o;
}

const opts = options();
const host = ts.createCompilerHost(opts);
const fromKit = join(kitRoot, 'package.json');
host.resolveModuleNameLiterals = (literals, containingFile, _ref, o) =>
  literals.map((lit) => {
    const name = lit.text;
    const from = name.startsWith('.') ? containingFile : fromKit;
    return ts.resolveModuleName(name, from, o, host);
  });
const files = tsFiles(tree, []);
const program = ts.createProgram(files, opts, host);
const inTree = (f) => f.startsWith(`${tree}/`);
const diags = [
  ...program.getOptionsDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...program
    .getSourceFiles()
    .flatMap((sf) =>
      inTree(sf.fileName)
        ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
        : [],
    ),
].filter((d) => d.category === ts.DiagnosticCategory.Error);
const errors = diags.slice(0, max).map((d) => {
  const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  return {
    file: d.file && inTree(d.file.fileName) ? d.file.fileName.slice(tree.length + 1) : undefined,
    line: at === undefined ? 0 : at.line + 1,
    col: at === undefined ? 0 : at.character + 1,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  };
});
parentPort?.postMessage({ errors, total: diags.length, files: files.length });
