// Runs every test once (vitest projects: core, dom, browser) and ends with the line CI reads:
// "N passed, N failed". Exit code is vitest's, or 1 when no test ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const out = '.tmp/vitest.json';
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const r = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit' });
let passed = 0, failed = 0, skipped = 0;
if (existsSync(out)) {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  passed = j.numPassedTests; failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  skipped = j.numPendingTests + (j.numTodoTests ?? 0);
}
// vitest also fails a run for errors thrown outside any test (an unhandled error or rejection):
// they are not in the JSON's counts, so they are counted here as failures
const outside = r.status !== 0 && failed === 0 ? 1 : 0;
if (outside) console.log(`vitest exited ${r.status} with every test passing: an error outside the tests (see "Unhandled Errors" above)`);
console.log(`${passed} passed, ${failed + outside} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(r.status !== 0 ? (r.status || 1) : passed === 0 ? 1 : 0);
