import { and, desc, eq } from 'drizzle-orm';
import { t } from '../../../i18n/index.ts';
import { tCount } from '../../format.ts';
import { alias } from 'drizzle-orm/sqlite-core';
import { enrollments, quizOverrides, users } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import { requireTeacherOf } from '../cohorts/teaching.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';

/**
 * Extra attempts and minutes granted to a cohort's learners (attempts.ts grantQuizOverride), so
 * the staff can see them and take one back. A grant counts for the learner and quiz wherever they
 * study; the gradebook of a cohort lists those of its active learners.
 */
export function listCohortOverrides(db: Db, cohortId: number): GrantedOverride[] {
  const grantor = alias(users, 'grantor');
  return db
    .select({
      id: quizOverrides.id,
      userId: quizOverrides.userId,
      learnerName: users.fullName,
      moduleSlug: quizOverrides.moduleSlug,
      extraAttempts: quizOverrides.extraAttempts,
      extraMinutes: quizOverrides.extraMinutes,
      reason: quizOverrides.reason,
      grantedBy: grantor.fullName,
      grantedAt: quizOverrides.createdAt,
    })
    .from(quizOverrides)
    .innerJoin(users, eq(users.id, quizOverrides.userId))
    .innerJoin(grantor, eq(grantor.id, quizOverrides.actorId))
    .innerJoin(
      enrollments,
      and(eq(enrollments.userId, quizOverrides.userId), eq(enrollments.cohortId, cohortId), eq(enrollments.status, 'active')),
    )
    .orderBy(desc(quizOverrides.createdAt), desc(quizOverrides.id))
    .all();
}

/**
 * Takes back a grant, with the reason, for whoever may teach the learner (cohorts/teaching.ts).
 * The grant leaves the table, so the learner's allowance drops at once (attempts already started
 * stay as they are); the audit log keeps what was granted, by whom and why, beside the revocation.
 */
export function revokeQuizOverride(db: Db, input: { overrideId: number; reason: string; actorId: number; now?: Date }): RevokedOverride {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const grant = tx.select().from(quizOverrides).where(eq(quizOverrides.id, input.overrideId)).get();
    if (!grant) throw new DomainError('override.notFound', {}, 'not-found');
    requireTeacherOf(tx, input.actorId, grant.userId);
    tx.delete(quizOverrides).where(eq(quizOverrides.id, grant.id)).run();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'quiz.overrideRevoked',
      subjectUserId: grant.userId,
      reason: input.reason,
      details: {
        module: grant.moduleSlug,
        extraAttempts: grant.extraAttempts,
        extraMinutes: grant.extraMinutes,
        grantedBy: grant.actorId,
        grantReason: grant.reason,
      },
      at: now,
    });
    return { userId: grant.userId, moduleSlug: grant.moduleSlug };
  });
}

/** "1 intento adicional y 30 minutos adicionales": what a grant gives, in words. */
export function describeOverride(grant: { extraAttempts: number; extraMinutes: number }): string {
  const parts = [
    grant.extraAttempts > 0 ? tCount('audit.count.extraAttempts', grant.extraAttempts) : null,
    grant.extraMinutes > 0 ? tCount('audit.count.extraMinutes', grant.extraMinutes) : null,
  ].filter((p): p is string => p !== null);
  return parts.join(t('override.and'));
}

export interface GrantedOverride {
  id: number;
  userId: number;
  learnerName: string;
  moduleSlug: string;
  extraAttempts: number;
  extraMinutes: number;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
}

export interface RevokedOverride {
  userId: number;
  moduleSlug: string;
}
