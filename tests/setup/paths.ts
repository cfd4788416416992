/** Vitest's databases live apart from the end-to-end database (tests/.tmp/e2e.db), so the two suites never wipe each other's files. */
export const VITEST_TMP = 'tests/.tmp/vitest';
export const BASE_DB = `${VITEST_TMP}/base.db`;
