// Typed errors of the self-test: a step that failed (with the tail of what its command printed), a
// step that cannot run because a module it drives does not exist yet. (A bad command line is the
// kit's one UsageError, grader/cli/usage.ts.)

/** A step's check did not hold. `output` is the relevant command output, shown under the message. */
export class StepFailure extends Error {
  override readonly name: string = 'StepFailure';
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}

/** A step needs a file or tool that is missing (e.g. the CLI has not been written yet). */
export class MissingDependency extends StepFailure {
  override readonly name = 'MissingDependency';
}
