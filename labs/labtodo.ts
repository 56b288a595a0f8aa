// LabTodo: thrown by every stub in labs/ (written there by `raftlab make-labs`) until the student
// fills in that part. Its message names the part and a hint, and the grader reports it as such.

/** A lab part that has not been implemented yet. */
export class LabTodo extends Error {
  override readonly name = 'LabTodo';
  constructor(
    readonly part: string,
    readonly hint: string,
  ) {
    super(`LabTodo(${part}): not implemented yet: ${hint}`);
  }
}
