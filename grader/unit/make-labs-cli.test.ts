// Unit tests of the `raftlab make-labs` command on a temp fixture repo: writing and pruning labs/,
// --check (hand edits inside and outside marked regions, stale and missing files, no writes),
// --solved/--out, refusals (solutions/, foreign folders, a student's work) and usage errors.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { makeLabsCommand } from '../tools/make-labs.js';
import { captureIO, type Fixture, makeFixture } from '../tools/makelabs/fixture.js';

let fx: Fixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

async function run(f: Fixture, ...args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIO();
  const code = await makeLabsCommand(['--root', f.root, ...args], { io });
  return { code, out: io.text() };
}

/** A fixture repo whose labs/ has been generated. */
async function generated(): Promise<Fixture> {
  fx = makeFixture();
  expect((await run(fx)).code).toBe(0);
  return fx;
}

function edit(f: Fixture, rel: string, from: string, to: string): void {
  const abs = join(f.root, rel);
  const before = readFileSync(abs, 'utf8');
  expect(before).toContain(from);
  writeFileSync(abs, before.replace(from, to));
}

describe('make-labs (write)', () => {
  test('writes labs/ and then --check passes', async () => {
    const f = await generated();
    expect(f.read('labs/raft/raft.ts')).toContain("throw new LabTodo('lab1a', 'count the votes');");
    expect(existsSync(join(f.root, 'labs/node_modules'))).toBe(false);
    const check = await run(f, '--check');
    expect(check.code, check.out).toBe(0);
  });

  test('deletes stale files (and empty folders) in labs/', async () => {
    const f = await generated();
    f.write('labs/old/stale.ts', '// stale\n');
    expect((await run(f)).code).toBe(0);
    expect(existsSync(join(f.root, 'labs/old'))).toBe(false);
  });

  test('refuses to erase implemented regions in labs/ unless --force', async () => {
    const f = await generated();
    edit(f, 'labs/raft/raft.ts', "throw new LabTodo('lab1a', 'count the votes');", 'return x + 1;');
    const refused = await run(f);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('labs/raft/raft.ts:11 (lab1a)');
    expect((await run(f, '--force')).code).toBe(0);
    expect(f.read('labs/raft/raft.ts')).toContain("throw new LabTodo('lab1a'");
  });

  test('fails with file:line on bad markers and writes nothing', async () => {
    fx = makeFixture({ 'raft/bad.ts': '// bad\n// BEGIN lab1a: x\n' });
    const r = await run(fx);
    expect(r.code).toBe(1);
    expect(r.out).toContain('solutions/raft/bad.ts:2: BEGIN lab1a is never closed');
    expect(existsSync(join(fx.root, 'labs'))).toBe(false);
  });
});

describe('make-labs --check', () => {
  test('detects a hand edit inside a marked region', async () => {
    const f = await generated();
    edit(f, 'labs/raft/raft.ts', "throw new LabTodo('lab1a', 'count the votes');", 'return x;');
    const r = await run(f, '--check');
    expect(r.code).toBe(1);
    expect(r.out).toContain('labs/raft/raft.ts:12: differs (inside marked region lab1a)');
    expect(r.out).toContain("expected: throw new LabTodo('lab1a', 'count the votes');");
    expect(r.out).toContain('found:    return x;');
  });

  test('detects an edit of the reference code inside a marked region of solutions/', async () => {
    const f = await generated();
    edit(f, 'solutions/raft/raft.ts', 'const votes = x + a;', 'const votes = a + x;');
    const r = await run(f, '--check');
    expect(r.code).toBe(1);
    expect(r.out).toContain('labs/MANIFEST.json');
    expect((await run(f)).code).toBe(0);
    expect((await run(f, '--check')).code).toBe(0);
  });

  test('detects a hand edit of a line outside any region', async () => {
    const f = await generated();
    edit(f, 'labs/raft/raft.ts', 'if (x < 0) return 0;', 'if (x < 1) return 0;');
    const r = await run(f, '--check');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/labs\/raft\/raft\.ts:10: differs\n/);
  });

  test('detects missing and stale files, and a changed solution', async () => {
    const f = await generated();
    f.write('labs/extra.ts', '// extra\n');
    f.write('solutions/raft/new.ts', '// new\n');
    const r = await run(f, '--check');
    expect(r.code).toBe(1);
    expect(r.out).toContain('labs/extra.ts: not generated');
    expect(r.out).toContain('labs/raft/new.ts: missing');
  });

  test('never writes', async () => {
    const f = await generated();
    edit(f, 'labs/raft/plain.ts', 'x = 1', 'x = 2');
    f.write('labs/extra.ts', '// extra\n');
    const before = statSync(join(f.root, 'labs/raft/plain.ts')).mtimeMs;
    expect((await run(f, '--check')).code).toBe(1);
    expect(f.read('labs/raft/plain.ts')).toContain('x = 2');
    expect(existsSync(join(f.root, 'labs/extra.ts'))).toBe(true);
    expect(statSync(join(f.root, 'labs/raft/plain.ts')).mtimeMs).toBe(before);
  });

  test('fails when labs/ does not exist, without creating it', async () => {
    fx = makeFixture();
    const r = await run(fx, '--check');
    expect(r.code).toBe(1);
    expect(existsSync(join(fx.root, 'labs'))).toBe(false);
  });
});

describe('make-labs --solved / --out', () => {
  test('--solved lab1 --out DIR keeps all lab1 parts solved and stubs the rest', async () => {
    fx = makeFixture();
    const out = join(fx.root, 'tree');
    const r = await run(fx, '--solved', 'lab1', '--out', out);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(out, 'raft/raft.ts'), 'utf8')).toBe(fx.read('solutions/raft/raft.ts'));
    expect(readFileSync(join(out, 'store/gc/worker.ts'), 'utf8')).toContain("throw new LabTodo('lab2a'");
    expect((await run(fx, '--check', '--solved', 'lab1', '--out', out)).code).toBe(0);
    expect((await run(fx, '--check', '--out', out)).code).toBe(1);
    // Regenerating over a tree made by make-labs is allowed.
    expect((await run(fx, '--solved', 'lab1a', '--out', out)).code).toBe(0);
  });

  test('--out DIR alone writes the skeleton', async () => {
    fx = makeFixture();
    const out = join(fx.root, 'skel');
    expect((await run(fx, '--out', out)).code).toBe(0);
    expect(readFileSync(join(out, 'raft/raft.ts'), 'utf8')).toContain("throw new LabTodo('lab1a'");
  });

  test('refuses to write into solutions/ or into a folder containing it', async () => {
    fx = makeFixture();
    for (const out of [fx.solutions, join(fx.solutions, 'sub'), fx.root]) {
      const r = await run(fx, '--solved', 'lab1a', '--out', out);
      expect(r.code, out).toBe(1);
      expect(r.out).toContain('refusing');
    }
    expect(existsSync(join(fx.solutions, 'sub'))).toBe(false);
    expect(existsSync(join(fx.solutions, 'MANIFEST.json'))).toBe(false);
  });

  test('refuses a non-empty folder it did not make', async () => {
    fx = makeFixture();
    const out = join(fx.root, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me\n');
    const r = await run(fx, '--out', out);
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me\n');
  });
});

describe('make-labs usage', () => {
  test('--help', async () => {
    fx = makeFixture();
    const r = await run(fx, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--solved');
  });

  test.each([[['--bogus']], [['--solved', 'lab1']], [['--solved', 'lab7', '--out', 'x']], [['positional']]])(
    'usage error %j exits 2',
    async (args) => {
      fx = makeFixture();
      expect((await run(fx, ...args)).code).toBe(2);
    },
  );
});
