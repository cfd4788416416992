import { t } from '../../src/i18n/index.ts';
import { BASE_URL, expect, test } from './helpers.ts';

/** Issue #11: every bad input gets a Spanish 4xx (or a safe redirect), never a 500, never English. */

const ENGLISH = /\b(expected|Invalid input|Too big|Too small|received|Request body|exceeds)\b/;

test.describe('siguiente after sign-in', () => {
  for (const [name, next] of [
    ['a tab that browsers drop', '/\t/evil.example'],
    ['a newline', '/inicio\nSet-Cookie: x=1'],
    ['a backslash', '/\\evil.example'],
    ['another origin', 'https://evil.example/'],
  ]) {
    test(`a signed-in coordinator sent to ${name} goes home instead`, async ({ page, signInAs }) => {
      await signInAs('coordinator');
      const response = await page.request.get(`/ingresar?siguiente=${encodeURIComponent(next as string)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers().location).toBe('/coordinacion');
    });
  }

  test('a same-site path is still followed', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    await page.goto(`/ingresar?siguiente=${encodeURIComponent('/coordinacion/personas')}`);
    await expect(page).toHaveURL('/coordinacion/personas');
  });
});

test('a lesson search with a NUL character gets an answer, not a 500', async ({ page, signInAs }) => {
  await signInAs('instructor'); // staff see the whole program without an enrollment
  const response = await page.goto(`/diplomado/buscar?q=${encodeURIComponent('subcontratacion\0')}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('status')).toContainText('resultados');
});

test.describe('cohort form', () => {
  test('refuses 30 February in Spanish and keeps what was typed', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    await page.goto('/coordinacion/generaciones/nueva');
    await page.getByLabel(t('cohort.name')).fill('Generación 2026-1 Norte');
    await page.getByLabel(t('cohort.startsOn')).fill('2026-01-12');
    // A date picker cannot produce 30 February; a text field (older browsers, a script) can.
    const endsOn = page.getByLabel(t('cohort.endsOn'));
    await endsOn.evaluate((input: HTMLInputElement) => {
      input.type = 'text';
    });
    await endsOn.fill('2026-02-30');
    await page.getByRole('button', { name: t('cohort.create') }).click();
    await expect(page.getByText(t('form.date.notInCalendar', { date: '2026-02-30' }))).toBeVisible();
    await expect(page.getByLabel(t('cohort.name'))).toHaveValue('Generación 2026-1 Norte');
    await expect(page.getByLabel(t('cohort.startsOn'))).toHaveValue('2026-01-12');
    await expect(page.getByLabel(t('cohort.endsOn'))).toHaveAttribute('value', '2026-02-30');
  });

  test('answers a 121-character name and a non-numeric instructor in Spanish', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    const response = await page.request.post('/coordinacion/generaciones/nueva?_action=cohorts.create', {
      headers: { Origin: BASE_URL },
      form: { name: 'G'.repeat(121), startsOn: '2026-01-12', endsOn: '2026-06-30', instructorIds: 'abc' },
    });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain(t('form.text.tooLong', { count: 120, length: 121 }));
    expect(html).toContain(t('cohort.instructors.invalid'));
    expect(html).not.toMatch(ENGLISH);
  });

  test('refuses a name of zero-width spaces', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    const response = await page.request.post('/coordinacion/generaciones/nueva?_action=cohorts.create', {
      headers: { Origin: BASE_URL },
      form: { name: '\u200B\u200B\u200B', startsOn: '2026-01-12', endsOn: '2026-06-30' },
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain(t('form.text.tooShort', { min: 3 }));
  });

  test('answers a body over the size limit with a Spanish 413', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    const response = await page.request.post('/coordinacion/generaciones/nueva?_action=cohorts.create', {
      headers: { Origin: BASE_URL },
      form: { name: 'G'.repeat(6 * 1024 * 1024), startsOn: '2026-01-12', endsOn: '2026-06-30' },
    });
    expect(response.status()).toBe(413);
    const html = await response.text();
    expect(html).toContain(t('http.contentTooLarge', { megabytes: 5 }));
    expect(html).not.toMatch(ENGLISH);
  });
});

test.describe('a form posted from another site', () => {
  for (const [name, headers] of [
    ['with another Origin', { Origin: 'https://evil.example' }],
    ['without an Origin header', {}],
  ] as const) {
    test(`is refused in Spanish ${name}`, async ({ page, signInAs }) => {
      await signInAs('coordinator');
      const response = await page.request.post('/coordinacion/generaciones/nueva?_action=cohorts.create', {
        headers,
        form: { name: 'Generación intrusa', startsOn: '2026-01-12', endsOn: '2026-06-30' },
      });
      expect(response.status()).toBe(403);
      expect(await response.text()).toBe(t('http.crossSite'));
    });
  }
});

test('an unknown address shows the Spanish 404 page', async ({ page, signInAs }) => {
  await signInAs('inspector');
  const response = await page.goto('/no-existe/esta-direccion');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: t('notFound.title') })).toBeVisible();
});
