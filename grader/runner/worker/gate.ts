// The gate rule() consults in the worker when a test is declared: should it run in this pass? A test
// is skipped when the run's selection (parts, id prefixes, --only) excludes it, or when an earlier
// pass of the same run already decided it (it started before its worker died, or the host marked it
// decided: verified records of the channel).
import { ENV, isSelected, parseSelection, type Selection } from '../contract.js';
import { readVerifiedRecords } from './channel.js';

export type GateDecision = 'run' | 'deselected' | 'decided';

interface VitestWorkerGlobal {
  __vitest_worker__?: { filepath?: string };
}

/** The test file being collected or run in this worker (vitest internal state; '' if unknown). */
export function currentTestFile(): string {
  return (globalThis as VitestWorkerGlobal).__vitest_worker__?.filepath ?? '';
}

let selection: Selection | undefined;
let decided: { file: string; keys: Set<string> } | undefined;

function decidedKeys(file: string): Set<string> {
  if (decided?.file === file) return decided.keys;
  const keys = new Set<string>();
  for (const r of readVerifiedRecords()) {
    if ((r.t === 'start' || r.t === 'decided') && r.file === file) keys.add(r.key);
  }
  decided = { file, keys };
  return keys;
}

export function gate(id: string, part: string): GateDecision {
  selection ??= parseSelection(process.env[ENV.select]);
  if (!isSelected(selection, id, part)) return 'deselected';
  return decidedKeys(currentTestFile()).has(id) ? 'decided' : 'run';
}
