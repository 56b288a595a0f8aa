// The GitHub Classroom workflow of a student kit (.github/workflows/classroom.yml): on push, install
// the kit, set the student's labs/ aside as the submission and restore the pristine skeleton, then one
// autograding-command-grader test per part (worth the part's points, passed when the part's tests all
// pass) and the autograding-grading-reporter that reports the points to Classroom.

/** Where the workflow puts the student's labs/ before grading it sealed (relative to the kit). */
export const CLASSROOM_SUBMISSION = '.raftlab/submission';

/** The shell step that makes the graded submission (a plain `run` step of the workflow). */
export const CLASSROOM_SEAL_STEP = `rm -rf ${CLASSROOM_SUBMISSION} && mkdir -p .raftlab && cp -R labs ${CLASSROOM_SUBMISSION} && rm -rf labs && cp -R grader/skeleton labs`;

/** Minutes each part's grading may take (the action's unit is minutes). */
const PART_TIMEOUT_MINUTES = 10;

export interface ClassroomPart {
  id: string;
  title: string;
  points: number;
}

/** The command a part's test runs. */
export function classroomCommand(part: string): string {
  return `npx raftlab grade ${part} --target ${CLASSROOM_SUBMISSION}`;
}

/** A YAML double-quoted scalar (JSON's string syntax is valid YAML). */
function q(s: string): string {
  return JSON.stringify(s);
}

export function classroomWorkflow(parts: readonly ClassroomPart[]): string {
  const lines = [
    '# GitHub Classroom autograding for this RaftLab kit (written by `raftlab export`; see .github/classroom.md).',
    'name: Autograding Tests',
    "'on':",
    '  - push',
    '  - repository_dispatch',
    'permissions:',
    '  checks: write',
    '  actions: read',
    '  contents: read',
    'jobs:',
    '  run-autograding-tests:',
    '    runs-on: ubuntu-latest',
    "    if: github.actor != 'github-classroom[bot]'",
    '    steps:',
    '      - name: Checkout code',
    '        uses: actions/checkout@v4',
    '      - name: Set up Node.js 20',
    '        uses: actions/setup-node@v4',
    '        with:',
    "          node-version: '20'",
    '          cache: npm',
    '      - name: Install the kit',
    '        run: npm ci --no-audit --no-fund',
    '      - name: Seal the submission',
    `        run: ${q(CLASSROOM_SEAL_STEP)}`,
  ];
  for (const p of parts) {
    lines.push(
      `      - name: ${q(`${p.id} ${p.title}`)}`,
      `        id: ${p.id}`,
      '        uses: classroom-resources/autograding-command-grader@v1',
      '        with:',
      `          test-name: ${q(`${p.id} ${p.title}`)}`,
      "          setup-command: ''",
      `          command: ${q(classroomCommand(p.id))}`,
      `          timeout: ${PART_TIMEOUT_MINUTES}`,
      `          max-score: ${p.points}`,
    );
  }
  lines.push(
    '      - name: Autograding Reporter',
    '        uses: classroom-resources/autograding-grading-reporter@v1',
    '        env:',
    ...parts.map((p) => `          ${p.id.toUpperCase()}_RESULTS: "\${{steps.${p.id}.outputs.result}}"`),
    '        with:',
    `          runners: ${parts.map((p) => p.id).join(',')}`,
  );
  return `${lines.join('\n')}\n`;
}
