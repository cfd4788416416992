import type { Checklist, ChecklistMarks } from '../../tools/checklist-schema.ts';
import { getChecklist } from '../../tools/checklists.ts';
import type { Db } from '../db.ts';
import { getChecklistMarks } from './checklist-marks.ts';

export interface LessonChecklist {
  checklist: Checklist;
  marks: ChecklistMarks | null;
  savedAt: Date | null;
}

/** The checklists a lesson shows, each with the learner's own saved marks (none for staff). */
export function loadLessonChecklists(
  db: Db,
  input: { userId: number; lessonId: string; ids: string[]; learner: boolean },
): Map<string, LessonChecklist> {
  const result = new Map<string, LessonChecklist>();
  for (const id of input.ids) {
    const checklist = getChecklist(id);
    if (!checklist) continue;
    const saved = input.learner ? getChecklistMarks(db, { userId: input.userId, lessonId: input.lessonId, checklistId: id }) : null;
    result.set(id, { checklist, marks: saved?.marks ?? null, savedAt: saved?.updatedAt ?? null });
  }
  return result;
}
