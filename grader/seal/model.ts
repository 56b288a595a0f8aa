// The seal's vocabulary: what buildGradedTree reports (ignored changes of a submission, problems with
// file:line and a rule), the rule ids of the static check and of the splicing, and SealError for a
// submission that cannot be sealed at all (its skeleton is not pristine, it is no folder). No lab is named here.

/** Where a problem is reported: paths as the student knows them (the skeleton is labs/). */
export const STUDENT_PREFIX = 'labs/';

/** Something a submission changed that is not graded: the kit's version is used instead. */
export interface IgnoredChange {
  /** Path relative to the submission root, e.g. `raft/raft.ts` or `package.json`. */
  file: string;
  change: 'modified' | 'added' | 'deleted';
  detail: string;
}

/** Rules of the static check (code in regions) and of the splicing (markers, files). */
export type SealRule =
  | 'markers'
  | 'missing-file'
  | 'not-a-file'
  | 'too-large'
  | 'syntax'
  | 'structure'
  | 'import-in-region'
  | 'import-outside-tree'
  | 'dynamic-import'
  | 'import-meta'
  | 'host-access'
  | 'code-from-strings'
  | 'reflection'
  | 'shared-memory'
  | 'clock'
  | 'timer'
  | 'gc-observation'
  | 'math-random'
  | 'symbol-registry'
  | 'builtin-member'
  | 'computed-key'
  | 'builtin-write'
  | 'prototype'
  | 'constructor'
  | 'stack'
  | 'unknown-global'
  | 'shadowing'
  | 'ambient'
  | 'with'
  | 'debugger';

/** One problem of one file of a submission; every region of that file is graded as its stub. */
export interface SealProblem {
  /** `labs/<path>` (STUDENT_PREFIX + the path in the tree). */
  file: string;
  /** 1-based line in the submission's file (0 when the file as a whole is meant). */
  line: number;
  rule: SealRule;
  /** What is wrong, why the rule exists and what to do instead. */
  message: string;
}

/** What buildGradedTree found; the tree itself is on disk. */
export interface GradedTree {
  /** Changes outside the marked regions (and files added or deleted): not graded, listed. */
  ignored: IgnoredChange[];
  /** Files whose regions could not be taken: each such file is graded with all its regions stubbed. */
  problems: SealProblem[];
  /** Files whose regions were spliced in from the submission (tree-relative paths, sorted). */
  graded: string[];
}

/**
 * Nothing can be graded: the skeleton is not pristine (e.g. a labs/ holding student code, when one is
 * used as the skeleton) or the submission is no folder. The grading run reports it as a target error
 * (exit 2), not as a bug.
 */
export class SealError extends Error {
  override readonly name = 'SealError';
}

/** `labs/raft/raft.ts:12 [host-access] …`: one line per problem, as the report and the CLI print it. */
export function formatSealProblem(p: SealProblem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''} [${p.rule}] ${p.message}`;
}
