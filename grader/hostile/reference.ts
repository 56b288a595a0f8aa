// Class 1 of issue 10, reaching the reference: the submission's raft/log.ts re-exports the kit's own
// solution (through node_modules/raftlab, an absolute or relative path, a dynamic import built from
// process.argv), or a region reads the solution file and runs it through esbuild and new Function.
import { type HostileCase, helpers, region, write } from './case.js';
import { FIND_KITS } from './snippets.js';

const zero = { score: 'zero' } as const;

export const referenceCases: HostileCase[] = [
  {
    id: '1.node-modules',
    title: 'raft/log.ts re-exports raftlab/solutions/raft/log.ts (the kit links itself as a dependency)',
    base: 'partial',
    edits: [write('raft/log.ts', "export * from 'raftlab/solutions/raft/log.ts';\n")],
    expect: zero,
    quick: true,
  },
  {
    id: '1.absolute-import',
    title: "raft/log.ts re-exports the kit's solutions/ by absolute path",
    base: 'partial',
    edits: [write('raft/log.ts', "export * from '@@KIT@@/solutions/raft/log.ts';\n")],
    expect: zero,
  },
  {
    id: '1.relative-import',
    title: "raft/log.ts re-exports the kit's solutions/ by a relative path",
    base: 'partial',
    edits: [write('raft/log.ts', "export * from '@@SOLUTIONS_REL@@/raft/log.ts';\n")],
    expect: zero,
  },
  {
    id: '1.helpers-import',
    title:
      "the helpers region imports the kit's package (raftlab/solutions/…); the lab2a region calls the reference",
    base: 'partial',
    edits: [
      helpers("import { RaftLog as Reference } from 'raftlab/solutions/raft/log.ts';"),
      region('Reference.prototype.maybeCompact.call(this);\nreturn;'),
    ],
    expect: zero,
  },
  {
    id: '1.helpers-absolute',
    title:
      "the helpers region imports the kit's solutions/ by absolute path; the lab2a region calls the reference",
    base: 'partial',
    edits: [
      helpers("import * as reference from '@@KIT@@/solutions/raft/log.ts';"),
      region('reference.RaftLog.prototype.maybeCompact.call(this);\nreturn;'),
    ],
    expect: zero,
  },
  {
    id: '1.dynamic-argv',
    title: 'raft/log.ts imports the solution from a path built from process.argv (top-level await)',
    base: 'partial',
    edits: [
      write(
        'raft/log.ts',
        String.raw`const argv1 = String(process.argv[1] ?? '');
const kit = argv1.slice(0, argv1.indexOf('/node_modules/'));
const ref = await import(kit + '/solutions/raft/log.ts');
export const RaftLog = ref.RaftLog;
export type InvariantCheckpoint = 'ready' | 'advance';
`,
      ),
    ],
    expect: zero,
  },
  {
    id: '1.symlink-file',
    title:
      "raft/log.ts is a symlink to the kit's solutions/raft/log.ts (the grader would read the reference for it)",
    base: 'partial',
    edits: [{ kind: 'symlink', file: 'raft/log.ts', to: '@@KIT@@/solutions/raft/log.ts' }],
    expect: zero,
  },
  {
    id: '1.symlink-dir',
    title: "raft/ is a symlink to the kit's solutions/raft/",
    base: 'partial',
    edits: [{ kind: 'symlink', file: 'raft', to: '@@KIT@@/solutions/raft' }],
    expect: zero,
  },
  {
    id: '1.fs-esbuild-function',
    title:
      "the lab2a region reads the solution's region with fs, compiles it with esbuild, runs it with new Function",
    base: 'partial',
    edits: [
      region(String.raw`${FIND_KITS}
const req = process.getBuiltinModule('node:module').createRequire(argv1);
const src = process.getBuiltinModule('node:fs').readFileSync(kits[0] + '/solutions/raft/log.ts', 'utf8');
const [open, close] = ['BEG' + 'IN', 'EN' + 'D'].map((m) => '// ' + m + ' lab2a');
const body = src.slice(src.indexOf('\n', src.indexOf(open)), src.indexOf(close));
const js = req('esbuild').transformSync(body, { loader: 'ts' }).code;
new Function('storageFirst', js).call(this, storageFirst);`),
    ],
    expect: zero,
  },
];
