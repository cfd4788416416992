import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { calendarDateSchema, cleanMultilineText, cleanText, textSchema } from './text.ts';

export const SESSION_TITLE_MAX = 120;
export const SESSION_PLACE_MAX = 200;
export const SESSION_MIN_MINUTES = 15;
export const SESSION_MAX_MINUTES = 480;
export const ATTENDANCE_NOTE_MAX = 300;
export const CORRECTION_REASON_MAX = 500;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A link people open from Aula and their calendar: https only (a link to a call, not a script). */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The schedule form: module, title, day and time in Mexico City, duration, and a link or a place. */
export const sessionSchema = z
  .object({
    moduleSlug: z.string().trim().min(1, t('sessions.module.required')).max(100),
    title: textSchema({ min: 3, max: SESSION_TITLE_MAX }),
    date: calendarDateSchema,
    time: z.string().trim().regex(TIME, t('sessions.time.invalid')),
    durationMinutes: z.coerce
      .number(t('sessions.duration.invalid'))
      .int(t('sessions.duration.invalid'))
      .min(SESSION_MIN_MINUTES, t('sessions.duration.range', { min: SESSION_MIN_MINUTES, max: SESSION_MAX_MINUTES }))
      .max(SESSION_MAX_MINUTES, t('sessions.duration.range', { min: SESSION_MIN_MINUTES, max: SESSION_MAX_MINUTES })),
    mode: z.enum(['virtual', 'in_person'], t('sessions.mode.invalid')),
    url: z.string().transform(cleanText).optional(),
    place: z.string().transform(cleanText).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'virtual' && !isHttpsUrl(v.url ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: t('sessions.url.invalid') });
    }
    if (v.mode === 'in_person' && ((v.place ?? '').length < 3 || (v.place ?? '').length > SESSION_PLACE_MAX)) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: t('sessions.place.invalid', { max: SESSION_PLACE_MAX }) });
    }
  });

/** A reason for a correction or a cancellation: required, said in a sentence. */
export const reasonSchema = textSchema({ min: 5, max: CORRECTION_REASON_MAX, tooShort: t('sessions.reason.required'), multiline: true });

/** An optional note per person on the attendance form. */
export const attendanceNoteSchema = z
  .string()
  .transform(cleanMultilineText)
  .pipe(z.string().max(ATTENDANCE_NOTE_MAX, t('sessions.attendance.noteTooLong', { max: ATTENDANCE_NOTE_MAX })));

/** A mark of the attendance form, as posted: `status.<userId>`, `minutes.<userId>`, `note.<userId>`. */
export interface PostedMark {
  userId: number;
  status: string;
  minutes: string;
  note: string;
}

/** The attendance form's rows, one per person with a `status.<userId>` field (works without JavaScript). */
export function attendanceMarksFromForm(form: FormData): PostedMark[] {
  const marks: PostedMark[] = [];
  for (const [key, value] of form) {
    const match = /^status\.(\d{1,10})$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const field = (name: string) => {
      const v = form.get(`${name}.${match[1]}`);
      return typeof v === 'string' ? v : '';
    };
    marks.push({ userId: Number(match[1]), status: value, minutes: field('minutes'), note: field('note') });
  }
  return marks;
}
