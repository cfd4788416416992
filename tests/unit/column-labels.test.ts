import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function astroFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? astroFiles(path) : name.endsWith('.astro') ? [path] : [];
  });
}

describe('column and filter labels', () => {
  // Issue #12: "Estado de la cuenta" headed quiz attempts, cohort phases, enrollments and CSV rows.
  test('"Estado de la cuenta" labels only what an account holds (active or invitation pending)', () => {
    const users = astroFiles('src').filter((file) => readFileSync(file, 'utf8').includes("t('person.status')"));
    expect(users.map((f) => f.replaceAll('\\', '/'))).toEqual(['src/pages/coordinacion/personas/index.astro']);
  });
});
