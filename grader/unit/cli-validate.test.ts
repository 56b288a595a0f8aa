// Unit tests of the checks made before a command runs (grader/cli/validate.ts): lab words, --tests
// prefixes (unknown, or outside the selected labs), replayed ids, the grade header's words, a target
// laid out like labs/, a writable --json path. Temp folders only; nothing is graded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { selectLabs } from '../runner/host/select.js';
import {
  checkJsonPath,
  checkLabWords,
  checkTargetLayout,
  checkTestId,
  checkTestPrefixes,
  describeSelection,
  knownTestIds,
} from '../cli/validate.js';

const IDS = ['lab1a.vote.one-per-term', 'lab1a.election.start-follower', 'lab2a.compact.bounds'];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'raftlab-validate-'));
  dirs.push(d);
  return d;
}

describe('lab words and test ids', () => {
  test('an unknown lab or part suggests the nearest', () => {
    expect(() => checkLabWords('grade', ['lab1', 'lab1a', 'all'])).not.toThrow();
    expect(() => checkLabWords('grade', ['lab1e'])).toThrow(
      'unknown lab or part "lab1e" (did you mean lab1, lab1a or lab1b?)',
    );
  });

  test('a --tests prefix that starts no id suggests an id head', () => {
    const all = selectLabs(['all']);
    expect(() => checkTestPrefixes(['lab1a.vote', 'lab2a.compact.bounds'], all, IDS)).not.toThrow();
    expect(() => checkTestPrefixes(['lab1a.vot.one'], all, IDS)).toThrow(
      '--tests lab1a.vot.one: no test id starts with it (did you mean lab1a.vote.one-per-term or lab1a.vote?)',
    );
  });

  test('a --tests prefix outside the selected labs says where its tests are', () => {
    expect(() => checkTestPrefixes(['lab2a.compact'], selectLabs(['lab1']), IDS)).toThrow(
      '--tests lab2a.compact: its tests are in lab2a, outside what is graded (lab1 (lab1a-lab1d))',
    );
    expect(() => checkTestPrefixes(['lab1a.vote'], selectLabs(['lab1b']), IDS)).toThrow(
      'outside what is graded (lab1b)',
    );
  });

  test('a replayed id must be a test; near ids are suggested', () => {
    expect(() => checkTestId('lab1a.vote.one-per-term', IDS)).not.toThrow();
    expect(() => checkTestId('lab1a.vote.one-per-tem', IDS)).toThrow(
      '(did you mean lab1a.vote.one-per-term?)',
    );
  });

  test('the committed list has the ids', () => {
    expect(knownTestIds().length).toBeGreaterThan(100);
  });

  test('the header names what is graded', () => {
    expect(describeSelection(selectLabs(['lab1a']))).toBe('lab1a');
    expect(describeSelection(selectLabs(['lab1']))).toBe('lab1 (lab1a-lab1d)');
    expect(describeSelection(selectLabs(['lab1a', 'lab1c', 'lab2']))).toBe(
      'lab1a, lab1c, lab2 (lab2a-lab2c)',
    );
  });
});

describe('the target and the report path', () => {
  function manifest(): string {
    const d = temp();
    const file = join(d, 'MANIFEST.json');
    const parts = [
      { id: 'lab1a', files: ['raft/raft.ts'] },
      { id: 'lab2a', files: ['store/gc.ts'] },
    ];
    writeFileSync(file, JSON.stringify({ parts }));
    return file;
  }

  test("a target with none of the selected parts' files is not laid out like labs/", () => {
    const m = manifest();
    const t = temp();
    expect(() => checkTargetLayout({ arg: 'sub', dir: t }, ['lab1a'], m)).toThrow(
      'target "sub" is not laid out like labs/: it has none of the files to grade (raft/raft.ts)',
    );
    mkdirSync(join(t, 'labs', 'raft'), { recursive: true });
    writeFileSync(join(t, 'labs', 'raft', 'raft.ts'), '');
    expect(() => checkTargetLayout({ arg: 'sub', dir: t }, ['lab1a'], m)).toThrow('use --target sub/labs');
    expect(() => checkTargetLayout({ arg: 'sub/labs', dir: join(t, 'labs') }, ['lab1a'], m)).not.toThrow();
    // a file missing among others is the seal's to report
    expect(() =>
      checkTargetLayout({ arg: 'sub/labs', dir: join(t, 'labs') }, ['lab1a', 'lab2a'], m),
    ).not.toThrow();
  });

  test('--json: - and writable paths pass; a folder or a path under a file do not', () => {
    const d = temp();
    writeFileSync(join(d, 'file'), '');
    expect(() => checkJsonPath(undefined)).not.toThrow();
    expect(() => checkJsonPath('-')).not.toThrow();
    expect(() => checkJsonPath(join(d, 'new', 'deeper', 'r.json'))).not.toThrow();
    expect(() => checkJsonPath(d)).toThrow('is a folder');
    expect(() => checkJsonPath(join(d, 'file', 'r.json'))).toThrow('is not a folder');
  });
});
