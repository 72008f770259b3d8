// Runs every test project (node, browser) with vitest, then prints the closing
// line CI reads, "N passed, N failed", and fails when a test failed or none ran.
// Arguments are passed on to vitest (e.g. `npm test -- --project node`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

// One report per run, so two runs at once in one checkout do not read each other's.
const report = `.test-results/vitest-${process.pid}.json`;
mkdirSync('.test-results', { recursive: true });
rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  // A file that failed to load has no failed test of its own: count it once as a failure.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  failed = results.numFailedTests + brokenFiles;
  skipped = results.numPendingTests + results.numTodoTests;
} catch {
  console.error('vitest wrote no report: it did not run');
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
