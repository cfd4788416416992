import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db.ts';
import { feedOwner, feedSessionsOf, renderCalendar } from '../../lib/server/sessions/calendar-feed.ts';

/**
 * A person's calendar feed, read by Google Calendar or Outlook without signing in: the token in
 * the path is the only key (public path in auth/authorize.ts). An unknown or replaced token is a
 * 404 that says nothing more.
 */
export const GET: APIRoute = ({ params }) => {
  const db = getDb();
  const owner = feedOwner(db, params.token ?? '');
  if (!owner) return new Response(null, { status: 404 });
  return new Response(renderCalendar(feedSessionsOf(db, owner.userId)), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="aula-sesiones.ics"',
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex',
    },
  });
};
