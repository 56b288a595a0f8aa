// The shadowing rule: no framework code may end up using a name declared in a region. A region's
// `const Math = …` (or a helpers region's `function check()`) would otherwise replace, for the kit's own
// code in the same block or module, a built-in or a framework name, and could defeat the framework's
// checks. Exact: each framework identifier named like a region declaration is resolved by the checker.
import ts from 'typescript';
import type { SealRule } from './model.js';
import { lineAt } from './parse.js';

/** A region body as character offsets [start, end) of the parsed text. */
export interface BodyRange {
  part: string;
  start: number;
  end: number;
}

type Report = (pos: number, rule: SealRule, message: string) => void;

type Binding =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportSpecifier
  | ts.ImportClause
  | ts.NamespaceImport;

function isBinding(n: ts.Node): n is Binding {
  return (
    ts.isVariableDeclaration(n) ||
    ts.isBindingElement(n) ||
    ts.isParameter(n) ||
    ts.isFunctionDeclaration(n) ||
    ts.isClassDeclaration(n) ||
    ts.isEnumDeclaration(n) ||
    ts.isImportSpecifier(n) ||
    ts.isImportClause(n) ||
    ts.isNamespaceImport(n)
  );
}

/** Names bound by declarations inside the region bodies (a superset is fine: the checker decides). */
function declaredNames(sf: ts.SourceFile, bodies: readonly BodyRange[]): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (isBinding(n) && n.name !== undefined && ts.isIdentifier(n.name)) names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, function walk(n) {
    if (bodies.some((b) => n.getStart(sf) >= b.start && n.end <= b.end)) visit(n);
    else if (bodies.some((b) => n.pos < b.end && n.end > b.start)) ts.forEachChild(n, walk);
  });
  return names;
}

export function checkShadowing(
  sf: ts.SourceFile,
  checker: ts.TypeChecker,
  bodies: readonly BodyRange[],
  report: Report,
): void {
  const names = declaredNames(sf, bodies);
  if (names.size === 0) return;
  const inBody = (pos: number): BodyRange | undefined => bodies.find((b) => pos >= b.start && pos < b.end);
  const reported = new Set<ts.Node>();
  const visit = (n: ts.Node): void => {
    if (inBody(n.getStart(sf)) !== undefined && inBody(n.end - 1) !== undefined) return;
    if (ts.isIdentifier(n) && names.has(n.text)) {
      const decl = checker
        .getSymbolAtLocation(n)
        ?.declarations?.find((d) => inBody(d.getStart(sf)) !== undefined);
      const body = decl === undefined ? undefined : inBody(decl.getStart(sf));
      if (decl !== undefined && body !== undefined && !reported.has(decl)) {
        reported.add(decl);
        report(
          decl.getStart(sf),
          'shadowing',
          `\`${n.text}\` declared in region ${body.part} would also be the \`${n.text}\` that the kit's code ` +
            `at line ${lineAt(sf, n.getStart(sf))} of the kit's file uses (it hides a built-in or a framework ` +
            'name there): choose another name',
        );
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
