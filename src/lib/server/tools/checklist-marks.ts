import { and, desc, eq, or } from 'drizzle-orm';
import { checklistMarks, users } from '../../../../db/schema/index.ts';
import { CHECKLIST_MARKS, type Checklist, type ChecklistMark, type ChecklistMarks } from '../../tools/checklist-schema.ts';
import { isStaff, mayTeach, taughtBy } from '../cohorts/teaching.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';

export const NOTE_MAX = 500;

/** Where a learner's marks live: one row per person, lesson and checklist. */
export interface MarksRef {
  userId: number;
  lessonId: string;
  checklistId: string;
}

/**
 * The marks posted from a lesson's checklist form: `marca-<item>` (cumple | no_cumple | no_aplica,
 * or absent) and `nota-<item>`. Unknown items are ignored; a note longer than NOTE_MAX or an
 * unknown mark is refused, so a hand-made post cannot store anything the form could not send.
 */
export function marksFromForm(checklist: Checklist, form: FormData): ChecklistMarks {
  const marks: ChecklistMarks = {};
  for (const item of checklist.items) {
    const raw = String(form.get(`marca-${item.id}`) ?? '');
    const note = String(form.get(`nota-${item.id}`) ?? '').trim();
    if (raw && !(CHECKLIST_MARKS as readonly string[]).includes(raw))
      throw new DomainError('checklist.badMark', { item: item.id }, 'invalid');
    if (note.length > NOTE_MAX) throw new DomainError('checklist.noteTooLong', { item: item.id, max: NOTE_MAX }, 'invalid');
    if (raw || note) marks[item.id] = { mark: (raw || null) as ChecklistMark | null, note };
  }
  return marks;
}

/** Saves (replaces) a learner's marks on a checklist in a lesson. The caller checks the lesson is the learner's. */
export function saveChecklistMarks(
  db: Db,
  ref: MarksRef & { checklist: Checklist; marks: ChecklistMarks },
  now = new Date(),
): { saved: number } {
  if (ref.checklist.id !== ref.checklistId || ref.checklist.lesson !== ref.lessonId)
    throw new DomainError('checklist.notInLesson', {}, 'not-found');
  const marks = JSON.stringify(ref.marks);
  db.insert(checklistMarks)
    .values({ userId: ref.userId, lessonId: ref.lessonId, checklistId: ref.checklistId, marks, updatedAt: now })
    .onConflictDoUpdate({
      target: [checklistMarks.userId, checklistMarks.lessonId, checklistMarks.checklistId],
      set: { marks, updatedAt: now },
    })
    .run();
  return { saved: Object.keys(ref.marks).length };
}

/** A learner's own marks, or null when they have none yet. */
export function getChecklistMarks(db: Db, ref: MarksRef): { marks: ChecklistMarks; updatedAt: Date } | null {
  const row = db
    .select()
    .from(checklistMarks)
    .where(
      and(
        eq(checklistMarks.userId, ref.userId),
        eq(checklistMarks.lessonId, ref.lessonId),
        eq(checklistMarks.checklistId, ref.checklistId),
      ),
    )
    .get();
  return row ? { marks: JSON.parse(row.marks) as ChecklistMarks, updatedAt: row.updatedAt } : null;
}

/**
 * Someone's marks as `viewerId` may see them: their own, or a learner they teach (coordination sees
 * all). Anyone else gets a forbidden DomainError, never an empty list that would hide the refusal.
 */
export function getChecklistMarksFor(db: Db, viewerId: number, ref: MarksRef): { marks: ChecklistMarks; updatedAt: Date } | null {
  if (viewerId !== ref.userId && !mayTeach(db, viewerId, ref.userId)) throw new DomainError('error.forbidden', {}, 'forbidden');
  return getChecklistMarks(db, ref);
}

export interface MarksSummary {
  userId: number;
  fullName: string;
  lessonId: string;
  checklistId: string;
  marked: number;
  updatedAt: Date;
}

/**
 * Saved checklists `viewerId` may read: their own; an instructor's also those of the learners they
 * teach (cohorts/teaching.ts); coordination's everyone's. Newest first.
 */
export function listVisibleChecklistMarks(db: Db, viewerId: number): MarksSummary[] {
  const condition = isStaff(db, viewerId)
    ? undefined
    : or(eq(checklistMarks.userId, viewerId), taughtBy(db, viewerId, checklistMarks.userId));
  return db
    .select({
      userId: checklistMarks.userId,
      fullName: users.fullName,
      lessonId: checklistMarks.lessonId,
      checklistId: checklistMarks.checklistId,
      marks: checklistMarks.marks,
      updatedAt: checklistMarks.updatedAt,
    })
    .from(checklistMarks)
    .innerJoin(users, eq(users.id, checklistMarks.userId))
    .where(condition)
    .orderBy(desc(checklistMarks.updatedAt))
    .all()
    .map(({ marks, ...row }) => ({ ...row, marked: Object.values(JSON.parse(marks) as ChecklistMarks).filter((m) => m.mark).length }));
}
