// The worker's end of the channel to the host: appends records to the run's sidecar file
// synchronously (nothing is lost when the worker is killed a moment later), each line with an HMAC
// made with the run's key, so that code under test that writes to the file cannot forge a record.
// The key is taken from the environment, and deleted from it, when this module first loads: the
// watchdog setup file imports it before any code of the target runs.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { decodeRecord, ENV, encodeRecord, type SidecarRecord } from '../contract.js';

const sidecar = process.env[ENV.sidecar];
const key = process.env[ENV.channelKey];
delete process.env[ENV.channelKey];

/** For the watchdog thread, which writes its own records. */
export function channel(): { sidecar: string | undefined; key: string | undefined } {
  return { sidecar, key };
}

export function appendRecord(record: SidecarRecord): void {
  if (sidecar) appendFileSync(sidecar, encodeRecord(key, record));
}

/** The run's records so far whose MAC holds (the gate reads which tests are already decided). */
export function readVerifiedRecords(): SidecarRecord[] {
  if (!sidecar || !existsSync(sidecar)) return [];
  const out: SidecarRecord[] = [];
  for (const line of readFileSync(sidecar, 'utf8').split('\n')) {
    const r = line === '' ? undefined : decodeRecord(key, line);
    if (r) out.push(r);
  }
  return out;
}
