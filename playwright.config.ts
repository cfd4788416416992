import { defineConfig, devices, type ReporterDescription } from '@playwright/test';

/**
 * End-to-end tests against the production build (`npx astro build` first): `scripts/start.mjs`
 * starts from an empty, migrated database at tests/.tmp/e2e.db, and the tests write the accounts
 * they need into that same file (tests/e2e/helpers.ts). STACK.md §6.
 */
const baseURL = 'http://127.0.0.1:4322';
const jsonOutput = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
const reporter: ReporterDescription[] = [['list']];
if (jsonOutput) reporter.push(['json', { outputFile: jsonOutput }]);

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  // axe scans of long lesson pages take several seconds each on a 2-core machine.
  timeout: 60_000,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter,
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'on-first-retry',
  },
  webServer: {
    // Node 24 from node_modules, directly: stopping an npm wrapper would orphan the server (STACK.md §9).
    command: 'node_modules/.bin/node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: '4322',
      DATABASE_PATH: 'tests/.tmp/e2e.db',
      RESET_DB: '1',
      AULA_INSECURE_COOKIES: '1',
    },
  },
});
