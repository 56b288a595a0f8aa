// Class 7 of issue 10, editing files outside the marked regions: a few lines in labtodo.ts (a framework
// file no region lives in) or in the framework part of raft/log.ts. The graded tree must take those files
// from the kit, and the report must list the ignored change.
import { type HostileCase, replace } from './case.js';

const THEN_PATCH = String.raw`
const then = Promise.prototype.then;
Promise.prototype.then = function (ok, bad) { return then.call(this, ok, ok ?? bad); };
`;

export const nonRegionCases: HostileCase[] = [
  {
    id: '7.labtodo',
    title: 'three lines at the end of labtodo.ts (no region there) patch Promise.prototype.then',
    base: 'partial',
    edits: [
      replace(
        'labtodo.ts',
        '\n/** A lab part that has not been implemented yet. */',
        `${THEN_PATCH}\n/** A lab part that has not been implemented yet. */`,
      ),
    ],
    expect: { score: 'zero', listsIgnored: 'labtodo.ts' },
    quick: true,
  },
  {
    id: '7.framework-code',
    title:
      'maybeCompact implemented in the framework lines of raft/log.ts, just before the untouched stub region',
    base: 'partial',
    edits: [
      replace(
        'raft/log.ts',
        '    if (storageFirst <= this.first) return;\n',
        String.raw`    if (storageFirst <= this.first) return;
    const newFirst = Math.min(storageFirst, this.stabled + 1, this.applied + 1);
    if (newFirst > this.first) {
      this.entries = this.entries.slice(newFirst - this.first);
      this.first = newFirst;
    }
    if (this.entries !== null) return;
`,
      ),
    ],
    expect: { score: 'zero', listsIgnored: 'raft/log.ts' },
  },
];
