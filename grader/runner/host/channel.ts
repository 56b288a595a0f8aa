// The host's end of the worker channel: reads the sidecar file, keeping only lines whose HMAC holds
// for the run's key (a forged, foreign or torn line is counted, not trusted), and appends the host's
// own records (tests decided without finishing, which later passes skip).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { decodeRecord, encodeRecord, type SidecarRecord } from '../contract.js';

export interface ChannelRead {
  records: SidecarRecord[];
  /** Non-empty lines that were not valid records of this run. */
  rejected: number;
}

export class HostChannel {
  constructor(
    readonly path: string,
    private readonly key: string,
  ) {}

  read(): ChannelRead {
    if (!existsSync(this.path)) return { records: [], rejected: 0 };
    const records: SidecarRecord[] = [];
    let rejected = 0;
    const lines = readFileSync(this.path, 'utf8').split('\n');
    // The last line may be torn by a worker killed mid-write: never count it as forged.
    const last = lines.length - 1;
    for (const [i, line] of lines.entries()) {
      if (line === '') continue;
      const r = decodeRecord(this.key, line);
      if (r) records.push(r);
      else if (i !== last) rejected++;
    }
    return { records, rejected };
  }

  append(record: SidecarRecord): void {
    appendFileSync(this.path, encodeRecord(this.key, record));
  }
}
