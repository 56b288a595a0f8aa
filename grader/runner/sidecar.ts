// The sidecar file: a per-run JSON Lines log that test workers append to synchronously (so that
// nothing is lost when a worker is killed) and that the runner reads after each pass.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { SidecarRecord } from './protocol.js';

export function appendRecord(path: string | undefined, record: SidecarRecord): void {
  if (!path) return;
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}

/** All complete records; a torn last line (worker killed mid-write) is ignored. */
export function readRecords(path: string): SidecarRecord[] {
  if (!existsSync(path)) return [];
  const out: SidecarRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as SidecarRecord);
    } catch {
      // a partial line from a killed writer
    }
  }
  return out;
}
