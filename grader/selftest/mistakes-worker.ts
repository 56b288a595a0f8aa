// A worker process of the self-test's `mistakes` step: it owns one copy of solutions/ (argv[2]) and,
// for each job its parent sends, writes the mistake's edits into that copy, grades only the test files
// that hold the named tests, puts the files back and answers with each test's status and message.
// Grading through the runner in one long-lived process spares each mistake the CLI's start-up and the
// loading of every test file of the lab.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../mistakes/apply.js';
import type { MistakeEdit } from '../mistakes/mistake.js';
import { runGrade } from '../runner/host/grade.js';

export interface MistakeJob {
  slug: string;
  edits: MistakeEdit[];
  /** Test files to run (absolute). */
  files: string[];
  tests: string[];
}

export interface TestOutcome {
  id: string;
  status: string;
  error: string;
}

export type MistakeAnswer =
  | { slug: string; kind: 'graded'; tests: TestOutcome[]; problems: string[]; ms: number }
  | { slug: string; kind: 'error'; message: string };

async function runJob(tree: string, job: MistakeJob): Promise<MistakeAnswer> {
  const started = performance.now();
  const originals = new Map<string, string>();
  const read = (file: string): string => {
    const text = readFileSync(join(tree, file), 'utf8');
    originals.set(file, text);
    return text;
  };
  try {
    for (const [file, text] of applyEdits(job.edits, read)) writeFileSync(join(tree, file), text);
    const report = await runGrade({
      target: tree,
      files: job.files,
      idPrefixes: job.tests,
      typecheck: false,
    });
    const all = report.labs.flatMap((l) => l.tests);
    const tests = job.tests.map((id) => {
      const t = all.find((x) => x.id === id);
      return { id, status: t?.status ?? 'missing', error: t?.error ?? '' };
    });
    const problems = (report.submission?.problems ?? []).map(
      (p) => `${p.file}:${p.line} ${p.rule}: ${p.message}`,
    );
    return { slug: job.slug, kind: 'graded', tests, problems, ms: performance.now() - started };
  } catch (e) {
    return { slug: job.slug, kind: 'error', message: e instanceof Error ? e.message : String(e) };
  } finally {
    for (const [file, text] of originals) writeFileSync(join(tree, file), text);
  }
}

const tree = process.argv[2];
if (tree === undefined || process.send === undefined) {
  console.error('mistakes-worker: run by the self-test, with a tree folder and an IPC channel');
  process.exitCode = 2;
} else {
  let queue = Promise.resolve();
  process.on('message', (job: MistakeJob) => {
    queue = queue.then(async () => {
      process.send?.(await runJob(tree, job));
    });
  });
}
