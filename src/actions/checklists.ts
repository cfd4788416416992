import { defineAction } from 'astro:actions';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { loadLearnerPath, requireLearnerLesson } from '../lib/server/course/learner-path.ts';
import { getDb } from '../lib/server/db.ts';
import { DomainError } from '../lib/server/errors.ts';
import { marksFromForm, saveChecklistMarks } from '../lib/server/tools/checklist-marks.ts';
import { getChecklist } from '../lib/tools/checklists.ts';
import { withDomainErrors } from './errors.ts';

export const checklists = {
  /** A learner's marks on a lesson's checklist, posted by the plain form (no JavaScript needed). */
  save: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(async () => {
        const user = requireRole(context.locals.user, 'inspector');
        const db = getDb();
        const lessonId = String(form.get('lessonId') ?? '');
        const checklistId = String(form.get('checklistId') ?? '');
        requireLearnerLesson(await loadLearnerPath(db, user), lessonId);
        const checklist = getChecklist(checklistId);
        if (!checklist) throw new DomainError('checklist.notInLesson', {}, 'not-found');
        const marks = marksFromForm(checklist, form);
        return { ...saveChecklistMarks(db, { userId: user.id, lessonId, checklistId, checklist, marks }), checklistId };
      }),
  }),
};
