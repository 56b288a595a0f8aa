// The two "not here yet" errors of the kit. LabTodo is thrown by every stub in labs/ (written there by
// `raftlab make-labs`) until the student fills in that part; NotInLabYet by framework paths that belong
// to a later lab and are reached although that lab is switched off or not built (e.g. a snapshot needed
// while snapshots are off). Both name the lab, and the grader reports them as such.

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

/**
 * A later lab's feature was reached although it is switched off (by the store's configuration) or not
 * part of the kit yet. `lab` names the lab that brings it, `feature` what was needed and why.
 */
export class NotInLabYet extends Error {
  override readonly name = 'NotInLabYet';
  constructor(
    readonly lab: string,
    readonly feature: string,
  ) {
    super(
      `NotInLabYet(${lab}): ${feature} — this arrives in ${lab} (or is switched off in this configuration)`,
    );
  }
}
