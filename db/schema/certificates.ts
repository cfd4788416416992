import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { cohorts, enrollments } from './cohorts.ts';

/**
 * An issued certificate (constancia): an immutable record of what was printed, the PDF's exact
 * bytes and the signed credential's exact bytes (DESIGN.md, "Certificates are immutable records").
 * Only its status may change afterwards — revoked or replaced by a reissue — and a trigger
 * (migration 0010) refuses any other UPDATE and every DELETE.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programSlug: text('program_slug').notNull(),
    /** "DIF-2026-00042": prefix from program.yaml, year in Mexico City, number sequential per program and year. */
    folio: text('folio').notNull().unique(),
    folioYear: integer('folio_year').notNull(),
    folioNumber: integer('folio_number').notNull(),
    /** Random, printed in the QR's URL (/verificar/<code>); says nothing about the person. */
    verificationCode: text('verification_code').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    /** Everything printed, as JSON: name, CURP, program, cohort, dates, hours, grades, edition, signatories… */
    snapshot: text('snapshot').notNull(),
    pdf: blob('pdf', { mode: 'buffer' }).notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    /** The signed Open Badges 3.0 credential, as the exact bytes issued (null until signed). */
    credential: blob('credential', { mode: 'buffer' }),
    /** This certificate's bit in the status list (BitstringStatusListEntry). */
    statusListIndex: integer('status_list_index').notNull().unique(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    issuedBy: integer('issued_by')
      .notNull()
      .references(() => users.id),
    /** The certificate this one corrects (a reissue). */
    replacesId: integer('replaces_id'),
    replacedAt: integer('replaced_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: integer('revoked_by').references(() => users.id),
    revocationReason: text('revocation_reason'),
  },
  (t) => [
    uniqueIndex('certificates_folio_sequence_unique').on(t.programSlug, t.folioYear, t.folioNumber),
    // A person never holds two active certificates for one cohort, whatever the double clicks.
    uniqueIndex('certificates_one_active_unique').on(t.userId, t.cohortId).where(sql`revoked_at is null and replaced_at is null`),
    index('certificates_cohort_idx').on(t.cohortId),
    index('certificates_user_idx').on(t.userId),
  ],
);

/**
 * An exception to one eligibility rule for one person in one cohort (e.g. a justified absence
 * below the attendance share), with its reason; audited. `rule` is `hours`, `attendance` or
 * `quiz:<module slug>`.
 */
export const eligibilityExceptions = sqliteTable(
  'eligibility_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    rule: text('rule').notNull(),
    reason: text('reason').notNull(),
    grantedBy: integer('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: integer('granted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('eligibility_exceptions_unique').on(t.userId, t.cohortId, t.rule)],
);

/**
 * The signed BitstringStatusListCredential Aula serves for revocation, re-signed whenever a
 * certificate is revoked; one row per list.
 */
export const statusLists = sqliteTable('status_lists', {
  id: integer('id').primaryKey(),
  /** The signed credential, as the exact bytes served. */
  credential: blob('credential', { mode: 'buffer' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
