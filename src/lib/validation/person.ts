import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { findCurpProblem, normalizeCurp } from '../curp.ts';
import { checkOffice, OTHER_OFFICE } from '../offices.ts';
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

export const personFields = z.object({
  fullName: fullNameSchema,
  email: emailSchema,
  curp: curpSchema,
  state: stateSchema,
  /** A listed office of the state, or OTHER_OFFICE with the name in `officeOther` (src/lib/offices.ts). */
  office: z.string().nullish(),
  officeOther: z.string().nullish(),
  gender: genderSchema,
});

/**
 * The office of a person from the registration and edit forms, as a transform after `personFields`
 * (extended with the form's other fields): one of the chosen state's offices, or «Otra oficina»
 * with its name.
 */
export function withOffice<T extends z.output<typeof personFields>>(
  input: T,
  ctx: z.RefinementCtx,
): Omit<T, 'office' | 'officeOther'> & { office: string } {
  const { officeOther, office: choice, ...rest } = input;
  const other = officeSchema.safeParse(officeOther ?? '');
  if (choice === OTHER_OFFICE && !other.success && cleanText(officeOther ?? '')) {
    ctx.addIssue({ code: 'custom', path: ['officeOther'], message: other.error.issues[0]?.message ?? t('form.office.otherRequired') });
    return z.NEVER;
  }
  const checked = checkOffice(input.state, cleanText(choice ?? ''), other.success ? other.data : '');
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', path: [checked.field], message: t(checked.problem.code, checked.problem.params) });
    return z.NEVER;
  }
  return { ...rest, office: checked.office };
}

export const personSchema = personFields.transform(withOffice);
export type PersonInput = z.output<typeof personSchema>;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, t('form.password.tooShort', { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, t('form.password.tooLong', { max: PASSWORD_MAX }));

export const REASON_MAX = 500;
export const reasonSchema = textSchema({ min: 3, max: REASON_MAX, tooShort: t('form.reason.required') });
