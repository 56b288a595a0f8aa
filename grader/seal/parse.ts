// Parses one graded module with the TypeScript compiler API into a syntax tree plus a checker that
// resolves names (no lib, no other files: a name declared nowhere in the file resolves to nothing, i.e.
// to a global of the process), and its syntax errors.
import ts from 'typescript';

export interface ParsedModule {
  sf: ts.SourceFile;
  checker: ts.TypeChecker;
  /** Syntax errors, each at a character offset of the text. */
  errors: { pos: number; message: string }[];
}

const OPTIONS: ts.CompilerOptions = {
  noLib: true,
  noResolve: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
};

export function parseModule(fileName: string, text: string): ParsedModule {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? sf : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [fileName], options: OPTIONS, host });
  const errors = program.getSyntacticDiagnostics(sf).map((d) => ({
    pos: d.start ?? 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
  return { sf, checker: program.getTypeChecker(), errors };
}

/** 1-based line of a character offset. */
export function lineAt(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}
