import { t } from '../../src/i18n/index.ts';
import { curpCheckDigit } from '../../src/lib/curp.ts';
import { DEMO_OFFICES } from '../factories.ts';
import { countAccountsWithEmails, createAccountIn, demoCsvPeople, expect, signInAs as signIn, test, unique } from './helpers.ts';

test('coordinator creates a cohort with the form, lands on its page and renames it', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const instructor = createAccountIn(['instructor'], { fullName: `Araceli Zúñiga ${unique('instructora')}` });
  const name = `Generación ${unique('2027-1 Centro')}`;

  await page.goto('/coordinacion/generaciones/nueva');
  await page.getByLabel(t('cohort.name'), { exact: true }).fill(name);
  await page.getByLabel(t('cohort.startsOn'), { exact: true }).fill('2027-03-08');
  await page.getByLabel(t('cohort.endsOn'), { exact: true }).fill('2027-08-27');
  await page.getByRole('checkbox', { name: instructor.fullName }).check();
  await page.getByRole('button', { name: t('cohort.create') }).click();

  await expect(page).toHaveURL(/\/coordinacion\/generaciones\/\d+\?creada=1$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(t('cohort.created', { name }));
  await expect(page.getByText(`${t('cohort.instructors')}: ${instructor.fullName}`)).toBeVisible();
  await expect(page.getByText(t('cohort.rosterEmpty'))).toBeVisible();

  const renamed = `${name} (turno vespertino)`;
  await page.getByRole('link', { name: t('cohort.edit') }).click();
  await expect(page.getByLabel(t('cohort.name'), { exact: true })).toHaveValue(name);
  await page.getByLabel(t('cohort.name'), { exact: true }).fill(renamed);
  await page.getByRole('button', { name: t('cohort.save') }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
});

test('coordinator registers a person, who sets a password with the one-time link; the link then stops working', async ({
  page,
  browser,
  signInAs,
}) => {
  await signInAs('coordinator');
  const [person] = demoCsvPeople(1);
  if (!person) throw new Error('fixture');

  await page.goto('/coordinacion/personas/nueva');
  await page.getByLabel(t('person.fullName'), { exact: true }).fill(person.nombre);
  await page.getByLabel(t('person.email'), { exact: true }).fill(person.correo);
  // The optional CURP and gender stay empty, as they often are.
  await page.getByLabel(t('person.state'), { exact: true }).selectOption(person.entidad);
  await page.getByLabel(t('person.office'), { exact: true }).selectOption(person.oficina);
  await expect(page.getByLabel(`${t('person.gender')} ${t('form.optional')}`)).toHaveValue('');
  await expect(page.getByRole('checkbox', { name: t('role.inspector') })).toBeChecked();
  await page.getByRole('button', { name: t('people.new') }).click();

  const notice = page.getByRole('status');
  await expect(notice).toContainText(t('people.created', { name: person.nombre }));
  const link = await notice.locator('code').textContent();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4322\/invitacion\/[a-z2-7]+$/);
  // After a success the form is empty again, ready for the next person.
  await expect(page.getByLabel(t('person.email'), { exact: true })).toHaveValue('');
  expect(countAccountsWithEmails([person.correo])).toBe(1);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link ?? '');
  await expect(invitee.getByRole('heading', { level: 1, name: t('invitation.title') })).toBeVisible();
  await expect(invitee.getByText(t('invitation.lead', { name: person.nombre }))).toBeVisible();
  await invitee.getByLabel(t('account.newPassword'), { exact: true }).fill('mi-contraseña-nueva-2026');
  await invitee.getByLabel(t('account.confirmPassword'), { exact: true }).fill('mi-contraseña-nueva-2026');
  await invitee.getByRole('button', { name: t('invitation.submit') }).click();
  await expect(invitee).toHaveURL('/aprendizaje');
  await expect(invitee.getByRole('heading', { level: 1, name: t('learner.title') })).toBeVisible();
  await expect(invitee.getByText(t('nav.signedInAs', { name: person.nombre }))).toBeVisible();

  const second = await invitee.goto(link ?? '');
  expect(second?.status()).toBe(410);
  await expect(invitee.getByRole('alert')).toHaveText(t('invitation.invalid'));
  await expect(invitee.getByRole('button', { name: t('invitation.submit') })).toHaveCount(0);
  await invitee.context().close();
});

test('coordinator who types an invalid CURP sees the CURP message and keeps the other fields', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const [person] = demoCsvPeople(1);
  if (!person) throw new Error('fixture');
  const first17 = person.curp.slice(0, 17);
  const expected = curpCheckDigit(first17);
  const wrongCurp = `${first17}${(Number(expected) + 1) % 10}`;

  await page.goto('/coordinacion/personas/nueva');
  await page.getByLabel(t('person.fullName'), { exact: true }).fill(person.nombre);
  await page.getByLabel(t('person.email'), { exact: true }).fill(person.correo);
  const curp = page.getByLabel(`${t('person.curp')} ${t('form.optional')}`);
  await curp.fill(wrongCurp);
  await page.getByLabel(t('person.state'), { exact: true }).selectOption(person.entidad);
  await page.getByLabel(t('person.office'), { exact: true }).selectOption(person.oficina);
  await page.getByRole('button', { name: t('people.new') }).click();

  await expect(curp).toHaveAttribute('aria-invalid', 'true');
  await expect(curp).toHaveAccessibleDescription(t('curp.checkDigit', { expected }));
  await expect(curp).toHaveValue(wrongCurp);
  await expect(page.getByLabel(t('person.fullName'), { exact: true })).toHaveValue(person.nombre);
  await expect(page.getByLabel(t('person.email'), { exact: true })).toHaveValue(person.correo);
  await expect(page.getByLabel(t('person.state'), { exact: true })).toHaveValue(person.entidad);
  await expect(page.getByLabel(t('person.office'), { exact: true })).toHaveValue(person.oficina);
  await expect(page.getByRole('status')).toHaveCount(0);
  expect(countAccountsWithEmails([person.correo])).toBe(0);
});

test('state and gender are single choices, and the office list offers only the chosen state’s offices or «Otra»', async ({
  page,
  signInAs,
}) => {
  await signInAs('coordinator');
  await page.goto('/coordinacion/personas/nueva');
  const state = page.getByLabel(t('person.state'), { exact: true });
  const gender = page.getByLabel(`${t('person.gender')} ${t('form.optional')}`);
  // A list box (any `multiple` attribute) let two states be chosen and one saved.
  for (const select of [state, gender]) {
    await expect(select).toHaveRole('combobox');
    await expect(select).not.toHaveAttribute('multiple');
  }
  await state.selectOption('San Luis Potosí');
  const office = page.getByLabel(t('person.office'), { exact: true });
  // The state's only office is chosen for the coordinator.
  await expect(office).toHaveValue(DEMO_OFFICES['San Luis Potosí']);
  await expect(office.getByRole('option', { name: DEMO_OFFICES['San Luis Potosí'] })).toBeEnabled();
  await expect(office.getByRole('option', { name: DEMO_OFFICES.Puebla })).toHaveCount(0);
  await expect(office.getByRole('option', { name: t('person.office.other') })).toBeEnabled();
});

test('without JavaScript, an office of another state or «Otra» without a name is refused in Spanish', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'coordinator');
  const [person] = demoCsvPeople(1);
  if (!person) throw new Error('fixture');
  await page.goto('/coordinacion/personas/nueva');
  await page.getByLabel(t('person.fullName'), { exact: true }).fill(person.nombre);
  await page.getByLabel(t('person.email'), { exact: true }).fill(person.correo);
  await page.getByLabel(t('person.state'), { exact: true }).selectOption('Puebla');
  const office = page.getByLabel(t('person.office'), { exact: true });
  await office.selectOption(DEMO_OFFICES['San Luis Potosí']);
  await page.getByRole('button', { name: t('people.new') }).click();
  await expect(office).toHaveAccessibleDescription(
    new RegExp(
      t('form.office.wrongState', { office: DEMO_OFFICES['San Luis Potosí'], officeState: 'San Luis Potosí', state: 'Puebla' }).slice(
        0,
        40,
      ),
    ),
  );
  expect(countAccountsWithEmails([person.correo])).toBe(0);

  await office.selectOption('otra');
  await page.getByRole('button', { name: t('people.new') }).click();
  const other = page.getByLabel(`${t('person.officeOther')} ${t('form.optional')}`);
  await expect(other).toHaveAccessibleDescription(new RegExp(t('form.office.otherRequired')));
  await other.fill('Oficina auxiliar de Tehuacán');
  await page.getByRole('button', { name: t('people.new') }).click();
  await expect(page.getByRole('status')).toContainText(t('people.created', { name: person.nombre }));
  expect(countAccountsWithEmails([person.correo])).toBe(1);
  await context.close();
});
