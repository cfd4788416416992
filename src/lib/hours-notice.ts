import { t } from '../i18n/index.ts';
import { formatHours } from './format.ts';

/** Which hours form succeeded, as the page's `?aviso=` after its redirect (post/redirect/get). */
export type HoursNoticeKind = 'ajuste' | 'reversion' | 'practica';

/** Where to go after a successful hours form: the same page, saying what was recorded. */
export function hoursNoticePath(pathname: string, kind: HoursNoticeKind, minutes: number): string {
  return `${pathname}?aviso=${kind}&minutos=${Math.round(minutes)}`;
}

/** The confirmation a page shows after the redirect, or undefined. */
export function hoursNotice(url: URL): string | undefined {
  const minutes = Number(url.searchParams.get('minutos'));
  if (!Number.isFinite(minutes)) return undefined;
  const hours = formatHours(minutes);
  switch (url.searchParams.get('aviso')) {
    case 'ajuste':
      return t('hours.adjust.done', { hours });
    case 'reversion':
      return t('hours.reverse.done', { hours });
    case 'practica':
      return t('hours.practice.done', { hours });
    default:
      return undefined;
  }
}
