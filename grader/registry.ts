// The labs and their parts: ids, titles, handouts. The single list that the CLI, the generator's
// manifest, the report and the self-test all read. Test files live in grader/labs/<lab id>/.

export type LabId = 'lab1' | 'lab2' | 'lab3' | 'lab4';

export interface PartInfo {
  /** e.g. 'lab1a'; the marker name in solutions/ and the `part` of each test. */
  id: string;
  title: string;
}

export interface LabInfo {
  id: LabId;
  title: string;
  /** The handout, relative to the repo root. */
  doc: string;
  parts: PartInfo[];
}

export const LABS: readonly LabInfo[] = [
  {
    id: 'lab1',
    title: 'Raft core',
    doc: 'docs/lab1-raft-core.md',
    parts: [
      { id: 'lab1a', title: 'Leader election' },
      { id: 'lab1b', title: 'Log replication' },
      { id: 'lab1c', title: 'RawNode and Ready' },
      { id: 'lab1d', title: "The store's Ready loop" },
    ],
  },
  {
    id: 'lab2',
    title: 'Log GC',
    doc: 'docs/lab2-log-gc.md',
    parts: [
      { id: 'lab2a', title: 'maybeCompact in the Raft log' },
      { id: 'lab2b', title: 'GC tick and CompactLog apply' },
      { id: 'lab2c', title: 'The log-GC worker' },
    ],
  },
  {
    id: 'lab3',
    title: 'Snapshots',
    doc: 'docs/lab3-snapshot.md',
    parts: [
      { id: 'lab3a', title: 'Snapshot fallback and handleSnapshot' },
      { id: 'lab3b', title: 'Snapshot generation worker' },
      { id: 'lab3c', title: 'Applying a snapshot' },
    ],
  },
  {
    id: 'lab4',
    title: 'Snapshot transport',
    doc: 'docs/lab4-snapshot-transport.md',
    parts: [
      { id: 'lab4a', title: 'Chunked, checksummed sender' },
      { id: 'lab4b', title: 'Receiver and reassembly' },
    ],
  },
];

/** All part ids in lab order: lab1a, lab1b, …. */
export const PART_IDS: readonly string[] = LABS.flatMap((l) => l.parts.map((p) => p.id));

export function labOfPart(part: string): LabInfo | undefined {
  return LABS.find((l) => l.parts.some((p) => p.id === part));
}
