// Builds the two generated documents at the top of a student tree: MANIFEST.json (which part lets the
// student edit which lines of which files, with titles and hints) and a short README.md.
import type { LabInfo } from '../../registry.js';
import { HELPERS } from './markers.js';
import type { PlacedRegion } from './stub.js';

export const MANIFEST_FILE = 'MANIFEST.json';
export const README_FILE = 'README.md';
export const GENERATED_NOTE =
  'GENERATED from solutions/ by `raftlab make-labs`: do not edit MANIFEST.json or README.md. ' +
  'Write your code between the // BEGIN <part> and // END <part> markers listed here.';

export interface ManifestRegion {
  /** Path relative to the tree root. */
  file: string;
  /** 1-based lines of the BEGIN and END markers; the student's code goes between them. */
  begin: number;
  end: number;
  /**
   * Fingerprint (sha256, 16 hex digits) of the reference code this region was generated from: editing
   * the region in solutions/ changes it, so `make-labs --check` notices a stale labs/.
   */
  solution: string;
}

/** A file's helpers region (1-based marker lines): module-level code of the student's own. */
export interface ManifestHelpers {
  file: string;
  begin: number;
  end: number;
}

export interface ManifestPart {
  id: string;
  title: string;
  lab: string;
  labTitle: string;
  doc: string;
  /** True when this tree keeps the reference code of the part (`--solved`). */
  solved: boolean;
  hints: string[];
  files: string[];
  regions: ManifestRegion[];
}

export interface Manifest {
  generated: string;
  command: string;
  source: string;
  parts: ManifestPart[];
  /** One helpers region per file that has parts' regions. */
  helpers: ManifestHelpers[];
}

/** The command that makes this tree, as recorded in its header (no output folder: it must be stable). */
export function commandLine(solved: readonly string[]): string {
  return solved.length === 0 ? 'raftlab make-labs' : `raftlab make-labs --solved ${solved.join(',')}`;
}

export function buildManifest(
  labs: readonly LabInfo[],
  regionsByFile: ReadonlyMap<string, readonly PlacedRegion[]>,
  solved: readonly string[],
): Manifest {
  const solvedSet = new Set(solved);
  const parts: ManifestPart[] = [];
  for (const lab of labs) {
    for (const part of lab.parts) {
      const regions: ManifestRegion[] = [];
      const hints: string[] = [];
      for (const [file, placed] of regionsByFile) {
        for (const r of placed) {
          if (r.part !== part.id) continue;
          regions.push({ file, begin: r.begin, end: r.end, solution: r.digest });
          if (!hints.includes(r.hint)) hints.push(r.hint);
        }
      }
      parts.push({
        id: part.id,
        title: part.title,
        lab: lab.id,
        labTitle: lab.title,
        doc: lab.doc,
        solved: solvedSet.has(part.id),
        hints,
        files: [...new Set(regions.map((r) => r.file))],
        regions,
      });
    }
  }
  const helpers: ManifestHelpers[] = [];
  for (const [file, placed] of regionsByFile) {
    for (const r of placed) if (r.part === HELPERS) helpers.push({ file, begin: r.begin, end: r.end });
  }
  return { generated: GENERATED_NOTE, command: commandLine(solved), source: 'solutions/', parts, helpers };
}

/** Stable serialisation: fixed key order (as built), two-space indent, trailing newline. */
export function manifestJson(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

export function buildReadme(labs: readonly LabInfo[], manifest: Manifest): string {
  const lines = [
    '# labs/: your workspace',
    '',
    `<!-- ${GENERATED_NOTE} -->`,
    '',
    `This folder was generated from the reference implementation by \`${manifest.command}\`.`,
    'It is the code you work in: every piece you have to write is a stub between two markers,',
    '',
    '```ts',
    '// BEGIN lab1a: one-line hint',
    "throw new LabTodo('lab1a', 'one-line hint');",
    '// END lab1a',
    '```',
    '',
    'Replace the `throw` with your code and keep the two marker lines. Your own functions, constants and',
    "imports of the kit's modules go in the file's `// BEGIN helpers` … `// END helpers` region. Everything",
    "else is framework code you can read: the grader grades the kit's copy of it, whatever your files say",
    '(see docs/grading.md, "What a submission may change").',
    '`MANIFEST.json` lists, for every part, the files and lines that are yours (`helpers`: the helpers regions).',
    '',
    'Start with the handout of the lab, then grade your work, e.g. `npx raftlab grade lab1`:',
    '',
  ];
  for (const lab of labs) {
    const parts = manifest.parts.filter((p) => p.lab === lab.id);
    const files = [...new Set(parts.flatMap((p) => p.files))];
    const where = files.length === 0 ? 'no stubs yet' : files.map((f) => `\`${f}\``).join(', ');
    lines.push(
      `- **${lab.id}: ${lab.title}**: read [${lab.doc}](../${lab.doc}); parts ${parts.map((p) => p.id).join(', ')}; files: ${where}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
