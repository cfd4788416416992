import { createHash } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { certificates, cohorts, quizAttempts, users } from '../../../../db/schema/index.ts';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { moduleGrade } from '../quizzes/module-grade.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import type { CertificateContext } from './context.ts';
import { type EligibilityRow, getPersonEligibility } from './eligibility.ts';
import { folioYear, formatFolio, newVerificationCode, nextFolioNumber } from './folio.ts';
import { allocateStatusListIndex } from './status-list.ts';
import { buildSnapshot } from './snapshot-build.ts';

/**
 * Issuing (issue 14). Each certificate is its own IMMEDIATE transaction that checks, then writes:
 * the person holds no active certificate for the cohort (the partial unique index backs it up),
 * and the folio number and the status-list index (random, status-list.ts) chosen before
 * rendering are still free. The PDF and
 * the credential are rendered before the transaction (STYLE.md §5), so when another request took
 * the numbers meanwhile they are rendered again with the next ones; when it issued this person's
 * certificate meanwhile, that one is returned. A repeat or a concurrent request never makes two.
 */

const MAX_RENDERS = 5;

export interface IssueRequest {
  cohortId: number;
  userId: number;
  actorId: number;
  now?: Date;
}

/** Issues one person's certificate if they are eligible; returns the active one if it exists. */
export async function issueCertificate(
  db: Db,
  artifacts: CertificateArtifacts,
  context: CertificateContext,
  request: IssueRequest,
): Promise<IssueOutcome> {
  const now = request.now ?? new Date();
  const row = getPersonEligibility(db, request.cohortId, request.userId, context, now);
  if (!row) throw new DomainError('certificates.notEnrolled', {}, 'not-found');
  if (row.certificate) return { status: 'existing', ...row.certificate };
  if (!row.eligible) throw new DomainError('certificates.notEligible', { name: row.fullName });
  return writeCertificate(db, artifacts, context, { ...request, now }, row, null);
}

/**
 * Renders and stores one certificate for an eligibility row (eligible, or a reissue). With
 * `replaces`, the old certificate is marked replaced in the same transaction.
 */
export async function writeCertificate(
  db: Db,
  artifacts: CertificateArtifacts,
  context: CertificateContext,
  request: Required<IssueRequest>,
  row: EligibilityRow,
  replaces: { id: number; folio: string } | null,
): Promise<IssueOutcome> {
  const { now } = request;
  const programSlug = context.program.slug;
  const year = folioYear(now);
  const { cohort, issuer } = issuingParties(db, request);
  const grades = keptGrades(db, row.userId, context);
  // One render at a time per process, so requests here never race for the same folio; another
  // process that takes it first only costs a render again.
  return inTurn(async () => {
    for (let render = 0; render < MAX_RENDERS; render++) {
      const numbers = { folioNumber: nextFolioNumber(db, programSlug, year), statusListIndex: allocateStatusListIndex(db) };
      const folio = formatFolio(context.program.certificate.folioPrefix, year, numbers.folioNumber);
      const verificationCode = newVerificationCode();
      const snapshot = buildSnapshot({
        context,
        person: row,
        cohort,
        standing: row.standing,
        grades,
        folio,
        verificationCode,
        issuedAt: now,
        issuerName: issuer.fullName,
        replaces: replaces?.folio ?? null,
      });
      const pdf = await artifacts.renderPdf(snapshot);
      const credential = await artifacts.signCredential(db, snapshot, numbers.statusListIndex);
      const outcome = db.transaction(
        (tx) => insertCertificate(tx, { request, row, replaces, snapshot, numbers, year, pdf, credential, programSlug }),
        { behavior: 'immediate' },
      );
      if (outcome !== 'numbers-taken') return outcome;
    }
    throw new Error(`issueCertificate: folio numbers kept being taken for user ${row.userId}`);
  });
}

/** The cohort and the issuer's name, as the certificate prints them. */
export function issuingParties(
  db: Executor,
  request: Pick<IssueRequest, 'cohortId' | 'actorId'>,
): { cohort: { name: string; startsOn: string; endsOn: string }; issuer: { fullName: string } } {
  const cohort = db
    .select({ name: cohorts.name, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
    .from(cohorts)
    .where(eq(cohorts.id, request.cohortId))
    .get();
  const issuer = db.select({ fullName: users.fullName }).from(users).where(eq(users.id, request.actorId)).get();
  if (!cohort || !issuer) throw new Error(`issueCertificate: cohort ${request.cohortId} or issuer ${request.actorId} does not exist`);
  return { cohort, issuer };
}

let turn: Promise<unknown> = Promise.resolve();

/** Runs `work` after every earlier caller's work has settled. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const mine = turn.then(work, work);
  turn = mine.catch(() => undefined);
  return mine;
}

export function insertCertificate(
  tx: Executor,
  input: {
    request: Required<IssueRequest>;
    row: EligibilityRow;
    replaces: { id: number; folio: string } | null;
    snapshot: CertificateSnapshot;
    numbers: { folioNumber: number; statusListIndex: number };
    year: number;
    pdf: Uint8Array;
    credential: Uint8Array | null;
    programSlug: string;
  },
): IssueOutcome | 'numbers-taken' {
  const { request, snapshot, numbers, replaces } = input;
  const active = activeCertificate(tx, request.userId, request.cohortId);
  if (active && active.id !== replaces?.id) return { status: 'existing', ...active };
  if (replaces && !active) throw new DomainError('certificates.reissue.notActive');
  const indexTaken = tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.statusListIndex, numbers.statusListIndex))
    .get();
  if (nextFolioNumber(tx, input.programSlug, input.year) !== numbers.folioNumber || indexTaken) return 'numbers-taken';
  if (replaces) tx.update(certificates).set({ replacedAt: request.now }).where(eq(certificates.id, replaces.id)).run();
  const pdf = Buffer.from(input.pdf);
  const created = tx
    .insert(certificates)
    .values({
      programSlug: input.programSlug,
      folio: snapshot.folio,
      folioYear: input.year,
      folioNumber: numbers.folioNumber,
      verificationCode: snapshot.verificationCode,
      userId: request.userId,
      cohortId: request.cohortId,
      enrollmentId: input.row.enrollmentId,
      snapshot: JSON.stringify(snapshot),
      pdf,
      pdfSha256: createHash('sha256').update(pdf).digest('hex'),
      credential: input.credential ? Buffer.from(input.credential) : null,
      statusListIndex: numbers.statusListIndex,
      issuedAt: request.now,
      issuedBy: request.actorId,
      replacesId: replaces?.id ?? null,
    })
    .returning({ id: certificates.id })
    .get();
  appendAuditEntry(tx, {
    actorId: request.actorId,
    action: replaces ? 'certificate.reissued' : 'certificate.issued',
    subjectUserId: request.userId,
    cohortId: request.cohortId,
    details: replaces ? { folio: snapshot.folio, replaced: replaces.folio } : { folio: snapshot.folio },
    at: request.now,
  });
  return { status: 'issued', id: created.id, folio: snapshot.folio };
}

export function activeCertificate(db: Executor, userId: number, cohortId: number): { id: number; folio: string } | null {
  return (
    db
      .select({ id: certificates.id, folio: certificates.folio })
      .from(certificates)
      .where(
        and(
          eq(certificates.userId, userId),
          eq(certificates.cohortId, cohortId),
          isNull(certificates.revokedAt),
          isNull(certificates.replacedAt),
        ),
      )
      .get() ?? null
  );
}

/** module slug → the kept grade of its quiz (by the quiz's method), for modules graded at all. */
export function keptGrades(db: Db, userId: number, context: CertificateContext): Map<string, number> {
  const attempts = db
    .select({ moduleSlug: quizAttempts.moduleSlug, score: quizAttempts.score, maxScore: quizAttempts.maxScore })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.programSlug, context.program.slug)))
    .orderBy(asc(quizAttempts.number))
    .all();
  const grades = new Map<string, number>();
  for (const { moduleSlug, quiz } of context.quizzes) {
    const { grade } = moduleGrade(
      quiz,
      attempts.filter((a) => a.moduleSlug === moduleSlug),
    );
    if (grade !== null) grades.set(moduleSlug, grade);
  }
  return grades;
}

export type IssueOutcome = { status: 'issued' | 'existing'; id: number; folio: string };
