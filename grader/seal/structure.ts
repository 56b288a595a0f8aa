// Checks that a spliced region stays a region: its code is a run of whole statements of the block
// (or, for helpers, of the module) that holds its markers, and its END marker is still a comment.
// A body like `} evil() {` or one that opens a comment or a template across END fails here. (BEGIN
// needs no check: everything before it is the kit's text or an earlier, already checked region.)
import ts from 'typescript';

/** A region of a parsed module: 1-based lines of its BEGIN and END markers in the parsed text. */
export interface RegionLines {
  part: string;
  begin: number;
  end: number;
  /** True for the module-level helpers region. */
  helpers: boolean;
}

export type StructureResult =
  | { ok: true; statements: ts.Node[] }
  | { ok: false; pos: number; message: string };

interface Span {
  beginMarker: number;
  bodyStart: number;
  endLineStart: number;
  endMarker: number;
  endMarkerEnd: number;
}

function spanOf(sf: ts.SourceFile, r: RegionLines): Span {
  const text = sf.text;
  const lineStart = (line: number): number => sf.getPositionOfLineAndCharacter(line - 1, 0);
  const skipSpaces = (pos: number): number => {
    let p = pos;
    while (text[p] === ' ' || text[p] === '\t') p++;
    return p;
  };
  const endLineStart = lineStart(r.end);
  const endMarker = skipSpaces(endLineStart);
  const nl = text.indexOf('\n', endMarker);
  return {
    beginMarker: skipSpaces(lineStart(r.begin)),
    bodyStart: lineStart(r.begin + 1),
    endLineStart,
    endMarker,
    endMarkerEnd: nl < 0 ? text.length : nl,
  };
}

/** The innermost node that holds both markers. */
function containerOf(sf: ts.SourceFile, s: Span): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const inner: ts.Node | undefined = ts.forEachChild(node, (c) =>
      c.getStart(sf) <= s.beginMarker && c.end >= s.endMarkerEnd ? c : undefined,
    );
    if (inner === undefined) return node;
    node = inner;
  }
}

function holdsStatements(n: ts.Node): boolean {
  return (
    ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n) || ts.isModuleBlock(n)
  );
}

const NOT_WHOLE =
  'does not stay between its markers: a brace, bracket, string, template or comment opened in it closes after ' +
  '`// END` (or one opened before `// BEGIN` closes in it). A region must be a run of whole statements';

export function checkStructure(sf: ts.SourceFile, r: RegionLines): StructureResult {
  const s = spanOf(sf, r);
  const container = containerOf(sf, s);
  const where = r.helpers ? 'at module level' : 'inside a function body';
  if (!holdsStatements(container) || ts.isSourceFile(container) !== r.helpers) {
    return {
      ok: false,
      pos: s.beginMarker,
      message: `region ${r.part} must stay ${where}: its code ${NOT_WHOLE}`,
    };
  }
  const statements: ts.Node[] = [];
  let bad: ts.Node | undefined;
  ts.forEachChild(container, (c) => {
    const start = c.getStart(sf);
    if (c.end <= s.beginMarker || start >= s.endMarkerEnd) return;
    if (start >= s.bodyStart && c.end <= s.endLineStart) statements.push(c);
    else bad ??= c;
  });
  if (bad !== undefined) {
    return {
      ok: false,
      pos: Math.max(bad.getStart(sf), s.bodyStart),
      message: `region ${r.part} ${NOT_WHOLE}`,
    };
  }
  // From the end of the BEGIN line (a newline first: comments after one are leading comments).
  const from = statements.reduce((p, c) => Math.max(p, c.end), s.bodyStart - 1);
  const comments = ts.getLeadingCommentRanges(sf.text, from) ?? [];
  if (!comments.some((c) => c.pos === s.endMarker)) {
    return {
      ok: false,
      pos: s.endMarker,
      message: `the END marker of region ${r.part} is no longer a comment: ${r.part} ${NOT_WHOLE}`,
    };
  }
  return { ok: true, statements };
}
