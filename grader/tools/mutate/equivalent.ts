// Mutants judged equivalent: they survive because no test can tell them from the reference, not
// because a test is missing. Each entry names the part, the file, the mutator, the exact source text
// and replacement (so an entry stops matching when the code changes), and why. docs/mutation.md
// lists the same entries.
import type { MutantRecord } from './summary.js';

export interface EquivalentMutant {
  part: string;
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  why: string;
}

/**
 * An error message's text emptied: the error (its class, where it is thrown, what it ends) is unchanged,
 * and no rule prescribes the wording. Counted as equivalent, and listed as such in docs/mutation.md.
 */
const MESSAGE_TEXT =
  'message text only: the same error is thrown at the same point; no rule prescribes its wording';

/** The fromLeader test of Raft.step, in Stryker's text: A, H, S stand for `m.msgType === MessageType.Msg…`. */
function msgTypes(shape: string, or: string): string {
  const names: Record<string, string> = { A: 'MsgAppend', H: 'MsgHeartbeat', S: 'MsgSnapshot' };
  return shape
    .split(' || ')
    .map((t) => t.replace(/[AHS]/g, (k) => `m.msgType === MessageType.${names[k]}`))
    .join(or);
}

export const EQUIVALENT: readonly EquivalentMutant[] = [
  {
    part: 'lab1a',
    file: 'solutions/raft/log.ts',
    mutator: 'ConditionalExpression',
    original: 'lastIndex >= firstIndex',
    replacement: 'true',
    why: 'an empty storage is asked for entries(first, first), an empty range: both storages answer []',
  },
  {
    part: 'lab1a',
    file: 'solutions/raft/log.ts',
    mutator: 'EqualityOperator',
    original: 'to > this.committed',
    replacement: 'to >= this.committed',
    why: 'at to = committed it assigns the value committed already has',
  },
  {
    part: 'lab1a',
    file: 'solutions/raft/raft.ts',
    mutator: 'ArithmeticOperator',
    original: 'this.raftLog.lastIndex() + 1',
    replacement: 'this.raftLog.lastIndex() - 1',
    why: 'a Progress is read only by a leader, and becomeLeader sets every next (and match) first',
  },
  {
    part: 'lab1a',
    file: 'solutions/raft/raft.ts',
    mutator: 'ConditionalExpression',
    original: '!isEmptyHardState(hardState)',
    replacement: 'true',
    why: 'an empty hard state restores term 0, vote 0 (NONE) and commitTo(0): the values a new Raft already has',
  },
  {
    part: 'lab1a',
    file: 'solutions/raft/raft.ts',
    mutator: 'ConditionalExpression',
    original: 'c.applied !== undefined',
    replacement: 'true',
    why: '`undefined > 0` is false: the condition is the same for every config',
  },
  {
    part: 'lab1a',
    file: 'solutions/raft/raft.ts',
    mutator: 'ConditionalExpression',
    original: 'id === this.id',
    replacement: 'false',
    why: "the leader's own match starts at 0, but appendEntries of the no-op, two lines on, sets it to the new last index before anything reads it",
  },
  ...(
    [
      ['ConditionalExpression', 'A || H || S', 'false'],
      ['LogicalOperator', 'A || H || S', '(A || H) && S'],
      ['ConditionalExpression', 'A || H', 'false'],
      ['LogicalOperator', 'A || H', 'A && H'],
      ['ConditionalExpression', 'A', 'false'],
      ['ConditionalExpression', 'H', 'false'],
      ['ConditionalExpression', 'S', 'false'],
    ] as const
  ).map(([mutator, original, replacement]) => ({
    part: 'lab1a',
    file: 'solutions/raft/raft.ts',
    mutator,
    original: msgTypes(original, ' ||\n        '),
    replacement: msgTypes(replacement, ' || '),
    why:
      'a newer-term MsgAppend, MsgHeartbeat or MsgSnapshot then makes us a follower with lead NONE, but ' +
      'step goes on to stepFollower, which sets lead = m.from for each of the three before anything reads it',
  })),
  {
    part: 'lab1b',
    file: 'solutions/raft/log.ts',
    mutator: 'ConditionalExpression',
    original: 'e.index <= this.lastIndex()',
    replacement: 'true',
    why:
      'two mutants (the skip test and the truncate test of maybeAppend). Skip: for e.index > last, ' +
      'matchTerm is false (UnavailableError). Truncate: the first entry not held is last + 1 (entries follow ' +
      'a matched prev), so length = last + 1 − first is unchanged and stabled = min(stabled, last) too',
  },
  {
    part: 'lab1b',
    file: 'solutions/raft/raft.ts',
    mutator: 'ConditionalExpression',
    original: 'm.index + 1 > pr.next',
    replacement: 'true',
    why:
      'unreachable difference: next starts at the last index before the no-op, every ack of the term ' +
      'is at or past the no-op, later acks above match are above next − 1 (next moves to match + 1 or down), ' +
      'so an ack above match always has m.index + 1 > next',
  },
  {
    part: 'lab1b',
    file: 'solutions/raft/raft.ts',
    mutator: 'EqualityOperator',
    original: 'm.index + 1 > pr.next',
    replacement: 'm.index + 1 >= pr.next',
    why: 'at m.index + 1 = next it assigns the value next already has',
  },
  {
    part: 'lab1c',
    file: 'solutions/raft/log.ts',
    mutator: 'EqualityOperator',
    original: 'i > this.stabled',
    replacement: 'i >= this.stabled',
    why: 'at i = stabled it assigns the value stabled already has',
  },
  {
    part: 'lab1c',
    file: 'solutions/raft/rawnode.ts',
    mutator: 'ConditionalExpression',
    original: 'softChanged',
    replacement: 'true',
    why: 'when the soft state did not change, it stores an equal soft state: every later comparison is the same',
  },
  {
    part: 'lab1c',
    file: 'solutions/raft/rawnode.ts',
    mutator: 'ConditionalExpression',
    original: 'rd.snapshot !== null',
    replacement: 'true',
    why:
      'a Ready without a snapshot was made while pendingSnapshot was null, and the RawNode is not stepped ' +
      'before advance(): clearing it again changes nothing',
  },
  {
    part: 'lab1d',
    file: 'solutions/store/peer-storage.ts',
    mutator: 'ConditionalExpression',
    original: 'last === undefined && rd.hardState === null',
    replacement: 'false',
    why: 'a Ready with no entries and no hard state then writes the unchanged RaftLocalState again: same contents',
  },
  {
    part: 'lab1d',
    file: 'solutions/store/peer.ts',
    mutator: 'ConditionalExpression',
    original: 'p.index === e.index',
    replacement: 'true',
    why:
      'takeUpTo(e.index) never holds a proposal below e.index: a proposal gets an index above the commit ' +
      'index, and committed entries are applied one by one in order, so it was taken at its own entry',
  },
  {
    part: 'lab2a',
    file: 'solutions/raft/log.ts',
    mutator: 'EqualityOperator',
    original: 'newFirst <= this.first',
    replacement: 'newFirst < this.first',
    why: 'at newFirst = first the body slices nothing off and keeps first: the same log',
  },
  {
    part: 'lab2a',
    file: 'solutions/raft/log.ts',
    mutator: 'ConditionalExpression',
    original: 'newFirst <= this.first',
    replacement: 'false',
    why:
      'newFirst < first cannot happen (storage first > first by the guard above, stabled and applied ' +
      'are >= first - 1), and newFirst = first is the no-op above',
  },
  {
    part: 'lab2b',
    file: 'solutions/store/peer.ts',
    mutator: 'ConditionalExpression',
    original: 'id !== this.id',
    replacement: 'true',
    why: "the leader's own match is its last index (appendEntries), never below applied: min is unchanged",
  },
  {
    part: 'lab2b',
    file: 'solutions/store/peer.ts',
    mutator: 'EqualityOperator',
    original: 'index <= applyState.truncatedState.index',
    replacement: 'index < applyState.truncatedState.index',
    why:
      'a repeated CompactLog at the truncated index writes the same {index, term} again and schedules ' +
      'a GC task that deletes nothing',
  },
  {
    part: 'lab2c',
    file: 'solutions/store/log-gc-worker.ts',
    mutator: 'EqualityOperator',
    original: 'end <= start',
    replacement: 'end < start',
    why: 'at end = start the range [start, end) is empty: nothing deleted, lastCompacted unchanged',
  },
  {
    part: 'lab2c',
    file: 'solutions/store/log-gc-worker.ts',
    mutator: 'ConditionalExpression',
    original: 'end <= start',
    replacement: 'false',
    why:
      'a late task then deletes the empty range [start, end) and moves lastCompacted back to end; the ' +
      'next task re-deletes keys below start that are already gone: the same engine contents',
  },
  {
    part: 'lab1c',
    file: 'solutions/raft/log.ts',
    mutator: 'StringLiteral',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the mutated source text, verbatim
    original: '`applied(${i}) outside [${this.applied}, ${this.committed}]`',
    replacement: '``',
    why: MESSAGE_TEXT,
  },
  {
    part: 'lab3a',
    file: 'solutions/raft/raft.ts',
    mutator: 'EqualityOperator',
    original: 'index > this.raftLog.committed',
    replacement: 'index >= this.raftLog.committed',
    why:
      'a snapshot at index = committed from a leader has the term of our committed entry there (log ' +
      'matching; committed >= first - 1, whose term the log knows), so matchTerm holds and ' +
      'commitTo(committed) changes nothing',
  },
  {
    part: 'lab3a',
    file: 'solutions/raft/raft.ts',
    mutator: 'ArithmeticOperator',
    original: 'index + 1',
    replacement: 'index - 1',
    why:
      "the follower's own progress map is only read once it leads, and becomeLeader resets every " +
      'next to last + 1 first',
  },
  ...[
    ['ConditionalExpression', 'applyState === undefined || regionState === undefined', 'false'],
    [
      'LogicalOperator',
      'applyState === undefined || regionState === undefined',
      'applyState === undefined && regionState === undefined',
    ],
    ['ConditionalExpression', 'applyState === undefined', 'false'],
    ['ConditionalExpression', 'regionState === undefined', 'false'],
    [
      'BlockStatement',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the mutated source text, verbatim
      '{\n      throw new CorruptStateError(`region ${this.regionId}: no apply or region state to snapshot`);\n    }',
      '{}',
    ],
  ].map(([mutator, original, replacement]) => ({
    part: 'lab3b',
    file: 'solutions/store/peer-storage.ts',
    mutator: mutator!,
    original: original!,
    replacement: replacement!,
    why:
      'unreachable: a bootstrapped store writes its apply and region state before the first view and ' +
      'never deletes them; without the check the generation still fails (reading a field of undefined)',
  })),
  {
    part: 'lab3b',
    file: 'solutions/store/peer-storage.ts',
    mutator: 'StringLiteral',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the mutated source text, verbatim
    original: '`region ${this.regionId}: no apply or region state to snapshot`',
    replacement: '``',
    why: `${MESSAGE_TEXT}; and the check is unreachable (above)`,
  },
  {
    part: 'lab4a',
    file: 'solutions/store/snap-sender.ts',
    mutator: 'ConditionalExpression',
    original: 'info === null',
    replacement: 'false',
    why:
      'without the check the transfer still fails before any frame, reported once with the reader ' +
      'closed: openReader throws SnapFileMissingError for a missing file, and headerFrame throws on a ' +
      'null info for a data file without its meta (lab4a.fail.no-file checks both); only the reason text differs',
  },
  {
    part: 'lab4a',
    file: 'solutions/store/snap-sender.ts',
    mutator: 'StringLiteral',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the mutated source text, verbatim
    original: '`no complete snapshot file ${snapFileName(t.key)}`',
    replacement: '``',
    why: MESSAGE_TEXT,
  },
  {
    part: 'lab4a',
    file: 'solutions/store/snap-sender.ts',
    mutator: 'StringLiteral',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the mutated source text, verbatim
    original: '`${snapFileName(t.key)}: short read at ${offset}`',
    replacement: '``',
    why: MESSAGE_TEXT,
  },
  ...[
    ['OptionalChaining', 'rm?.message', 'rm.message'],
    ['ConditionalExpression', 'rm == null || m == null', 'false'],
    ['LogicalOperator', 'rm == null || m == null', 'rm == null && m == null'],
    ['ConditionalExpression', 'rm == null', 'false'],
    ['ConditionalExpression', 'm == null', 'false'],
    ['ConditionalExpression', 'm.snapshot?.metadata == null', 'false'],
    ['OptionalChaining', 'm.snapshot?.metadata', 'm.snapshot.metadata'],
  ].map(([mutator, original, replacement]) => ({
    part: 'lab4b',
    file: 'solutions/store/snap-receiver.ts',
    mutator: mutator!,
    original: original!,
    replacement: replacement!,
    why:
      'a header without a RaftMessage, a message or snapshot metadata then fails on reading a field of ' +
      'undefined a line later: onHeader still throws, and the transfer aborts the same way (error ack, ' +
      'nothing left; lab4b.header.misaddressed checks the no-snapshot case); only the reason text differs',
  })),
  {
    part: 'lab4b',
    file: 'solutions/store/snap-receiver.ts',
    mutator: 'ConditionalExpression',
    original: 'held.data.length === data.length',
    replacement: 'true',
    why:
      'telling the mutant apart needs two chunks of different lengths at one offset, each passing its own ' +
      'checksum, with equal CRC32s: a deliberate collision, not a case any sender produces',
  },
];

export function isEquivalent(part: string, m: MutantRecord): boolean {
  return EQUIVALENT.some(
    (e) =>
      e.part === part &&
      e.file === m.file &&
      e.mutator === m.mutator &&
      e.original === m.original &&
      e.replacement === m.replacement,
  );
}
