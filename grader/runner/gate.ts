// Test-side gate consulted by rule() when a test is declared: should it run in this pass? A test
// is skipped when the run's selection (parts, id prefixes, --only) excludes it, or when an earlier
// pass of the same run already decided it (it started before its worker died, or the runner
// marked it decided: see the sidecar).
import { ENV, isSelected, parseSelection, type Selection } from './protocol.js';
import { readRecords } from './sidecar.js';

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
  const sidecar = process.env[ENV.sidecar];
  if (sidecar) {
    for (const r of readRecords(sidecar)) {
      if ((r.t === 'start' || r.t === 'decided') && r.file === file) keys.add(r.key);
    }
  }
  decided = { file, keys };
  return keys;
}

export function gate(id: string, part: string): GateDecision {
  selection ??= parseSelection(process.env[ENV.select]);
  if (!isSelected(selection, id, part)) return 'deselected';
  return decidedKeys(currentTestFile()).has(id) ? 'decided' : 'run';
}
