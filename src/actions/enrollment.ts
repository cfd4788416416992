import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { resendInvitations } from '../lib/server/accounts/bulk-invitations.ts';
import { getPersonByEmail } from '../lib/server/accounts/people.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { BULK_MAX, withdrawInspectors } from '../lib/server/enrollment/bulk-withdraw.ts';
import { commitImport, previewImport } from '../lib/server/enrollment/csv-import.ts';
import { csvUploadProblem, decodeCsvBytes } from '../lib/server/enrollment/csv-parse.ts';
import { enrollInspectorOne, reenrollInspector, withdrawInspector } from '../lib/server/enrollment/enroll.ts';
import { DomainError } from '../lib/server/errors.ts';
import { emailSchema, reasonSchema } from '../lib/validation/person.ts';
import { baseUrlOf, withDomainErrors } from './errors.ts';

const cohortId = z.coerce.number().int().positive();
const userId = z.coerce.number().int().positive();
/** The people marked on a roster for a bulk action. */
const selection = z
  .array(userId)
  .min(1, t('roster.bulk.none'))
  .max(BULK_MAX, t('roster.bulk.tooMany', { max: BULK_MAX }));
/** How many valid rows the preview lists; every invalid row is always listed. */
const PREVIEW_SAMPLE = 100;

export const enrollment = {
  enroll: defineAction({
    accept: 'form',
    input: z.object({ cohortId, email: emailSchema, concurrentReason: reasonSchema.optional() }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const db = getDb();
        const person = getPersonByEmail(db, input.email);
        if (!person) throw new DomainError('enrollment.unknownEmail', { email: input.email }, 'not-found');
        try {
          const { status } = enrollInspectorOne(db, {
            cohortId: input.cohortId,
            userId: person.id,
            actorId: actor.id,
            concurrentReason: input.concurrentReason,
          });
          return { fullName: person.fullName, status };
        } catch (error) {
          // Its own code, so the form asks for the reason that lets the enrollment go ahead.
          if (error instanceof DomainError && error.code === 'enrollment.activeElsewhere')
            throw new ActionError({ code: 'PRECONDITION_FAILED', message: t(error.code, error.params) });
          throw error;
        }
      }),
  }),

  withdraw: defineAction({
    accept: 'form',
    input: z.object({ cohortId, userId, reason: reasonSchema }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        withdrawInspector(getDb(), { ...input, actorId: actor.id });
        return { userId: input.userId };
      }),
  }),

  reenroll: defineAction({
    accept: 'form',
    input: z.object({ cohortId, userId, reason: reasonSchema }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        reenrollInspector(getDb(), { ...input, actorId: actor.id });
        return { userId: input.userId };
      }),
  }),

  /** Several people at once, all or none (bulk-withdraw.ts); the checkboxes post `userIds`. */
  withdrawMany: defineAction({
    accept: 'form',
    input: z.object({
      cohortId,
      userIds: selection,
      reason: reasonSchema,
    }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        return withdrawInspectors(getDb(), { ...input, actorId: actor.id });
      }),
  }),

  resendInvitations: defineAction({
    accept: 'form',
    input: z.object({
      cohortId,
      userIds: selection,
    }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const issued = await resendInvitations(getDb(), { ...input, actorId: actor.id, baseUrl: baseUrlOf(context) });
        return { resent: issued.length };
      }),
  }),

  previewCsv: defineAction({
    accept: 'form',
    input: z.object({
      cohortId,
      file: z.instanceof(File, { message: t('csv.noFile') }).superRefine((file, ctx) => {
        const problem = csvUploadProblem(file);
        if (problem) ctx.addIssue({ code: 'custom', message: t(problem.code, problem.params) });
      }),
    }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const { text, encoding } = decodeCsvBytes(new Uint8Array(await input.file.arrayBuffer()));
        const preview = await previewImport(getDb(), { cohortId: input.cohortId, text, actorId: actor.id });
        return {
          text,
          encoding,
          fileName: input.file.name,
          counts: preview.counts,
          invalid: preview.invalid,
          sample: preview.rows.filter((r) => r.errors.length === 0).slice(0, PREVIEW_SAMPLE),
        };
      }),
  }),

  confirmCsv: defineAction({
    accept: 'form',
    // The text is checked against the same limits as the upload when it is parsed again (csv-parse.ts).
    input: z.object({ cohortId, text: z.string().min(1, t('csv.noFile')) }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const result = await commitImport(getDb(), {
          cohortId: input.cohortId,
          text: input.text,
          actorId: actor.id,
          baseUrl: baseUrlOf(context),
        });
        if ('preview' in result) throw new ActionError({ code: 'CONFLICT', message: t('csv.changed') });
        return {
          enrolled: result.enrolled,
          created: result.created,
          skipped: result.skipped,
          invitations: result.invitations.map((i) => ({
            fullName: i.fullName,
            email: i.email,
            link: i.link,
            expiresAt: i.expiresAt.toISOString(),
          })),
        };
      }),
  }),
};
