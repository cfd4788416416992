import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import { getChecklist } from '../../tools/checklists.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { getChecklistMarksFor } from './checklist-marks.ts';
import { renderChecklistPdf } from './checklist-pdf.ts';

/**
 * `/diplomado/herramientas/listas/<id>.pdf`: blank for anyone in the course; with `leccion`, the
 * viewer's own marks there, or (with `persona`) a learner's they teach. 404 for an unknown list,
 * 403 for someone else's marks, 404 when there are no marks to print.
 */
export async function checklistPdfResponse(db: Db, viewer: SessionUser, checklistId: string, query: URLSearchParams): Promise<Response> {
  const checklist = getChecklist(checklistId);
  if (!checklist) return new Response(null, { status: 404 });
  const lessonId = query.get('leccion');
  let filled: Parameters<typeof renderChecklistPdf>[1];
  if (lessonId) {
    const personId = query.has('persona') ? Number(query.get('persona')) : viewer.id;
    if (!Number.isInteger(personId)) return new Response(null, { status: 404 });
    let saved: ReturnType<typeof getChecklistMarksFor>;
    try {
      saved = getChecklistMarksFor(db, viewer.id, { userId: personId, lessonId, checklistId });
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'forbidden') return new Response(null, { status: 403 });
      throw error;
    }
    if (!saved) return new Response(null, { status: 404 });
    const name =
      personId === viewer.id
        ? viewer.fullName
        : (db.select({ n: users.fullName }).from(users).where(eq(users.id, personId)).get()?.n ?? '');
    filled = { marks: saved.marks, name, savedAt: saved.updatedAt };
  }
  const bytes = await renderChecklistPdf(checklist, filled);
  const file = filled ? `${checklist.id}-marcas.pdf` : `${checklist.id}.pdf`;
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${file}"`,
      'Cache-Control': filled ? 'private, no-store' : 'private, max-age=3600',
    },
  });
}
