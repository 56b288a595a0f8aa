// What to grade: lab test files discovered under grader/labs/<lab>/, and the CLI's lab/part words
// (`lab1`, `lab1a`, `all`) turned into a list of labs and parts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LABS, type LabInfo } from '../../registry.js';
import { LAB_TESTS_DIR } from './paths.js';

/** A lab/part word on the command line is not known. */
export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

/** Test files of one lab, sorted, as absolute paths. */
export function labTestFiles(labId: string, root = LAB_TESTS_DIR): string[] {
  const dir = join(root, labId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(dir, f))
    .sort();
}

export function labsWithTests(root = LAB_TESTS_DIR): LabInfo[] {
  return LABS.filter((l) => labTestFiles(l.id, root).length > 0);
}

export interface LabSelection {
  labs: LabInfo[];
  /** Part ids to grade (all parts of a lab named as a whole). */
  parts: string[];
  /** True when only some parts of a lab were named: tests of the other parts are skipped. */
  partial: boolean;
}

/** `[]` and `all` mean every lab that has test files. */
export function selectLabs(words: readonly string[], root = LAB_TESTS_DIR): LabSelection {
  const labs = new Map<string, LabInfo>();
  const parts = new Set<string>();
  let partial = false;
  const list = words.length === 0 ? ['all'] : words;
  for (const w of list) {
    if (w === 'all') {
      for (const l of labsWithTests(root)) {
        labs.set(l.id, l);
        for (const p of l.parts) parts.add(p.id);
      }
      continue;
    }
    const lab = LABS.find((l) => l.id === w);
    if (lab) {
      labs.set(lab.id, lab);
      for (const p of lab.parts) parts.add(p.id);
      continue;
    }
    const owner = LABS.find((l) => l.parts.some((p) => p.id === w));
    if (!owner) {
      const known = LABS.flatMap((l) => [l.id, ...l.parts.map((p) => p.id)]).join(', ');
      throw new SelectionError(`unknown lab or part "${w}" (known: all, ${known})`);
    }
    labs.set(owner.id, owner);
    parts.add(w);
    partial = true;
  }
  const ordered = LABS.filter((l) => labs.has(l.id));
  // A lab named as a whole next to one of its parts: the whole lab wins.
  const allParts = ordered.flatMap((l) => l.parts.map((p) => p.id)).filter((p) => parts.has(p));
  partial = partial && ordered.some((l) => l.parts.some((p) => !parts.has(p.id)));
  return { labs: ordered, parts: allParts, partial };
}
