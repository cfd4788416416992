import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { findCurpProblem, normalizeCurp } from '../curp.ts';
import { resolveState } from '../states.ts';
import { normalizeEmail } from '../text.ts';
import { cleanText, personNameSchema, textSchema } from './text.ts';

export const NAME_MAX = 120;
export const PASSWORD_MIN = 10;
/** Argon2 has no 72-byte limit like bcrypt, but an upper bound stops abuse of hashing time. */
export const PASSWORD_MAX = 200;
export const GENDERS = ['mujer', 'hombre', 'no_binaria', 'prefiere_no_decir'] as const;

export const fullNameSchema = personNameSchema({
  min: 3,
  max: NAME_MAX,
  tooShort: t('form.name.tooShort'),
  tooLong: t('form.name.tooLong', { max: NAME_MAX }),
});

export const emailSchema = z
  .string()
  .transform(normalizeEmail)
  .pipe(z.email(t('form.email.invalid')));

/**
 * Optional CURP: empty means none; otherwise it must pass RENAPO's rules, with a message saying what is wrong.
 * `nullish`, not `optional`: Astro actions turn an empty form field into null when the schema's outer
 * type is a transform, as here.
 */
export const curpSchema = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const curp = normalizeCurp(v ?? '');
    if (!curp) return null;
    const problem = findCurpProblem(curp);
    if (problem) {
      const { code, ...params } = problem;
      ctx.addIssue({ code: 'custom', message: t(code, params as Record<string, string | number>) });
      return z.NEVER;
    }
    return curp;
  });

export const stateSchema = z.string().transform((v, ctx) => {
  const state = resolveState(cleanText(v));
  if (!state) {
    ctx.addIssue({ code: 'custom', message: t('form.state.invalid') });
    return z.NEVER;
  }
  return state;
});

export const officeSchema = textSchema({ min: 2, max: NAME_MAX, tooShort: t('form.office.required') });

/** `nullish` for the same reason as `curpSchema`: "Sin declarar" posts an empty value. */
export const genderSchema = z
  .enum([...GENDERS, ''])
  .nullish()
  .transform((v) => (v ? v : null));

export const personSchema = z.object({
  fullName: fullNameSchema,
  email: emailSchema,
  curp: curpSchema,
  state: stateSchema,
  office: officeSchema,
  gender: genderSchema,
});
export type PersonInput = z.output<typeof personSchema>;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, t('form.password.tooShort', { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, t('form.password.tooLong', { max: PASSWORD_MAX }));

export const REASON_MAX = 500;
export const reasonSchema = textSchema({ min: 3, max: REASON_MAX, tooShort: t('form.reason.required') });
