// Opens a vitest instance on the repository's config with the grader's environment: output
// captured, our reporter only, no watch. Callers run specifications and close it.
import { createVitest, type Reporter, type TestSpecification, type Vitest } from 'vitest/node';
import { OutputCapture } from './capture.js';
import { GradeReporter } from './collector.js';
import { REPO_ROOT, VITEST_CONFIG } from './paths.js';

export interface SessionOptions {
  reporters?: Reporter[];
  testNamePattern?: string;
  maxWorkers?: number;
  /** Forward vitest's and the workers' raw output here as well (default: captured only). */
  forward?: NodeJS.WritableStream;
}

export interface Session {
  vitest: Vitest;
  capture: OutputCapture;
  specs(files: readonly string[]): TestSpecification[];
}

export async function openSession(opts: SessionOptions = {}): Promise<Session> {
  const capture = new OutputCapture(opts.forward);
  const vitest = await createVitest(
    'test',
    {
      watch: false,
      config: VITEST_CONFIG,
      root: REPO_ROOT,
      // an empty list would mean vitest's default reporter: always pass one of ours
      reporters: opts.reporters && opts.reporters.length > 0 ? opts.reporters : [new GradeReporter()],
      ...(opts.testNamePattern !== undefined ? { testNamePattern: opts.testNamePattern } : {}),
      ...(opts.maxWorkers !== undefined ? { maxWorkers: opts.maxWorkers } : {}),
    },
    {},
    { stdout: capture, stderr: capture },
  );
  const project = vitest.getRootProject();
  return { vitest, capture, specs: (files) => files.map((f) => project.createSpecification(f)) };
}
