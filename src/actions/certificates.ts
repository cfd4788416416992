import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { grantEligibilityException } from '../lib/server/certificates/eligibility.ts';
import { issueCertificate } from '../lib/server/certificates/issue.ts';
import { startCohortIssuance } from '../lib/server/certificates/issue-cohort.ts';
import { reissueCertificate, revokeCertificate } from '../lib/server/certificates/revoke.ts';
import { getCertificateArtifacts } from '../lib/server/certificates/server-artifacts.ts';
import { getCertificateContext } from '../lib/server/certificates/server-context.ts';
import { getDb } from '../lib/server/db.ts';
import { withDomainErrors } from './errors.ts';

const id = z.coerce.number().int().positive();
const reason = z.string().trim().min(1, t('certificates.reason.required')).max(500, t('certificates.reason.tooLong'));

/**
 * Issuing, exceptions, revocation and reissue: coordination only (coordinators and admins),
 * checked here because an action can be posted to any path (auth/authorize.ts).
 */
export const certificates = {
  issueOne: defineAction({
    accept: 'form',
    input: z.object({ cohortId: id, userId: id }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const db = getDb();
        return issueCertificate(db, await getCertificateArtifacts(), await getCertificateContext(context.url.origin), {
          ...input,
          actorId: actor.id,
        });
      }),
  }),

  issueCohort: defineAction({
    accept: 'form',
    input: z.object({ cohortId: id }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const run = startCohortIssuance(getDb(), await getCertificateArtifacts(), await getCertificateContext(context.url.origin), {
          cohortId: input.cohortId,
          actorId: actor.id,
        });
        // A small cohort is done before the page comes back; a large one shows its progress.
        await Promise.race([run.done, new Promise((resolve) => setTimeout(resolve, 2000))]);
        return { total: run.total };
      }),
  }),

  grantException: defineAction({
    accept: 'form',
    input: z.object({ cohortId: id, userId: id, rule: z.string().min(1, t('certificates.exception.rule.required')), reason }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        grantEligibilityException(getDb(), await getCertificateContext(context.url.origin), { ...input, actorId: actor.id });
        return { userId: input.userId };
      }),
  }),

  revoke: defineAction({
    accept: 'form',
    input: z.object({ certificateId: id, reason }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        return revokeCertificate(getDb(), await getCertificateArtifacts(), { ...input, actorId: actor.id });
      }),
  }),

  reissue: defineAction({
    accept: 'form',
    input: z.object({ certificateId: id }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const db = getDb();
        return reissueCertificate(db, await getCertificateArtifacts(), await getCertificateContext(context.url.origin), {
          ...input,
          actorId: actor.id,
        });
      }),
  }),
};
