import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../db/schema/index.ts';
import { t } from '../i18n/index.ts';
import { instantInMexico } from '../lib/mexico-time.ts';
import { requireRole, requireSignedIn } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { type AttendanceMark, recordAttendance } from '../lib/server/sessions/attendance.ts';
import { createCalendarFeed } from '../lib/server/sessions/calendar-feed.ts';
import { checkIn } from '../lib/server/sessions/check-in.ts';
import { cancelSession, scheduleSession, updateSession } from '../lib/server/sessions/schedule.ts';
import { attendanceMarksFromForm, attendanceNoteSchema, reasonSchema, sessionSchema } from '../lib/validation/session.ts';
import { clientAddressOf, withDomainErrors } from './errors.ts';

const STAFF = ['instructor', 'coordinator', 'admin'] as const;

/** The session's fields for the domain: the instant in Mexico City, and the link or the place. */
function fieldsOf(input: z.infer<typeof sessionSchema>) {
  return {
    moduleSlug: input.moduleSlug,
    title: input.title,
    startsAt: instantInMexico(input.date, input.time),
    durationMinutes: input.durationMinutes,
    mode: input.mode,
    location: (input.mode === 'virtual' ? input.url : input.place) ?? '',
  };
}

/** The posted attendance form as marks, or a Spanish error naming what to fix. */
function marksOf(form: FormData): AttendanceMark[] {
  return attendanceMarksFromForm(form).map((m) => {
    if (!ATTENDANCE_STATUSES.includes(m.status as AttendanceStatus)) {
      throw new ActionError({ code: 'BAD_REQUEST', message: t('sessions.attendance.statusInvalid') });
    }
    const note = attendanceNoteSchema.safeParse(m.note);
    if (!note.success) throw new ActionError({ code: 'BAD_REQUEST', message: note.error.issues[0]?.message ?? t('error.generic') });
    const minutes = m.minutes.trim() === '' ? null : Number(m.minutes.trim());
    return { userId: m.userId, status: m.status as AttendanceStatus, minutes, note: note.data || null };
  });
}

export const sessions = {
  schedule: defineAction({
    accept: 'form',
    input: sessionSchema.safeExtend({ cohortId: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, ...STAFF);
        return scheduleSession(getDb(), { ...fieldsOf(input), cohortId: input.cohortId, actorId: actor.id });
      }),
  }),

  update: defineAction({
    accept: 'form',
    input: sessionSchema.safeExtend({ id: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, ...STAFF);
        updateSession(getDb(), { ...fieldsOf(input), id: input.id, actorId: actor.id });
        return { id: input.id };
      }),
  }),

  cancel: defineAction({
    accept: 'form',
    input: z.object({ id: z.coerce.number().int().positive(), reason: reasonSchema }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, ...STAFF);
        cancelSession(getDb(), { id: input.id, actorId: actor.id, reason: input.reason });
        return { id: input.id };
      }),
  }),

  /** The attendance form: `status.<userId>`, `minutes.<userId>`, `note.<userId>` per person, and a reason for changes. */
  recordAttendance: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, ...STAFF);
        const sessionId = z.coerce.number().int().positive().parse(form.get('sessionId'));
        const rawReason = String(form.get('reason') ?? '');
        const reason = rawReason.trim() === '' ? null : reasonSchema.safeParse(rawReason);
        if (reason && !reason.success) {
          throw new ActionError({ code: 'BAD_REQUEST', message: reason.error.issues[0]?.message ?? t('error.generic') });
        }
        return recordAttendance(getDb(), { sessionId, actorId: actor.id, marks: marksOf(form), reason: reason?.data ?? null });
      }),
  }),

  checkIn: defineAction({
    accept: 'form',
    input: z.object({
      sessionId: z.coerce.number().int().positive(),
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, t('sessions.checkin.codeFormat')),
    }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'inspector');
        return checkIn(getDb(), { sessionId: input.sessionId, userId: user.id, code: input.code, address: clientAddressOf(context) });
      }),
  }),

  /** A new private calendar link; the old one stops working. The token is shown once, from this result. */
  createFeed: defineAction({
    accept: 'form',
    handler: (_form, context) =>
      withDomainErrors(() => {
        const user = requireSignedIn(context.locals.user);
        return { token: createCalendarFeed(getDb(), user.id) };
      }),
  }),
};
