// Host side: what a caller of runGrade can ask for, and the progress events it receives.
import type { Limits } from '../contract.js';
import type { Target } from './paths.js';

export type ProgressEvent =
  | {
      kind: 'file';
      file: string;
      pass: number;
      passed: number;
      failed: number;
      /** The file itself failed (did not load against the target, or an error outside any test). */
      broken: boolean;
      durationMs: number;
    }
  | { kind: 'died'; file: string; pass: number; remaining: number }
  | { kind: 'listing'; files: string[] }
  /** The type check of the graded code finished (it runs beside the tests); `errors` < 0: it could not run. */
  | { kind: 'typecheck'; errors: number; cached: boolean; durationMs: number };

export interface GradeOptions {
  /** `labs`, `solutions`, a path, or an already resolved Target. */
  target: string | Target;
  /** Test files (absolute). Default: every test file of the labs owning `parts` (all labs if none). */
  files?: string[];
  /** Only tests of these parts run and are reported (default: all). */
  parts?: string[];
  /** Parts the report lists even when they have no tests (e.g. every part of a selected lab). */
  showParts?: string[];
  /** Only tests whose id starts with one of these. */
  idPrefixes?: string[];
  /** Exactly this test id (replay). */
  only?: string;
  /** Seeds for seeded rules (default [DEFAULT_SEED]). */
  seeds?: number[];
  /** With `only`: write that test's trace (JSON lines) here. */
  traceFile?: string;
  /**
   * Keep the trace of each seeded test that fails (its first failing seed) in this folder, as
   * `<id>.<seed>.jsonl`; the folder is created, and its files are the caller's (the viewer's pages).
   */
  failureTraces?: string;
  /**
   * Where the tests of a file that is not in the committed list (grader/tests.json) are listed from
   * before grading (default solutions/): test files outside the kit, such as the runner's own fixtures.
   */
  referenceTarget?: string;
  /**
   * Grade a graded tree built from the target's regions (default: every target but `labs`, the
   * student's own workspace). Unsealed, the target folder itself is graded.
   */
  seal?: boolean;
  /**
   * Type-check the graded code and report its type errors as a problem (default true). Grading goes on
   * either way; callers that grade many variants of known code (the mistakes step) may turn it off.
   */
  typecheck?: boolean;
  limits?: Partial<Limits>;
  maxWorkers?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Forward the tests' console output (replay). */
  console?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
}
