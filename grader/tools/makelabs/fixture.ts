// Test fixture for grader/unit/make-labs*.test.ts (not used by the generator): a small solutions/ tree
// in a temp dir, with marked regions of real part ids, nested folders, non-TS files and a node_modules.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MakeLabsIO } from '../make-labs.js';

export const LABTODO = `// LabTodo (fixture copy).
export class LabTodo extends Error {
  constructor(
    readonly part: string,
    readonly hint: string,
  ) {
    super(\`LabTodo(\${part}): \${hint}\`);
  }
}
`;

export const RAFT = `// Raft (fixture): two parts in one file.
import { a } from './a.js';
import {
  type B,
  b,
} from './b.js';

export function elect(x: number): number {
  if (x < 0) return 0;
  // BEGIN lab1a: count the votes
  const votes = x + a;
  return votes;
  // END lab1a
}

export class Log {
  append(e: B): number {
    // BEGIN lab1b: append and return the last index
    return b(e);
    // END lab1b
  }
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`;

export const NO_IMPORTS = `// A file with no imports, one region.

export function gc(): number {
  // BEGIN lab2a: compact the log
  return 7;
  // END lab2a
}

// BEGIN helpers: your own functions, constants and imports
// END helpers
`;

export const PLAIN = `// Framework code: no regions, copied as is.
export const x = 1;
`;

export interface Fixture {
  root: string;
  solutions: string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  cleanup(): void;
}

/** A temp repo root with solutions/ holding the fixture files (plus `extra`, relative to solutions/). */
export function makeFixture(extra: Record<string, string> = {}): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'raftlab-makelabs-'));
  const solutions = join(root, 'solutions');
  const write = (rel: string, text: string): void => {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  const files: Record<string, string> = {
    'labtodo.ts': LABTODO,
    'raft/raft.ts': RAFT,
    'store/gc/worker.ts': NO_IMPORTS,
    'raft/plain.ts': PLAIN,
    'proto/gen/pb.js': '// generated\nexport const pb = {};\n',
    'proto/raftpb.proto': 'syntax = "proto3";\n',
    'node_modules/dep/index.ts': '// BEGIN nonsense\n',
    ...extra,
  };
  for (const [rel, text] of Object.entries(files)) write(`solutions/${rel}`, text);
  return {
    root,
    solutions,
    write,
    read: (rel) => readFileSync(join(root, rel), 'utf8'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Captures what a command prints. */
export function captureIO(): MakeLabsIO & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}
