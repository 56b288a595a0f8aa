// The runner's contract pieces that stand between code under test and a verdict: the channel's MAC
// (a forged, foreign or edited line is rejected), the determinism guard's frame parsing (whatever the
// folder is called), the committed test list's file (readable, and equal to itself once rendered),
// and the report's atomic write (a path pre-created next to it changes nothing).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildReport } from '../report/model.js';
import { writeReportJson } from '../report/json.js';
import { decodeRecord, encodeRecord, type SidecarRecord } from '../runner/contract.js';
import {
  compareTestLists,
  loadTestList,
  type renderTestList,
  TEST_LIST_FILE,
} from '../runner/host/test-list.js';
import { frameLocation } from '../runner/worker/determinism-guard.js';

const KEY = 'ab'.repeat(32);
const END: SidecarRecord = {
  t: 'end',
  file: '/x.test.ts',
  pid: 7,
  key: 'lab1a.x',
  state: 'pass',
  durationMs: 3,
};

describe('worker channel', () => {
  test('a record survives with its key, and only with it', () => {
    const line = encodeRecord(KEY, END).trimEnd();
    expect(decodeRecord(KEY, line)).toEqual(END);
    expect(decodeRecord('cd'.repeat(32), line)).toBeUndefined();
    expect(decodeRecord(KEY, line.replace('"pass"', '"fail"'))).toBeUndefined();
    expect(decodeRecord(KEY, `- ${JSON.stringify(END)}`)).toBeUndefined();
    expect(decodeRecord(KEY, line.slice(0, -4))).toBeUndefined();
  });
});

describe('determinism guard frames', () => {
  test.each([
    ['    at Raft.tick (/tmp/a b/raft/raft.ts:12:5)', '/tmp/a b/raft/raft.ts', '12'],
    ['    at Raft.tick (/tmp/sub (2)/raft/raft.ts:7:1)', '/tmp/sub (2)/raft/raft.ts', '7'],
    ['    at /tmp/plain/raft/raft.ts:3:9', '/tmp/plain/raft/raft.ts', '3'],
    [`    at f (${pathToFileURL('/tmp/a b (c)/x.ts').href}:4:2)`, '/tmp/a b (c)/x.ts', '4'],
  ])('%s', (frame, file, line) => {
    expect(frameLocation(frame)).toEqual({ file, line });
  });
});

describe('committed test list', () => {
  test('every listed test has a part and points, and rendering it gives back the same file', () => {
    const text = readFileSync(TEST_LIST_FILE, 'utf8');
    const tests = [...loadTestList()].flatMap(([, ts]) => ts);
    expect(tests.length).toBeGreaterThan(0);
    for (const t of tests.filter((x) => x.id !== undefined)) expect(t.points).toBeGreaterThanOrEqual(0);
    const parsed = JSON.parse(text) as { tests: Parameters<typeof renderTestList>[0] };
    expect(compareTestLists(text, parsed.tests)).toEqual([]);
  });
});

describe('report file', () => {
  test('is written atomically even when a stale temporary path exists next to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'raftlab-report-'));
    try {
      const path = join(dir, 'report.json');
      writeFileSync(`${path}.${process.pid}.tmp`, 'forged');
      const header = { target: 'labs', targetDir: '/x', seeds: [1], wallMs: 1, problems: [] };
      writeReportJson(path, buildReport(header, [], []));
      expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveProperty('version', 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
