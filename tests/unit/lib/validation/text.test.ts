import { describe, expect, test } from 'vitest';
import { t } from '../../../../src/i18n/index.ts';
import { cohortSchema } from '../../../../src/lib/validation/cohort.ts';
import { fullNameSchema, officeSchema, personSchema, reasonSchema } from '../../../../src/lib/validation/person.ts';
import { calendarDateSchema, cleanMultilineText, cleanText, isCalendarDate } from '../../../../src/lib/validation/text.ts';

const ZWSP = '\u200B';
const RLO = '\u202E';
const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('cleanText', () => {
  test.each([
    ['NFD accents become NFC', 'Jose\u0301 Nu\u0301n\u0303ez', 'José Núñez'],
    ['NUL is dropped', 'Ana\0 López', 'Ana López'],
    ['the RTL override is dropped', `Ana ${RLO}zepóL`, 'Ana zepóL'],
    ['zero-width spaces, joiners and BOM are dropped', `A${ZWSP}na\u200D \uFEFFLópez\u2060`, 'Ana López'],
    ['soft hyphens are dropped', 'Gutié\u00ADrrez', 'Gutiérrez'],
    ['tabs, newlines and no-break spaces become one space', ' Ana\t\n\u00A0 López\r\n', 'Ana López'],
    ['other control characters are dropped', 'Ana\u0007\u001B López\u007F', 'Ana López'],
    ['lone surrogates are dropped', 'Ana\uD800 López', 'Ana López'],
    ['only invisible characters leave nothing', `${ZWSP}${ZWSP}${ZWSP}`, ''],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test('the multiline variant keeps paragraphs', () => {
    expect(cleanMultilineText(`Primero\0.\r\n\r\n\r\n  Segundo${ZWSP} párrafo  \nfin`)).toBe('Primero.\n\nSegundo párrafo\nfin');
  });
});

describe('names', () => {
  test.each([
    ['three zero-width spaces', `${ZWSP}${ZWSP}${ZWSP}`, t('form.name.tooShort')],
    ['zero-width spaces around one letter', `${ZWSP}A${ZWSP}${ZWSP}`, t('form.name.tooShort')],
    ['punctuation only', '...', t('form.name.letters')],
    ['digits', 'Ana López 2', t('form.name.letters')],
    ['combining marks without letters', '\u0301\u0301\u0301', t('form.name.letters')],
    ['markup', '<b>Ana</b>', t('form.name.letters')],
  ])('a person name of %s is refused in Spanish', (_name, input, message) => {
    expect(firstMessage(fullNameSchema.safeParse(input))).toBe(message);
  });

  test.each([
    ['José Ñúñez Gutiérrez', 'José Ñúñez Gutiérrez'],
    ['Ma. de Lourdes O’Connor-Pérez', 'Ma. de Lourdes O’Connor-Pérez'],
    ["Tlāltēcuhtli Xōchitl D'Amico", "Tlāltēcuhtli Xōchitl D'Amico"],
    [`Ana${RLO} López\0`, 'Ana López'],
    ['Jose\u0301  Pe\u0301rez', 'José Pérez'],
  ])('a person name %j is stored as %j', (input, expected) => {
    expect(fullNameSchema.parse(input)).toBe(expected);
  });

  test('a person keeps the same shape and is cleaned field by field', () => {
    const person = personSchema.parse({
      fullName: `${ZWSP}Ana López${RLO}`,
      email: ' Ana@STPS.gob.mx ',
      curp: null,
      state: 'Puebla\0',
      office: 'otra',
      officeOther: `Oficina${ZWSP} de Puebla\0`,
      gender: null,
    });
    expect(person).toEqual({
      fullName: 'Ana López',
      email: 'ana@stps.gob.mx',
      curp: null,
      state: 'Puebla',
      office: 'Oficina de Puebla',
      gender: null,
    });
  });

  test('an office and a reason need letters, not only invisible characters or signs', () => {
    expect(firstMessage(officeSchema.safeParse(`${ZWSP}${ZWSP}${ZWSP}`))).toBe(t('form.office.required'));
    expect(firstMessage(officeSchema.safeParse('---'))).toBe(t('form.text.noLetters'));
    expect(firstMessage(reasonSchema.safeParse(`\0\0\0${ZWSP}`))).toBe(t('form.reason.required'));
    expect(reasonSchema.parse(`Cambio de adscripción${RLO}\0`)).toBe('Cambio de adscripción');
  });
});

describe('calendar dates', () => {
  test.each(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('%s exists', (date) => {
    expect(isCalendarDate(date)).toBe(true);
    expect(calendarDateSchema.parse(date)).toBe(date);
  });

  test.each(['2026-02-29', '2026-02-30', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32'])(
    '%s does not exist and is refused saying so',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
      expect(firstMessage(calendarDateSchema.safeParse(date))).toBe(t('form.date.notInCalendar', { date }));
    },
  );

  test.each(['30/02/2026', '2026-2-3', '2026-02-03T00:00', '', 'mañana', '2026-02-03\0'])('%j is not a date', (input) => {
    expect(firstMessage(calendarDateSchema.safeParse(input))).toBe(t('form.date.invalid'));
  });
});

describe('cohortSchema', () => {
  const valid = { name: 'Generación 2027-1 Centro', startsOn: '2027-02-01', endsOn: '2027-07-30', instructorIds: [] };

  test('refuses an end date that does not exist, on the end date field', () => {
    const result = cohortSchema.safeParse({ ...valid, endsOn: '2026-02-30' });
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['endsOn'], t('form.date.notInCalendar', { date: '2026-02-30' })],
    ]);
  });

  test('refuses a name of zero-width spaces or of signs', () => {
    expect(firstMessage(cohortSchema.safeParse({ ...valid, name: `${ZWSP}${ZWSP}${ZWSP}` }))).toBe(t('form.text.tooShort', { min: 3 }));
    expect(firstMessage(cohortSchema.safeParse({ ...valid, name: '2027 · 1' }))).toBe(t('form.text.noLetters'));
    expect(cohortSchema.parse({ ...valid, name: `Generación${RLO} 2027\0` }).name).toBe('Generación 2027');
  });

  test('answers a 121-character name and a non-numeric instructor in Spanish', () => {
    const result = cohortSchema.safeParse({ ...valid, name: 'G'.repeat(121), instructorIds: [Number('abc')] });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['name', t('form.text.tooLong', { count: 120, length: 121 })],
      ['instructorIds', t('cohort.instructors.invalid')],
    ]);
  });
});
