import { describe, expect, test } from 'vitest';
import { t } from '../../../src/i18n/index.ts';
import { checkOffice, findOffice, OFFICES } from '../../../src/lib/offices.ts';
import { STATES } from '../../../src/lib/states.ts';
import { personSchema } from '../../../src/lib/validation/person.ts';
import { DEMO_OFFICES } from '../../factories.ts';

const PUEBLA = 'Oficina de Representación Federal del Trabajo en Puebla';
const base = { fullName: 'Ana López Ruiz', email: 'ana@stps.gob.mx', curp: null, state: 'Puebla', gender: null };
const issues = (input: Record<string, unknown>) =>
  (personSchema.safeParse({ ...base, ...input }).error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('the offices of each state', () => {
  test('every state has its oficina de representación, and the demo offices are listed under their states', () => {
    for (const state of STATES) expect(OFFICES[state].length).toBeGreaterThan(0);
    for (const [state, office] of Object.entries(DEMO_OFFICES)) expect(findOffice(office)).toEqual({ state, office });
  });

  test('a listed office is found whatever its accents, case and spacing', () => {
    expect(findOffice('oficina de representacion federal del trabajo  en PUEBLA')).toEqual({ state: 'Puebla', office: PUEBLA });
    expect(findOffice('Oficina X')).toBeNull();
  });

  test('the form accepts an office of the chosen state, or «otra» with its name, and stores the listed spelling', () => {
    expect(personSchema.parse({ ...base, office: PUEBLA }).office).toBe(PUEBLA);
    expect(personSchema.parse({ ...base, office: 'otra', officeOther: ' Oficina auxiliar  de Tehuacán ' }).office).toBe(
      'Oficina auxiliar de Tehuacán',
    );
    expect(
      personSchema.parse({ ...base, office: 'otra', officeOther: 'oficina de representacion federal del trabajo en puebla' }).office,
    ).toBe(PUEBLA);
  });

  test('the form refuses a typed office, another state’s office, or «otra» without a name, in Spanish', () => {
    expect(issues({ office: 'Oficina X' })).toEqual([{ path: 'office', message: t('form.office.unlisted', { state: 'Puebla' }) }]);
    expect(issues({ office: DEMO_OFFICES['San Luis Potosí'] })).toEqual([
      {
        path: 'office',
        message: t('form.office.wrongState', { office: DEMO_OFFICES['San Luis Potosí'], officeState: 'San Luis Potosí', state: 'Puebla' }),
      },
    ]);
    expect(issues({ office: 'otra', officeOther: '' })).toEqual([{ path: 'officeOther', message: t('form.office.otherRequired') }]);
    expect(issues({ office: 'otra', officeOther: '---' })).toEqual([{ path: 'officeOther', message: t('form.text.noLetters') }]);
    expect(issues({ office: '' })).toEqual([{ path: 'office', message: t('form.office.choose') }]);
  });

  test('a file row may name an unlisted office, but not another state’s', () => {
    expect(checkOffice('Puebla', 'Oficina en Puebla', '', { unlistedIsOther: true })).toEqual({ ok: true, office: 'Oficina en Puebla' });
    expect(checkOffice('Puebla', DEMO_OFFICES['Estado de México'], '', { unlistedIsOther: true }).ok).toBe(false);
  });
});
