import { createHash } from 'node:crypto';
import { quizAttempts, quizVersions } from '../db/schema/index.ts';
import type { CertificateArtifacts } from '../src/lib/server/certificates/artifacts.ts';
import type { CertificateContext } from '../src/lib/server/certificates/context.ts';
import { contentFolderHash } from '../src/lib/server/certificates/content-hash.ts';
import { DEFAULT_PROGRAM_SLUG } from '../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../src/lib/server/db.ts';
import { enrollmentForCredit, recordAdjustment } from '../src/lib/server/hours/ledger.ts';
import { HOUR_BUDGETS } from '../db/schema/index.ts';
import { loadStandingContext } from './standing-context.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { programSchema } from '../src/lib/content/schemas.ts';
import { quizSchema } from '../src/lib/content/quiz-schema.ts';

/** The certificate context from the content files, for tests. */
export function loadCertificateContext(): CertificateContext {
  const standing = loadStandingContext();
  const program = programSchema.parse(parse(readFileSync('content/program.yaml', 'utf8')));
  return { ...standing, program, contentHash: contentFolderHash(), origin: 'https://aula.test' };
}

/** Quick stand-ins for the PDF and the credential: the snapshot's bytes, so a test can read them back. */
export function fakeArtifacts(): CertificateArtifacts & { revoked: number[] } {
  const revoked: number[] = [];
  return {
    revoked,
    renderPdf: async (snapshot) => new TextEncoder().encode(`%PDF-fake\n${JSON.stringify(snapshot)}`),
    signCredential: async (_db, snapshot, index) => new TextEncoder().encode(JSON.stringify({ folio: snapshot.folio, index })),
    markRevoked: async (_db, index) => {
      revoked.push(index);
    },
  };
}

/**
 * Credits a person every budget of every module (as adjustments), optionally leaving out some
 * minutes of one module, and passes each quiz with `grade` unless listed in `failQuizzes`.
 */
export function completeProgram(
  db: Db,
  context: CertificateContext,
  input: { userId: number; actorId: number; shortModule?: string; shortMinutes?: number; skipQuizzes?: string[]; grade?: number },
): void {
  const enrollmentId = enrollmentForCredit(db, input.userId, DEFAULT_PROGRAM_SLUG) as number;
  for (const m of context.plan.modules) {
    for (const budget of HOUR_BUDGETS) {
      const full = m.budget[budget];
      const minutes = m.slug === input.shortModule && budget === 'study' ? full - (input.shortMinutes ?? 0) : full;
      if (minutes <= 0) continue;
      recordAdjustment(db, {
        userId: input.userId,
        programSlug: DEFAULT_PROGRAM_SLUG,
        enrollmentId,
        moduleSlug: m.slug,
        budget,
        minutes,
        budgetMinutes: full,
        recordedBy: input.actorId,
        reason: 'Prueba',
      });
    }
  }
  for (const { moduleSlug } of context.quizzes) {
    if (input.skipQuizzes?.includes(moduleSlug)) continue;
    passQuiz(db, input.userId, moduleSlug, input.grade ?? 0.9);
  }
}

/**
 * A graded attempt straight in the tables, with the module's real quiz as its version (pages that
 * read every version, such as the item analysis, parse it) and no questions drawn.
 */
export function passQuiz(db: Db, userId: number, moduleSlug: string, grade: number): void {
  const definition = JSON.stringify(quizSchema.parse(parse(readFileSync(`content/modules/${moduleSlug}/quiz.yaml`, 'utf8'))));
  const hash = createHash('sha256').update(`test:${definition}`).digest('hex');
  db.insert(quizVersions).values({ hash, moduleSlug, definition, createdAt: new Date() }).onConflictDoNothing().run();
  const at = new Date('2026-10-01T17:00:00Z');
  db.insert(quizAttempts)
    .values({
      userId,
      programSlug: DEFAULT_PROGRAM_SLUG,
      moduleSlug,
      number: 1,
      quizVersion: hash,
      layout: JSON.stringify({ questions: [] }),
      startedAt: at,
      submittedAt: at,
      closedBy: 'learner',
      score: grade * 10,
      maxScore: 10,
      gradedAt: at,
    })
    .run();
}
