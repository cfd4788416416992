import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import { certificates, quizAttempts, quizRegrades } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';

/**
 * Certificates a regrade calls into question (issue 16, docs/decisions/007). A regrade never
 * changes an issued certificate; when one, after the certificate was issued, reversed the pass
 * of a module quiz of its program for its holder, the certificate rested on a pass that no longer
 * holds, and coordination reviews it (revoke, reissue, or record an exception). The flag is a
 * fact with its date, kept once the learner passes again (a person looks at it), until the
 * certificate is revoked or replaced by a reissue.
 */
export function listCertificatesToReview(db: Executor, cohortId: number): Map<number, RegradeFlag[]> {
  const rows = db
    .select({ certificateId: certificates.id, moduleSlug: quizRegrades.moduleSlug, regradedAt: quizRegrades.regradedAt })
    .from(certificates)
    .innerJoin(quizRegrades, and(eq(quizRegrades.userId, certificates.userId), gte(quizRegrades.regradedAt, certificates.issuedAt)))
    .innerJoin(quizAttempts, and(eq(quizAttempts.id, quizRegrades.attemptId), eq(quizAttempts.programSlug, certificates.programSlug)))
    .where(
      and(
        eq(certificates.cohortId, cohortId),
        // A revoked or replaced certificate has been reviewed already.
        isNull(certificates.revokedAt),
        isNull(certificates.replacedAt),
        eq(quizRegrades.modulePassedBefore, true),
        eq(quizRegrades.modulePassedAfter, false),
      ),
    )
    .orderBy(asc(quizRegrades.regradedAt), asc(quizRegrades.id))
    .all();
  const flags = new Map<number, RegradeFlag[]>();
  for (const r of rows)
    flags.set(r.certificateId, [...(flags.get(r.certificateId) ?? []), { moduleSlug: r.moduleSlug, regradedAt: r.regradedAt }]);
  return flags;
}

export interface RegradeFlag {
  moduleSlug: string;
  regradedAt: Date;
}
