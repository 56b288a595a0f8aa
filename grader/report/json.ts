// Writes the report as JSON (format: docs/grading.md), atomically: a reader never sees half a file.
// The temporary file gets an unpredictable name and is created exclusively, so that nothing that
// pre-created a path next to the report can make this write fail or swap its content.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Report } from './model.js';

export function writeReportJson(file: string, report: Report): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
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
