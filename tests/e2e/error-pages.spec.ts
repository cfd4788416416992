import { t } from '../../src/i18n/index.ts';
import { expect, test } from './helpers.ts';

/** Every error page is a page of the site: its header, its navigation, a Spanish heading. */
test.describe('error pages use the site layout', () => {
  test('an unknown address, signed in: 404 with the header and navigation', async ({ page, signInAs }) => {
    const account = await signInAs('inspector');
    const response = await page.goto('/nope');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: t('notFound.title') })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(t('nav.signedInAs', { name: account.fullName }));
    await expect(page.getByRole('navigation', { name: t('nav.label') })).toBeVisible();
    await expect(page.locator('body')).not.toHaveCSS('font-family', /monospace/);
  });

  test('an unknown address, signed out: the same 404 page, not the sign-in form', async ({ page }) => {
    const response = await page.goto('/nope');
    expect(response?.status()).toBe(404);
    await expect(page).toHaveURL('/nope');
    await expect(page.getByRole('heading', { level: 1, name: t('notFound.title') })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: t('nav.signIn') })).toBeVisible();
  });

  test('a page of another role: 403 with the header and a way home', async ({ page, signInAs }) => {
    await signInAs('inspector');
    const response = await page.goto('/coordinacion');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: t('forbidden.title') })).toBeVisible();
    await expect(page.getByRole('navigation', { name: t('nav.label') })).toBeVisible();
    await expect(page.getByRole('link', { name: t('forbidden.back') })).toHaveAttribute('href', '/aprendizaje');
  });

  test('an unknown API address answers 404, and a known page still asks a visitor to sign in', async ({ page, signInAs }) => {
    const visitor = await page.request.get('/coordinacion', { maxRedirects: 0 });
    expect(visitor.status()).toBe(303);
    expect(visitor.headers().location).toBe('/ingresar?siguiente=%2Fcoordinacion');
    await signInAs('inspector');
    expect((await page.request.get('/api/nope', { maxRedirects: 0 })).status()).toBe(404);
  });

  test('the API answers scripts in JSON: 401 signed out, 403 for another role, 400 for a body that is not JSON', async ({
    page,
    signInAs,
  }) => {
    const json = { headers: { 'content-type': 'application/json' }, maxRedirects: 0 };
    const visitor = await page.request.post('/api/progreso/sincronizar', { ...json, data: '{}' });
    expect(visitor.status()).toBe(401);
    expect(await visitor.json()).toEqual({ error: t('http.signedOut') });
    await signInAs('instructor');
    const instructor = await page.request.post('/api/progreso', { ...json, data: '{}' });
    expect(instructor.status()).toBe(403);
    expect(await instructor.json()).toEqual({ error: t('error.forbidden') });
    await page.context().clearCookies();
    await signInAs('inspector');
    const garbage = await page.request.post('/api/progreso/sincronizar', { ...json, data: Buffer.from('{"beats": [') });
    expect(garbage.status()).toBe(400);
    expect(await garbage.json()).toEqual({ error: t('http.notJson') });
  });
});
