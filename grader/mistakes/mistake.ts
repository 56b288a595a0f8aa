// A handout's "common mistake" as code: which row of the lab's "Common mistakes" table it backs, the
// edits that make the mistake in a copy of solutions/ (each anchored on the text of a marked region,
// not on line numbers), and, for each test the row names, what that test's failure message must say.
// One file per row: grader/mistakes/<lab>/<slug>.ts. The self-test's `mistakes` step applies each one
// and checks the claim (grader/selftest/mistakes.ts).

/** One replacement inside the marked regions of `part` in one file of the tree. */
export interface MistakeEdit {
  /** Path inside the tree, e.g. `raft/raft.ts`. */
  file: string;
  /** The part whose `// BEGIN <part>` … `// END <part>` regions hold `find`. */
  part: string;
  /** Exact text, found exactly once across those regions. */
  find: string;
  replace: string;
}

export interface Mistake {
  /** The first cell of the handout row, verbatim. */
  row: string;
  /** Every test the row names as catching it → what its failure message must match (names the rule). */
  caughtBy: Readonly<Record<string, RegExp>>;
  /**
   * For a mistake the grader refuses before running anything (a static rule, e.g. `Math.random()`):
   * what one of the report's submission problems (`<file>:<line> <rule>: <message>`) must match.
   */
  refusedWith?: RegExp;
  edits: readonly MistakeEdit[];
}

/** Identity, for type checking a mistake file's default export. */
export function mistake(m: Mistake): Mistake {
  return m;
}
