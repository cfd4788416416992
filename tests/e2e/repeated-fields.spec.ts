import { t } from '../../src/i18n/index.ts';
import { BASE_URL, createAccountIn, e2eDb, expect, test } from './helpers.ts';
import { users } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';

/** A person's form posted by hand with two `state` fields: each field must come once. */
function twoStates(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('state', 'Puebla');
  form.append('state', 'San Luis Potosí');
  return form;
}

test('a new person posted with two states is refused in Spanish at the state, keeping what was typed', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const email = `dos-entidades-${Date.now()}@e2e.aula.mx`;
  const response = await page.request.post('/coordinacion/personas/nueva?_action=people.register', {
    headers: { Origin: BASE_URL },
    multipart: twoStates({
      fullName: 'Rosa Elena Duarte Pineda',
      email,
      office: 'otra',
      officeOther: 'Oficina de prueba',
      roles: 'inspector',
    }),
  });
  expect(response.status()).toBe(400);
  await page.setContent(await response.text());
  const state = page.getByLabel(t('person.state'), { exact: true });
  await expect(state).toHaveAccessibleDescription(new RegExp(t('form.repeatedField')));
  await expect(page.getByLabel(t('person.fullName'))).toHaveValue('Rosa Elena Duarte Pineda');
  expect(e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email)).all()).toEqual([]);
});

test('editing a person with two states posted is refused and the stored state stays', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const person = createAccountIn(['inspector'], { state: 'Puebla' });
  const response = await page.request.post(`/coordinacion/personas/${person.id}?_action=people.update`, {
    headers: { Origin: BASE_URL },
    multipart: twoStates({
      id: String(person.id),
      fullName: person.fullName,
      email: person.email,
      office: 'otra',
      officeOther: 'Oficina de prueba',
    }),
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain(t('form.repeatedField'));
  expect(e2eDb().select({ state: users.state }).from(users).where(eq(users.id, person.id)).get()?.state).toBe('Puebla');
});
