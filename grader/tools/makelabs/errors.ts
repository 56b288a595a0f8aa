// Typed errors of the lab generator (make-labs): marker problems with file:line, bad command-line
// usage (the kit's UsageError), and refusals to write somewhere unsafe; grader/cli/exit.ts maps them to exit codes.

/** Base class of every error make-labs raises on purpose. */
export class MakeLabsError extends Error {
  override readonly name: string = 'MakeLabsError';
}

/** One problem with the markers of one file, at a 1-based line. */
export interface MarkerProblem {
  /** Path relative to solutions/, with forward slashes. */
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: MarkerProblem, prefix = 'solutions/'): string {
  return `${prefix}${p.file}:${p.line}: ${p.message}`;
}

/** solutions/ has malformed marked regions; every problem found is listed. */
export class MarkerError extends MakeLabsError {
  override readonly name = 'MarkerError';
  constructor(readonly problems: readonly MarkerProblem[]) {
    super(
      `${problems.length} marker problem${problems.length === 1 ? '' : 's'} in solutions/:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
  }
}

/** The command line is wrong (unknown flag, unknown part id, missing --out, …): the kit's one usage error. */
export { UsageError } from '../../cli/usage.js';

/** The output directory is unsafe to write (inside solutions/, a foreign non-empty folder, …). */
export class UnsafeOutputError extends MakeLabsError {
  override readonly name = 'UnsafeOutputError';
}

/** labs/ holds code inside marked regions that is not a stub, i.e. probably a student's work. */
export class StudentWorkError extends MakeLabsError {
  override readonly name = 'StudentWorkError';
  constructor(readonly places: readonly string[]) {
    super(
      'labs/ has implemented code inside marked regions, which regenerating would erase:\n' +
        places.map((p) => `  ${p}`).join('\n') +
        '\nRefusing to overwrite; pass --force to regenerate anyway.',
    );
  }
}

/** The source tree is not usable (no solutions/ folder, no labtodo.ts, a name collision, …). */
export class SourceTreeError extends MakeLabsError {
  override readonly name = 'SourceTreeError';
}
