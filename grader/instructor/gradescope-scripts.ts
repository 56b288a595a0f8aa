// The two scripts of the Gradescope autograder bundle. setup.sh runs once when Gradescope builds the
// image (Ubuntu): Node 20 when the image has no Node >= 20.19, then the exported kit's dependencies from
// its own lock file. run_autograder runs per submission: finds the tree in /autograder/submission
// (the submission itself, the one folder it was packed in, or its labs/), grades it sealed with the
// bundle's seed set, and writes /autograder/results/results.json, a zero with the reason if the grader
// wrote none. RAFTLAB_AUTOGRADER_ROOT replaces /autograder (the local end-to-end test uses it).

/** What run_autograder grades: the `raftlab grade` words, and whether a seed set is in the bundle. */
export interface AutograderConfig {
  what: readonly string[];
  seedSet: boolean;
}

const shellWord = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

export const SETUP_SH = `#!/usr/bin/env bash
# RaftLab autograder setup (Gradescope runs it once, as root, on its Ubuntu base image).
set -euo pipefail
ROOT="\${RAFTLAB_AUTOGRADER_ROOT:-/autograder}"
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y ca-certificates curl gnupg
  # Node 20 from NodeSource's apt repository (Ubuntu's own nodejs package is older).
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
node_ok || { echo "setup.sh: Node >= 20.19 is needed, found $(node --version 2>/dev/null || echo none)" >&2; exit 1; }
cd "$ROOT/source/kit"
npm ci --no-audit --no-fund
`;

export function runAutograder(cfg: AutograderConfig): string {
  const what = cfg.what.map(shellWord).join(' ');
  const seeds = cfg.seedSet ? '--seed-set "$SOURCE/seed-set.json"' : '';
  return `#!/usr/bin/env bash
# RaftLab autograder (Gradescope runs it once per submission). Grades the submission's marked regions in
# a sealed copy of the kit's skeleton; nothing of the submission runs outside the grader's walls.
set -uo pipefail
ROOT="\${RAFTLAB_AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"

# The folder laid out like labs/: the submission, the one folder it was packed in, or its labs/.
tree="$ROOT/submission"
for _ in 1 2 3 4; do
  if [ -d "$tree/raft" ] || [ -d "$tree/store" ]; then break; fi
  if [ -d "$tree/labs/raft" ] || [ -d "$tree/labs/store" ]; then tree="$tree/labs"; break; fi
  mapfile -t entries < <(ls -A "$tree" 2>/dev/null | grep -v -e '^\\.' -e '^__MACOSX$')
  if [ "\${#entries[@]}" -eq 1 ] && [ -d "$tree/\${entries[0]}" ] && [ ! -L "$tree/\${entries[0]}" ]; then
    tree="$tree/\${entries[0]}"
  else
    break
  fi
done

cd "$SOURCE/kit"
node grader/bin/raftlab.mjs grade ${what} --target "$tree" ${seeds} --gradescope "$RESULTS" --no-pages --no-color
code=$?
if [ ! -s "$RESULTS" ]; then
  cat > "$RESULTS" <<JSON
{"score": 0, "output": "The autograder could not grade this submission (grader exit code $code). Please contact the course staff.", "stdout_visibility": "hidden", "tests": []}
JSON
fi
exit 0
`;
}
