// npm test: every test, in the order a failure is cheapest to find, then one closing line
// "N passed, N failed" that totals them all (CI reads it).
import './check-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'test-reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
let passed = 0;
let failed = 0;

function run(title, command, args, extraEnv = {}) {
  console.log(`\n— ${title}`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } }).status ?? 1;
}

/** A step that is one check: it counts as one test passed or failed. */
function check(title, command, args) {
  if (run(title, command, args) === 0) passed++;
  else {
    failed++;
    console.error(`✗ ${title}`);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('Esquema y migraciones sin desfase', 'node', ['scripts/check-drift.mjs']);
check('Contenido del diplomado (content:check)', 'node', ['scripts/content-check.ts']);

const vitestStatus = run('Pruebas unitarias y de integración (Vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${REPORTS}/vitest.json`,
]);
const vitest = readJson(`${REPORTS}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0);
} else failed++;

const buildStatus = run('Compilación (astro build)', 'npx', ['astro', 'build']);
if (buildStatus !== 0) {
  failed++;
} else if (!existsSync('/usr/bin/chromium')) {
  console.error('✗ Falta Chromium para las pruebas de extremo a extremo: apt-get install -y chromium');
  failed++;
} else {
  const e2eStatus = run('Pruebas de extremo a extremo (Playwright + Chromium)', 'npx', ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json`,
  });
  const stats = readJson(`${REPORTS}/playwright.json`)?.stats;
  if (stats) {
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected + (e2eStatus !== 0 && stats.unexpected === 0 ? 1 : 0);
  } else failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
