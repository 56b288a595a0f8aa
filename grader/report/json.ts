// Writes the report as JSON (format: docs/grading.md), or any report text, atomically: a reader never sees half a file.
// The temporary file gets an unpredictable name and is created exclusively, so that nothing that
// pre-created a path next to the report can make this write fail or swap its content.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Report } from './model.js';

export function writeReportJson(file: string, report: Report): string {
  return writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Writes `text` to `file` atomically (also the JUnit and Gradescope formats, a zip); returns the absolute path. */
export function writeFileAtomic(file: string, text: string | Uint8Array): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const tmp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw e;
    }
    try {
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return path;
  }
}
