// The static check of region code: parses a graded module with the TypeScript compiler API, checks
// that each region is still a run of whole statements (structure.ts), and walks the code of every
// region against an allow-list (rules.ts): names the module imports or declares, the region's locals,
// and plain built-ins. Each finding names file:line, the rule and why it exists.
import ts from 'typescript';
import { type ImportPolicy, resolveInTree } from './imports.js';
import { MESSAGES, FORBIDDEN_GLOBALS, FORBIDDEN_MEMBERS, NAMESPACE_GLOBALS, PLAIN_GLOBALS } from './rules.js';
import { type SealProblem, type SealRule, STUDENT_PREFIX } from './model.js';
import { lineAt, parseModule } from './parse.js';
import { type BodyRange, checkShadowing } from './shadowing.js';
import { checkStructure, type RegionLines } from './structure.js';

/** One region of a module: its part id (HELPERS for the helpers region) and 1-based marker lines. */
export interface RegionSpan {
  part: string;
  begin: number;
  end: number;
}

export interface ModuleInput {
  /** Path of the module in the tree (`raft/raft.ts`). */
  file: string;
  text: string;
  regions: readonly RegionSpan[];
  /** The id of the helpers region (make-labs' HELPERS). */
  helpersId: string;
  /** Maps a line of `text` to the line of the student's file (default: the same line). */
  lineOf?: (line: number) => number;
  /** Which imports a helpers region may add (default: relative `.js` paths that stay in the tree). */
  imports?: ImportPolicy;
  /** Prefix of reported paths (default STUDENT_PREFIX). */
  label?: string;
}

const inTreeOnly: ImportPolicy = (from, spec) =>
  resolveInTree(from, spec) !== undefined && spec.endsWith('.js')
    ? undefined
    : `\`${spec}\` is not a module of the kit: import the kit's modules by relative path (./x.js)`;

/** Every finding in the regions of one module; [] when all its regions may run. */
export function checkModule(input: ModuleInput): SealProblem[] {
  const { sf, checker, errors } = parseModule(input.file, input.text);
  const problems: SealProblem[] = [];
  const lineOf = input.lineOf ?? ((l: number) => l);
  const report = (pos: number, rule: SealRule, message: string): void => {
    problems.push({
      file: `${input.label ?? STUDENT_PREFIX}${input.file}`,
      line: lineOf(lineAt(sf, pos)),
      rule,
      message,
    });
  };
  const regions: RegionLines[] = [...input.regions]
    .sort((a, b) => a.begin - b.begin)
    .map((r) => ({ ...r, helpers: r.part === input.helpersId }));
  const first = errors[0];
  if (first !== undefined) {
    const line = lineAt(sf, first.pos);
    const inside = regions.find((r) => r.begin < line && line < r.end);
    const culprit = inside ?? regions.filter((r) => r.begin < line).at(-1) ?? regions[0];
    const at =
      inside !== undefined || culprit === undefined
        ? first.pos
        : sf.getPositionOfLineAndCharacter(culprit.begin - 1, 0);
    const where =
      inside !== undefined
        ? ''
        : ` (the kit's code after region ${culprit?.part ?? '?'} no longer parses: check that region)`;
    report(at, 'syntax', `syntax error: ${first.message}${where}`);
    return problems;
  }
  let whole = true;
  for (const r of regions) {
    const s = checkStructure(sf, r);
    if (!s.ok) {
      report(s.pos, 'structure', s.message);
      whole = false;
      continue;
    }
    const walker = new RegionWalker(sf, checker, input.file, r.helpers, input.imports ?? inTreeOnly, report);
    for (const st of s.statements) walker.visit(st);
  }
  if (whole)
    checkShadowing(
      sf,
      checker,
      regions.map((r) => bodyRange(sf, r)),
      report,
    );
  return problems;
}

type Report = (pos: number, rule: SealRule, message: string) => void;

function bodyRange(sf: ts.SourceFile, r: RegionLines): BodyRange {
  return {
    part: r.part,
    start: sf.getPositionOfLineAndCharacter(r.begin, 0),
    end: sf.getPositionOfLineAndCharacter(r.end - 1, 0),
  };
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Walks the code of one region and reports what it may not do. */
class RegionWalker {
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly checker: ts.TypeChecker,
    private readonly file: string,
    private readonly helpers: boolean,
    private readonly imports: ImportPolicy,
    private readonly report: Report,
  ) {}

  visit = (node: ts.Node): void => {
    if (this.statementRule(node) === 'stop') return;
    if (ts.isExpressionWithTypeArguments(node)) {
      // `class X extends Base<T>`: Base is a value; every other heritage clause is a type.
      const clause = node.parent;
      if (
        ts.isHeritageClause(clause) &&
        clause.token === ts.SyntaxKind.ExtendsKeyword &&
        ts.isClassLike(clause.parent)
      ) {
        this.visit(node.expression);
      }
      return;
    }
    if (ts.isTypeNode(node)) return;
    this.expressionRule(node);
    ts.forEachChild(node, this.visit);
  };

  private at(node: ts.Node): number {
    return node.getStart(this.sf);
  }

  /** Declarations and statements; 'stop' when the node's children need no walk. */
  private statementRule(node: ts.Node): 'stop' | undefined {
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) {
      this.checkImport(node);
      return 'stop';
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      this.checkImport(node);
      return 'stop';
    }
    if (ts.isModuleDeclaration(node) || hasDeclare(node)) {
      this.report(this.at(node), 'ambient', MESSAGES.ambient);
      return 'stop';
    }
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return 'stop';
    if (node.kind === ts.SyntaxKind.WithStatement) this.report(this.at(node), 'with', MESSAGES.with);
    if (node.kind === ts.SyntaxKind.DebuggerStatement)
      this.report(this.at(node), 'debugger', MESSAGES.debugger);
    return undefined;
  }

  private checkImport(node: ts.ImportDeclaration | ts.ImportEqualsDeclaration | ts.ExportDeclaration): void {
    if (!this.helpers) {
      this.report(this.at(node), 'import-in-region', MESSAGES.importInRegion);
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      this.report(
        this.at(node),
        'import-outside-tree',
        '`import … = require(…)` loads modules the CommonJS way: use `import { … } from "./x.js"`',
      );
      return;
    }
    const spec = node.moduleSpecifier;
    if (spec === undefined || !ts.isStringLiteral(spec)) return;
    const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
    const refused = this.imports(this.file, spec.text, typeOnly);
    if (refused !== undefined) this.report(this.at(node), 'import-outside-tree', refused);
  }

  private expressionRule(node: ts.Node): void {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      this.report(this.at(node), 'dynamic-import', MESSAGES.dynamicImport);
    } else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      this.report(this.at(node), 'import-meta', MESSAGES.importMeta);
    } else if (ts.isPropertyAccessExpression(node)) {
      this.checkMember(node.name, node.name.text);
      this.checkNamespaceMember(node.expression, node.name.text, node.name);
    } else if (ts.isElementAccessExpression(node)) {
      this.checkElementAccess(node);
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (
        ts.isComputedPropertyName(key) &&
        !ts.isStringLiteralLike(key.expression) &&
        !this.isNumericKey(key.expression)
      ) {
        this.report(this.at(key), 'computed-key', MESSAGES.computedKey);
      }
      const name = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : undefined;
      if (name !== undefined) this.checkMember(key, name);
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      if ((ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && node.name.text === '__proto__') {
        this.checkMember(node.name, '__proto__');
      }
    } else if (ts.isIdentifier(node)) {
      this.checkIdentifier(node);
    }
    this.writeRule(node);
  }

  private checkElementAccess(node: ts.ElementAccessExpression): void {
    const key = node.argumentExpression;
    if (ts.isStringLiteralLike(key)) {
      this.checkMember(key, key.text);
      this.checkNamespaceMember(node.expression, key.text, key);
    } else if (this.namespaceGlobal(node.expression) !== undefined) {
      const name = (node.expression as ts.Identifier).text;
      this.report(
        this.at(node),
        'builtin-member',
        `\`${name}[…]\` with a computed key: write \`${name}.member\` with one of the members listed in docs/grading.md`,
      );
    } else if (!this.isNumericKey(key)) {
      this.report(this.at(key), 'computed-key', MESSAGES.computedKey);
    }
  }

  /**
   * A computed key region code may use: a number (an array or typed-array index, a numeric enum) by
   * its type. A string key built at run time could name any member — `constructor` among them — which
   * no check of the text can see.
   */
  private isNumericKey(key: ts.Expression): boolean {
    if (ts.isNumericLiteral(key)) return true;
    const t = this.checker.getTypeAtLocation(key);
    const numeric = ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike;
    return t.isUnion() ? t.types.every((u) => (u.flags & numeric) !== 0) : (t.flags & numeric) !== 0;
  }

  private checkMember(node: ts.Node, name: string): void {
    const f = FORBIDDEN_MEMBERS.get(name);
    if (f !== undefined) this.report(this.at(node), f.rule, `\`${name}\` ${f.why}`);
  }

  /** `Math.random`, `Symbol.for`, `Object.defineProperty`…: members of namespace built-ins. */
  private checkNamespaceMember(object: ts.Expression, member: string, at: ts.Node): void {
    const ns = this.namespaceGlobal(object);
    if (ns === undefined) return;
    const allowed = NAMESPACE_GLOBALS.get(ns);
    if (ns === 'Math' && member === 'random') {
      this.report(this.at(at), 'math-random', MESSAGES.mathRandom);
    } else if (ns === 'Symbol' && (member === 'for' || member === 'keyFor')) {
      this.report(this.at(at), 'symbol-registry', MESSAGES.symbolRegistry);
    } else if (allowed !== 'all-but-random' && allowed !== undefined && !allowed.has(member)) {
      const list = [...allowed].map((m) => `${ns}.${m}`).join(', ');
      const may = list === '' ? `only \`new ${ns}(…)\` and instanceof` : list;
      this.report(
        this.at(at),
        'builtin-member',
        `\`${ns}.${member}\` is not among what region code may use (${may})`,
      );
    }
  }

  private namespaceGlobal(expr: ts.Expression): string | undefined {
    return ts.isIdentifier(expr) && NAMESPACE_GLOBALS.has(expr.text) && !this.isLocal(expr)
      ? expr.text
      : undefined;
  }

  private isLocal(id: ts.Identifier): boolean {
    const parent = id.parent;
    const symbol =
      parent !== undefined && ts.isShorthandPropertyAssignment(parent) && parent.name === id
        ? this.checker.getShorthandAssignmentValueSymbol(parent)
        : this.checker.getSymbolAtLocation(id);
    return symbol?.declarations?.some((d) => d.getSourceFile() === this.sf) === true;
  }

  private checkIdentifier(id: ts.Identifier): void {
    if (isMemberName(id) || this.isLocal(id)) return;
    const name = id.text;
    const forbidden = FORBIDDEN_GLOBALS.get(name);
    if (forbidden !== undefined) {
      this.report(this.at(id), forbidden.rule, `\`${name}\` ${forbidden.why}`);
    } else if (NAMESPACE_GLOBALS.has(name)) {
      if (!namespaceUse(id)) {
        this.report(
          this.at(id),
          'builtin-member',
          `\`${name}\` may only be used as \`${name}.member\` (or called): as a value it would hand on all its members`,
        );
      }
    } else if (!PLAIN_GLOBALS.has(name)) {
      this.report(this.at(id), 'unknown-global', `\`${name}\` ${MESSAGES.unknownGlobal}`);
    }
  }

  /** Assignments, ++/--, delete and for-in/of targets must not be built-ins or their members. */
  private writeRule(node: ts.Node): void {
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) {
      this.checkTarget(node.left);
    } else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      isIncrement(node.operator)
    ) {
      this.checkTarget(node.operand);
    } else if (ts.isDeleteExpression(node)) {
      this.checkTarget(node.expression);
    } else if (
      (ts.isForInStatement(node) || ts.isForOfStatement(node)) &&
      !ts.isVariableDeclarationList(node.initializer)
    ) {
      this.checkTarget(node.initializer);
    }
  }

  private checkTarget(target: ts.Expression): void {
    const t = skipOuter(target);
    if (ts.isArrayLiteralExpression(t)) {
      for (const e of t.elements) this.checkTarget(ts.isSpreadElement(e) ? e.expression : e);
    } else if (ts.isObjectLiteralExpression(t)) {
      for (const p of t.properties) {
        if (ts.isPropertyAssignment(p)) {
          if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) this.checkMember(p.name, p.name.text);
          this.checkTarget(p.initializer);
        } else if (ts.isShorthandPropertyAssignment(p)) {
          this.checkMember(p.name, p.name.text);
        } else if (ts.isSpreadAssignment(p)) {
          this.checkTarget(p.expression);
        }
      }
    } else {
      const root = rootOf(t);
      const builtin =
        root !== undefined && (PLAIN_GLOBALS.has(root.text) || NAMESPACE_GLOBALS.has(root.text));
      if (root !== undefined && builtin && !this.isLocal(root)) {
        this.report(this.at(t), 'builtin-write', `\`${t.getText(this.sf)}\` ${MESSAGES.builtinWrite}`);
      }
    }
  }
}

function hasDeclare(node: ts.Node): boolean {
  if (
    !ts.isVariableStatement(node) &&
    !ts.isFunctionDeclaration(node) &&
    !ts.isClassDeclaration(node) &&
    !ts.isEnumDeclaration(node)
  ) {
    return false;
  }
  return ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) === true;
}

function isIncrement(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken;
}

function skipOuter(e: ts.Expression): ts.Expression {
  let x = e;
  while (
    ts.isParenthesizedExpression(x) ||
    ts.isNonNullExpression(x) ||
    ts.isAsExpression(x) ||
    ts.isSatisfiesExpression(x) ||
    ts.isTypeAssertionExpression(x)
  ) {
    x = x.expression;
  }
  return x;
}

/** The identifier a member chain starts from (`Math` in `Math.max.x`), if it is one. */
function rootOf(e: ts.Expression): ts.Identifier | undefined {
  let x = skipOuter(e);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = skipOuter(x.expression);
  return ts.isIdentifier(x) ? x : undefined;
}

/** An identifier that names a member or a label, not a value in scope. */
function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (p === undefined) return false;
  if (ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p))
    return (ts.isPropertyAccessExpression(p) ? p.name : p.right) === id;
  if (ts.isBindingElement(p)) return p.propertyName === id;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return p.label === id;
  if (ts.isMetaProperty(p)) return true;
  const named =
    ts.isPropertyAssignment(p) ||
    ts.isPropertyDeclaration(p) ||
    ts.isMethodDeclaration(p) ||
    ts.isGetAccessorDeclaration(p) ||
    ts.isSetAccessorDeclaration(p) ||
    ts.isPropertySignature(p) ||
    ts.isMethodSignature(p) ||
    ts.isEnumMember(p);
  return named && p.name === id;
}

/** `Math.x`, `Symbol('d')`, `new Object()`, `x instanceof Object`: the uses of a namespace built-in. */
function namespaceUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === id)
    return true;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === id) return true;
  return (
    ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && p.right === id
  );
}
