// Unit tests of the lab generator's core (grader/tools/make-labs.ts): region replacement, LabTodo
// import insertion, strict marker validation, --solved trees, manifest and determinism. Uses a temp
// fixture tree, never the real solutions/.
import { afterEach, describe, expect, test } from 'vitest';
import { expandSolved, type GeneratedTree, generate, MarkerError, UsageError } from '../tools/make-labs.js';
import { type Fixture, makeFixture, PLAIN } from '../tools/makelabs/fixture.js';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

function fixture(extra: Record<string, string> = {}): Fixture {
  fx = makeFixture(extra);
  return fx;
}

function text(tree: GeneratedTree, file: string): string {
  const bytes = tree.files.get(file);
  if (bytes === undefined) throw new Error(`${file} not generated`);
  return bytes.toString('utf8');
}

/** The problems of a MarkerError thrown by generate(), as `file:line: message`. */
function markerProblems(extra: Record<string, string>): string[] {
  const f = fixture(extra);
  try {
    generate({ solutionsDir: f.solutions });
  } catch (e) {
    if (e instanceof MarkerError) return e.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    throw e;
  }
  throw new Error('generate() accepted bad markers');
}

describe('region replacement', () => {
  test('replaces each body with a LabTodo stub at the BEGIN indentation and adds the import', () => {
    const tree = generate({ solutionsDir: fixture().solutions });
    expect(text(tree, 'raft/raft.ts')).toBe(`// Raft (fixture): two parts in one file.
import { a } from './a.js';
import {
  type B,
  b,
} from './b.js';
import { LabTodo } from '../labtodo.js';

export function elect(x: number): number {
  if (x < 0) return 0;
  // BEGIN lab1a: count the votes
  throw new LabTodo('lab1a', 'count the votes');
  // END lab1a
}

export class Log {
  append(e: B): number {
    // BEGIN lab1b: append and return the last index
    throw new LabTodo('lab1b', 'append and return the last index');
    // END lab1b
  }
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`);
  });

  test('a file without imports gets the import after its header comment, with a relative path', () => {
    const tree = generate({ solutionsDir: fixture().solutions });
    expect(text(tree, 'store/gc/worker.ts')).toBe(`// A file with no imports, one region.
import { LabTodo } from '../../labtodo.js';

export function gc(): number {
  // BEGIN lab2a: compact the log
  throw new LabTodo('lab2a', 'compact the log');
  // END lab2a
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`);
  });

  test('a file next to labtodo.ts imports ./labtodo.js; an existing LabTodo import is not duplicated', () => {
    const body = '  // BEGIN lab1c: x\n  return 1;\n  // END lab1c\n';
    const helpers = '// BEGIN helpers: x\n// END helpers\n';
    const tree = generate({
      solutionsDir: fixture({
        'top.ts': `// top\nexport function f(): number {\n${body}}\n${helpers}`,
        'raft/has.ts': `// has\nimport { LabTodo } from '../labtodo.js';\n\nexport function g(): number {\n${body}}\n${helpers}`,
      }).solutions,
    });
    expect(text(tree, 'top.ts')).toContain("// top\nimport { LabTodo } from './labtodo.js';\n");
    expect(text(tree, 'raft/has.ts').match(/import \{ LabTodo \}/g)).toHaveLength(1);
  });

  test('hints are quoted safely', () => {
    const tree = generate({
      solutionsDir: fixture({
        'q.ts': [
          '// q',
          'export function f(): number {',
          "  // BEGIN lab1c: the node's term",
          '  return 1;',
          '  // END lab1c',
          '  // BEGIN lab1d: both \'single\' and "double" \\ quotes',
          '  return 2;',
          '  // END lab1d',
          '}',
          '// BEGIN helpers: x',
          '// END helpers',
          '',
        ].join('\n'),
      }).solutions,
    });
    const out = text(tree, 'q.ts');
    expect(out).toContain(`throw new LabTodo('lab1c', "the node's term");`);
    expect(out).toContain(`throw new LabTodo('lab1d', 'both \\'single\\' and "double" \\\\ quotes');`);
  });

  test('CRLF line endings are kept', () => {
    const crlf =
      '// w\r\nexport function f(): number {\r\n  // BEGIN lab1c: x\r\n  return 1;\r\n  // END lab1c\r\n}\r\n' +
      '// BEGIN helpers: x\r\n// END helpers\r\n';
    const out = text(generate({ solutionsDir: fixture({ 'w.ts': crlf }).solutions }), 'w.ts');
    expect(out).toBe(
      "// w\r\nimport { LabTodo } from './labtodo.js';\r\nexport function f(): number {\r\n" +
        "  // BEGIN lab1c: x\r\n  throw new LabTodo('lab1c', 'x');\r\n  // END lab1c\r\n}\r\n" +
        '// BEGIN helpers: x\r\n// END helpers\r\n',
    );
  });

  test('copies every other file byte for byte, skips node_modules, adds MANIFEST.json and README.md', () => {
    const tree = generate({ solutionsDir: fixture().solutions });
    expect([...tree.files.keys()]).toEqual([
      'MANIFEST.json',
      'README.md',
      'labtodo.ts',
      'proto/gen/pb.js',
      'proto/raftpb.proto',
      'raft/plain.ts',
      'raft/raft.ts',
      'store/gc/worker.ts',
    ]);
    expect(text(tree, 'raft/plain.ts')).toBe(PLAIN);
    expect(text(tree, 'proto/gen/pb.js')).toBe('// generated\nexport const pb = {};\n');
  });

  test('is deterministic', () => {
    const f = fixture();
    const a = generate({ solutionsDir: f.solutions, solved: ['lab1b'] });
    const b = generate({ solutionsDir: f.solutions, solved: ['lab1b'] });
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [file, bytes] of a.files)
      expect(bytes.equals(b.files.get(file) ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('manifest', () => {
  test('lists each part with title, lab, hints and the marker lines of its regions', () => {
    const tree = generate({ solutionsDir: fixture().solutions });
    const manifest: unknown = JSON.parse(text(tree, 'MANIFEST.json'));
    expect(manifest).toMatchObject({ command: 'raftlab make-labs', source: 'solutions/' });
    const lab1a = tree.manifest.parts.find((p) => p.id === 'lab1a');
    expect(lab1a).toMatchObject({
      title: 'Leader election',
      lab: 'lab1',
      doc: 'docs/lab1-raft-core.md',
      solved: false,
      hints: ['count the votes'],
      files: ['raft/raft.ts'],
      regions: [{ file: 'raft/raft.ts', begin: 11, end: 13 }],
    });
    const lines = text(tree, 'raft/raft.ts').split('\n');
    expect(lines[10]).toBe('  // BEGIN lab1a: count the votes');
    expect(lines[12]).toBe('  // END lab1a');
    expect(tree.manifest.parts.find((p) => p.id === 'lab4b')?.regions).toEqual([]);
    expect(text(tree, 'README.md')).toContain('docs/lab1-raft-core.md');
  });
});

describe('--solved trees', () => {
  test('solved parts keep their reference code, the others are stubs', () => {
    const tree = generate({ solutionsDir: fixture().solutions, solved: ['lab1a'] });
    const raft = text(tree, 'raft/raft.ts');
    expect(raft).toContain('  // BEGIN lab1a: count the votes\n  const votes = x + a;\n  return votes;\n');
    expect(raft).toContain("throw new LabTodo('lab1b', 'append and return the last index');");
    expect(raft).toContain("import { LabTodo } from '../labtodo.js';");
    expect(tree.manifest.command).toBe('raftlab make-labs --solved lab1a');
    expect(tree.manifest.parts.find((p) => p.id === 'lab1a')?.solved).toBe(true);
  });

  test('a file whose regions are all solved is the reference file, without a LabTodo import', () => {
    const f = fixture();
    const tree = generate({ solutionsDir: f.solutions, solved: ['lab1a', 'lab1b'] });
    expect(text(tree, 'raft/raft.ts')).toBe(f.read('solutions/raft/raft.ts'));
  });

  test('expandSolved accepts part ids, lab ids and all, in registry order', () => {
    expect(expandSolved('lab1')).toEqual(['lab1a', 'lab1b', 'lab1c', 'lab1d']);
    expect(expandSolved('lab2b, lab1a,lab2b')).toEqual(['lab1a', 'lab2b']);
    expect(expandSolved('all')).toContain('lab4b');
    expect(() => expandSolved('lab9')).toThrow(UsageError);
    expect(() => expandSolved(',')).toThrow(UsageError);
  });
});

describe('marker validation', () => {
  const fn = (...body: string[]): string =>
    ['// bad', 'export function f(): number {', ...body.map((l) => `  ${l}`), '  return 0;', '}', ''].join(
      '\n',
    );

  test.each([
    ['unknown part id', fn('// BEGIN lab9z: x', 'f();', '// END lab9z'), "bad.ts:3: unknown part 'lab9z'"],
    ['END without BEGIN', fn('f();', '// END lab1a'), 'bad.ts:4: END lab1a without a matching BEGIN'],
    [
      'mismatched names',
      fn('// BEGIN lab1a: x', 'f();', '// END lab1b'),
      'bad.ts:5: END lab1b does not match BEGIN lab1a at line 3',
    ],
    [
      'nesting',
      fn('// BEGIN lab1a: x', '// BEGIN lab1b: y', 'f();', '// END lab1b', '// END lab1a'),
      'bad.ts:4: BEGIN lab1b is nested inside region lab1a (BEGIN at line 3)',
    ],
    ['BEGIN without hint', fn('// BEGIN lab1a', 'f();', '// END lab1a'), 'bad.ts:3: BEGIN lab1a has no hint'],
    [
      'BEGIN with an empty hint',
      fn('// BEGIN lab1a:  ', 'f();', '// END lab1a'),
      'bad.ts:3: BEGIN lab1a has no hint',
    ],
    ['empty region', fn('// BEGIN lab1a: x', '', '// END lab1a'), 'bad.ts:3: region lab1a is empty'],
    [
      'region of comments only',
      fn('// BEGIN lab1a: x', '// nothing', '// END lab1a'),
      'bad.ts:3: region lab1a is empty',
    ],
    ['BEGIN never closed', fn('// BEGIN lab1a: x', 'f();'), 'bad.ts:3: BEGIN lab1a is never closed'],
    [
      'marker after code',
      fn('f(); // BEGIN lab1a: x', '// END lab1a'),
      'bad.ts:3: a marker must be on a line',
    ],
    ['malformed marker', fn('//BEGIN lab1a x', 'f();', '// END lab1a'), 'bad.ts:3: malformed marker'],
    [
      'END at another indentation',
      [
        '// bad',
        'export function f(): number {',
        '  // BEGIN lab1a: x',
        '  if (a) {',
        '// END lab1a',
        '  }',
        '}',
        '',
      ].join('\n'),
      'bad.ts:5: END lab1a is indented differently',
    ],
  ])('%s', (_name, source, expected) => {
    const problems = markerProblems({ 'bad.ts': source });
    expect(
      problems.some((p) => p.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
  });

  test('reports every problem of every file, each with file:line, in one error', () => {
    const f = fixture({
      'a/one.ts': '// BEGIN lab1a\nx();\n// END lab1a\n',
      'b/two.ts': 'x();\n// END lab2a\n',
    });
    let error: unknown;
    try {
      generate({ solutionsDir: f.solutions });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarkerError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('solutions/a/one.ts:1: BEGIN lab1a has no hint');
    expect(message).toContain('solutions/b/two.ts:2: END lab2a without a matching BEGIN');
  });

  test('markers in non-TS files and node_modules are ignored', () => {
    const f = fixture({ 'proto/x.js': '// BEGIN nonsense\n' });
    expect(() => generate({ solutionsDir: f.solutions })).not.toThrow();
  });
});
