import { z } from 'astro/zod';
import { describe, expect, test } from 'vitest';
import { t } from '../../../../src/i18n/index.ts';
// Any shared schema module installs the Spanish messages; nothing else is imported for it here.
import '../../../../src/lib/validation/person.ts';

const messageOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe('the Spanish error map', () => {
  test('is in force for any schema, even one declared without messages', () => {
    expect(messageOf(z.string().max(3), 'abcd')).toBe(t('form.text.tooLong', { count: 3, length: 4 }));
    expect(messageOf(z.coerce.number(), 'abc')).toBe(t('form.number.invalid'));
    expect(messageOf(z.object({ a: z.string() }), {})).toBe(t('form.required'));
  });

  test.each([
    [z.string(), null, t('form.required')],
    [z.string(), 5, t('form.invalid')],
    [z.string().min(1), '', t('form.required')],
    [z.string().min(5), 'abc', t('form.text.tooShort', { min: 5 })],
    [z.string().length(18), 'abc', t('form.text.exactLength', { count: 18 })],
    [z.number().int(), 1.5, t('form.number.integer')],
    [z.number().min(0), -1, t('form.number.atLeast', { min: 0 })],
    [z.number().positive(), 0, t('form.number.above', { min: 0 })],
    [z.number().max(5), 6, t('form.number.atMost', { max: 5 })],
    [z.number().lt(5), 5, t('form.number.below', { max: 5 })],
    [z.number().multipleOf(5), 7, t('form.number.multipleOf', { divisor: 5 })],
    [z.array(z.string()).min(1), [], t('form.choice.required')],
    [z.array(z.string()).min(2), ['a'], t('form.choice.tooFew', { min: 2 })],
    [z.array(z.string()).max(1), ['a', 'b'], 'Elija solo una opción.'],
    [z.array(z.string()).max(2), ['a', 'b', 'c'], 'Elija como máximo 2 opciones.'],
    [z.string().max(1), 'ab', 'Escriba como máximo 1 carácter; ahora hay 2.'],
    [z.enum(['a', 'b']), 'c', t('form.choice.invalid')],
    [z.email(), 'no-es-correo', t('form.email.invalid')],
    [z.iso.date(), '2026-13-01', t('form.date.invalid')],
    [z.string().refine(() => false), 'x', t('form.invalid')],
  ] as [z.ZodType, unknown, string][])('%#: says what to fix', (schema, input, message) => {
    expect(messageOf(schema, input)).toBe(message);
  });

  test('leaves a message given by the schema alone', () => {
    expect(messageOf(z.string().min(3, 'propio'), 'a')).toBe('propio');
  });

  test('never answers in English', () => {
    const inputs: [z.ZodType, unknown][] = [
      [z.string().max(120), 'x'.repeat(121)],
      [z.coerce.number(), 'NaN'],
      [z.object({ n: z.number() }).strict(), { n: 1, extra: 2 }],
      [z.union([z.string(), z.number()]), true],
      [z.tuple([z.string()]), []],
      [z.record(z.string(), z.number()), { a: 'b' }],
    ];
    for (const [schema, input] of inputs) {
      const message = messageOf(schema, input) ?? '';
      expect(message).not.toMatch(/\b(expected|Invalid|Too big|Too small|received)\b/);
      expect(message.length).toBeGreaterThan(0);
    }
  });
});
