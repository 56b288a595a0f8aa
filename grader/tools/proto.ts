// Compiles solutions/proto/*.proto into typed static protobufjs code (solutions/proto/gen/pb.js + pb.d.ts).
// `--check` regenerates into a temp dir and fails when the committed output differs (run by `npm test`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const protoDir = join(root, 'solutions', 'proto');
const genDir = join(protoDir, 'gen');
const sources = ['raftpb.proto', 'storepb.proto'];

function generate(outDir: string): void {
  const pbjs = join(root, 'node_modules', '.bin', 'pbjs');
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

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes('--check')) {
    const stale = checkProto();
    if (stale.length > 0) {
      console.error(`solutions/proto/gen is stale (${stale.join(', ')}): run npm run proto`);
      process.exit(1);
    }
    console.log('proto: generated code is current');
  } else {
    generate(genDir);
    console.log(`proto: wrote ${genDir}/pb.js and pb.d.ts`);
  }
}
