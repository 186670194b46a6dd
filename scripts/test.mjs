// `npm test`: unit and database tests (vitest), then browser tests (Playwright), then one line
// with the total over all of them: `N passed, N failed, N skipped`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const vitestReport = ".test-results.vitest.json";
const e2eReport = ".test-results.e2e.json";
for (const file of [vitestReport, e2eReport]) fs.rmSync(file, { force: true });

const bin = (name) => `node_modules/.bin/${name}`;
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env: process.env }).status ?? 1;

const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
const e2eStatus = process.env.LAOKE_SKIP_E2E ? 0 : run(bin("playwright"), ["test"]);

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = read(vitestReport);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const e2e = read(e2eReport);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
// A runner that crashed before writing its report counts as a failure, never as silence.
if (!vitest && vitestStatus !== 0) failed += 1;
if (!e2e && e2eStatus !== 0) failed += 1;

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitestStatus !== 0 || e2eStatus !== 0 || failed > 0 ? 1 : 0);
