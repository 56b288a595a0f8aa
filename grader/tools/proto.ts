// Compiles solutions/proto/*.proto into typed static protobufjs code (solutions/proto/gen/pb.js + pb.d.ts).
// `--check` regenerates into a temp dir and fails when the committed output differs (run by `npm test`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCommand } from '../cli/command.js';
import { EXIT, runProgram } from '../cli/exit.js';
import { isEntryPoint, REPO_ROOT, SOLUTIONS_DIR } from '../paths.js';

const protoDir = join(SOLUTIONS_DIR, 'proto');
const genDir = join(protoDir, 'gen');
const sources = ['raftpb.proto', 'storepb.proto'];

function generate(outDir: string): void {
  const pbjs = join(REPO_ROOT, 'node_modules', '.bin', 'pbjs');
  execFileSync(
    pbjs,
    [
      '-t',
      'static-module',
      '-w',
      'esm',
      '--force-number',
      '-d',
      '--no-verify',
      '--no-convert',
      '--no-delimited',
      '--no-typeurl',
      '--no-service',
      '-p',
      protoDir,
      '-o',
      join(outDir, 'pb.js'),
      ...sources.map((s) => join(protoDir, s)),
    ],
    { stdio: 'inherit' },
  );
}

export function checkProto(): string[] {
  const tmp = mkdtempSync(join(tmpdir(), 'raftlab-proto-'));
  try {
    generate(tmp);
    return ['pb.js', 'pb.d.ts'].filter(
      (f) => readFileSync(join(tmp, f), 'utf8') !== readFileSync(join(genDir, f), 'utf8'),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export const protoCommand = defineCommand({
  name: 'proto',
  invocation: 'npm run proto --',
  summary: 'generate solutions/proto/gen from the .proto schemas',
  description: 'Compiles solutions/proto/*.proto into typed static protobufjs code (solutions/proto/gen).',
  options: {
    check: {
      type: 'boolean',
      help: 'regenerate into a temporary folder; exit 1 if solutions/proto/gen differs',
    },
  },
  run(p) {
    if (p.values.check) {
      const stale = checkProto();
      if (stale.length > 0) {
        console.error(`solutions/proto/gen is stale (${stale.join(', ')}): run npm run proto`);
        return EXIT.failed;
      }
      console.log('proto: generated code is current');
    } else {
      generate(genDir);
      console.log(`proto: wrote ${genDir}/pb.js and pb.d.ts`);
    }
    return EXIT.ok;
  },
});

if (isEntryPoint(import.meta.url)) {
  const args = process.argv.slice(2);
  process.exitCode = await runProgram('proto', () => protoCommand.execute(args), {
    helpCommand: 'npm run proto -- --help',
  });
}
