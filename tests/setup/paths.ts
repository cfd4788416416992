/**
 * Vitest's databases live apart from the end-to-end database (tests/.tmp/e2e.db), so the two suites
 * never wipe each other's files. AULA_TEST_SLOT gives a run a folder of its own, so that two runs on
 * one machine (a developer and a helper session) never delete each other's databases.
 */
const slot = process.env.AULA_TEST_SLOT ?? '';
export const VITEST_TMP = slot ? `tests/.tmp/vitest-${slot}` : 'tests/.tmp/vitest';
export const BASE_DB = `${VITEST_TMP}/base.db`;
