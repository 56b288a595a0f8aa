// Unpacking submissions (grader/instructor/archive.ts): a .tar.gz whose entries climb out of the folder,
// are absolute, are symlinks, hard links or duplicates writes only its plain files inside the folder;
// a .zip's symlink is not created; limits refuse an archive that unpacks too much; the root of a
// packed tree is found (one wrapping folder, or the kit's labs/).
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { afterAll, describe, expect, test } from 'vitest';
import { ArchiveError, submissionRoot, unpackSubmission } from '../instructor/archive.js';

const work = mkdtempSync(join(tmpdir(), 'raftlab-archive-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One ustar header block (written by hand: tar libraries refuse to write the hostile names). */
function tarHeader(name: string, size: number, type: string, link = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function tarGz(entries: { name: string; type?: string; data?: string; link?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    blocks.push(tarHeader(e.name, data.length, e.type ?? '0', e.link));
    if (data.length > 0) blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function zipOf(entries: { name: string; data: string; mode?: number }[]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const e of entries)
    z.addBuffer(Buffer.from(e.data), e.name, e.mode !== undefined ? { mode: e.mode } : {});
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function fresh(name: string): string {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  return d;
}

describe('tar.gz', () => {
  test('entries that leave the folder, links and duplicates are not written', async () => {
    const file = join(work, 'evil.tar.gz');
    writeFileSync(
      file,
      tarGz([
        { name: 'sub/raft/log.ts', data: 'ok' },
        { name: '../escaped.txt', data: 'x' },
        { name: 'sub/../../escaped2.txt', data: 'x' },
        { name: '/abs.txt', data: 'x' },
        { name: 'sub/link', type: '2', link: '/etc/passwd' },
        { name: 'sub/hard', type: '1', link: '/etc/passwd' },
        { name: 'sub/raft/log.ts', data: 'second' },
        { name: 'sub/node_modules/x.js', data: 'x' },
      ]),
    );
    const dest = fresh('evil');
    const r = await unpackSubmission(file, dest);
    expect(readFileSync(join(dest, 'sub/raft/log.ts'), 'utf8')).toBe('ok');
    expect(existsSync(join(work, 'escaped.txt'))).toBe(false);
    expect(existsSync(join(work, 'escaped2.txt'))).toBe(false);
    expect(existsSync(join(dest, 'abs.txt'))).toBe(false);
    expect(existsSync(join(dest, 'sub/link'))).toBe(false);
    expect(existsSync(join(dest, 'sub/hard'))).toBe(false);
    expect(existsSync(join(dest, 'sub/node_modules'))).toBe(false);
    expect(r.files).toBe(1);
    expect(r.skipped.join('\n')).toMatch(/escaped\.txt: a path outside/);
    expect(r.skipped.join('\n')).toMatch(/sub\/link: a symbolic link/);
    expect(r.skipped.join('\n')).toMatch(/duplicate/);
    expect(submissionRoot(dest)).toBe(join(dest, 'sub'));
  });

  test('the limits refuse an archive that unpacks too much', async () => {
    const file = join(work, 'big.tar.gz');
    writeFileSync(
      file,
      tarGz([
        { name: 'a', data: 'x'.repeat(600) },
        { name: 'b', data: 'y'.repeat(600) },
      ]),
    );
    const limits = { maxEntries: 10, maxTotalBytes: 1000, maxFileBytes: 700 };
    await expect(unpackSubmission(file, fresh('big'), limits)).rejects.toBeInstanceOf(ArchiveError);
    const many = { maxEntries: 1, maxTotalBytes: 10_000, maxFileBytes: 10_000 };
    await expect(unpackSubmission(file, fresh('many'), many)).rejects.toThrow(/more than 1 entries/);
  });
});

describe('zip', () => {
  test('a symlink entry is not created; the kit packed whole is graded from its labs/', async () => {
    const file = join(work, 'kit.zip');
    const entries = [
      { name: 'kit/labs/raft/log.ts', data: 'code' },
      { name: 'kit/labs/link', data: '/etc/passwd', mode: 0o120777 },
      { name: 'kit/README.md', data: 'readme' },
    ];
    writeFileSync(file, await zipOf(entries));
    const dest = fresh('kit');
    const r = await unpackSubmission(file, dest);
    expect(readFileSync(join(dest, 'kit/labs/raft/log.ts'), 'utf8')).toBe('code');
    expect(() => lstatSync(join(dest, 'kit/labs/link'))).toThrow();
    expect(r.skipped).toEqual(['kit/labs/link: a symbolic link, not unpacked']);
    expect(submissionRoot(dest)).toBe(join(dest, 'kit', 'labs'));
  });

  test('not a zip at all is an ArchiveError', async () => {
    const file = join(work, 'junk.zip');
    writeFileSync(file, 'not a zip');
    await expect(unpackSubmission(file, fresh('junk'))).rejects.toBeInstanceOf(ArchiveError);
  });
});
