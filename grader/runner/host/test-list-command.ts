// Host side: `raftlab list --write-tests` (regenerate grader/tests.json from the suites) and
// `raftlab list --check-tests` (exit 1 when the committed list differs from what the suites declare;
// a step of `npm test`).
import { existsSync, readFileSync } from 'node:fs';
import {
  collectTestList,
  compareTestLists,
  renderTestList,
  TEST_LIST_COMMAND,
  TEST_LIST_FILE,
  writeTestList,
} from './test-list.js';
import { displayPath } from './paths.js';

export async function testListCommand(write: boolean): Promise<number> {
  const { tests, errors } = await collectTestList();
  if (errors.length > 0) {
    for (const e of errors) console.error(`raftlab: cannot list ${e}`);
    return 1;
  }
  const points = tests.reduce((a, t) => a + (t.points ?? 0), 0);
  if (write) {
    writeTestList(tests);
    console.log(`${displayPath(TEST_LIST_FILE)}: ${tests.length} tests, ${points} points`);
    return 0;
  }
  const committed = existsSync(TEST_LIST_FILE) ? readFileSync(TEST_LIST_FILE, 'utf8') : '';
  const diff = committed === renderTestList(tests) ? [] : compareTestLists(committed, tests);
  if (diff.length === 0) {
    console.log(`${displayPath(TEST_LIST_FILE)} matches the suites: ${tests.length} tests, ${points} points`);
    return 0;
  }
  console.error(
    `${displayPath(TEST_LIST_FILE)} differs from what the suites declare (run ${TEST_LIST_COMMAND}):`,
  );
  for (const d of diff) console.error(`  ${d}`);
  return 1;
}
