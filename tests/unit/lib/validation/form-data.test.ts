import { describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { t } from '../../../../src/i18n/index.ts';
import { fromForm } from '../../../../src/lib/validation/form-data.ts';
import { personFields, withOffice } from '../../../../src/lib/validation/person.ts';
import { buildPerson } from '../../../factories.ts';

const schema = fromForm(personFields.extend({ roles: z.array(z.enum(['inspector', 'instructor'])).min(1) }).transform(withOffice));

function personForm(extra: [string, string][] = []): FormData {
  const { sex: _sex, ...person } = buildPerson({}, 7);
  const form = new FormData();
  for (const [key, value] of Object.entries(person)) if (typeof value === 'string') form.append(key, value);
  form.append('roles', 'inspector');
  for (const [key, value] of extra) form.append(key, value);
  return form;
}

function fieldErrors(result: { success: boolean; error?: z.ZodError }): Record<string, string[]> {
  return result.success ? {} : (z.flattenError(result.error as z.ZodError).fieldErrors as Record<string, string[]>);
}

describe('fromForm', () => {
  test('reads a person form as Astro does: single fields as text, a checkbox group as a list', async () => {
    const result = await schema.safeParseAsync(personForm([['roles', 'instructor']]));
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ state: 'Puebla', roles: ['inspector', 'instructor'] });
  });

  test('refuses a single-valued field sent twice, in Spanish, next to that field', async () => {
    const result = await schema.safeParseAsync(personForm([['state', 'San Luis Potosí']]));
    expect(result.success).toBe(false);
    expect(fieldErrors(result)).toEqual({ state: [t('form.repeatedField')] });
  });

  test('reports the repeated field together with the other fields’ errors', async () => {
    const form = personForm([['email', 'otro@stps.example.mx']]);
    form.set('curp', 'XXXX');
    form.append('curp', 'YYYY');
    const errors = fieldErrors(await schema.safeParseAsync(form));
    expect(errors.email).toEqual([t('form.repeatedField')]);
    expect(errors.curp?.[0]).toBe(t('form.repeatedField'));
    expect(errors.curp?.length).toBeGreaterThan(1);
  });
});
