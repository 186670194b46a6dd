import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// E2E_PORT, E2E_DATA_DIR, E2E_OUTPUT_DIR and LAOKE_DIST_DIR (the build) let two runs share
// one machine.
const e2eDataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";

// Debian's Chromium (no browser download). The background-networking flags keep it from
// calling out to a network this machine does not have.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One worker: the specs share the demo store (a flag set by one changes what another counts).
  workers: 1,
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  reporter: [["list"], ["json", { outputFile: ".test-results.e2e.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: /.*\.setup\.ts/ },
  ],
  webServer: {
    // A fresh embedded database for every run, served by `npm start` exactly as a user runs it,
    // but by two web servers (PostgreSQL's default), so flows cross from one to the other.
    command: `node -e "require('fs').rmSync('${e2eDataDir}',{recursive:true,force:true})" && npm start`,
    url: `http://localhost:${port}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PORT: String(port), LAOKE_DATA_DIR: e2eDataDir, NEXTAUTH_URL: `http://localhost:${port}`, LAOKE_WEB_SERVERS: "2" },
  },
});
