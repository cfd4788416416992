/**
 * What Aula stores on a device for offline reading, shared by the service worker and the pages
 * (docs/decisions/023-offline-lessons.md).
 */

/** One Cache Storage cache per module a learner stored: `aula-modulo-<slug>`. */
export const MODULE_CACHE_PREFIX = 'aula-modulo-';
/** The prerendered page the service worker shows for a page not stored (quizzes, practice…). */
export const OFFLINE_PAGE = '/sin-conexion/index.html';
/** The attribute a stored copy carries on <html>, so the page can say it is the device's copy. */
export const OFFLINE_COPY_ATTRIBUTE = 'data-offline-copy';

/**
 * Paths never stored: the API, sign-in, quizzes and practice (online only, graded on the server),
 * certificates, exports and every staff area. The pages only ask for lessons, but the rule holds
 * for whatever a page asks.
 */
const NEVER_STORED = [
  /^\/api\//,
  /^\/ingresar/,
  /^\/(constancias|credenciales|verificar|calendario|coordinacion|instructor|admin|generaciones|cuenta)(\/|$)/,
  /\/evaluacion(\/|$)/,
  /^\/diplomado\/(practicas|herramientas)(\/|$)/,
  /\.(csv|xlsx|pdf|ics|json)$/,
];

export function isNeverStored(pathname: string): boolean {
  return NEVER_STORED.some((rule) => rule.test(pathname));
}

/** Links that need the network: shown as "Requiere conexión" while offline. */
export const ONLINE_ONLY_LINKS =
  'a[href*="/evaluacion"], a[href^="/diplomado/practicas"], a[href^="/diplomado/herramientas"], a[href^="/constancias"]';

/** Marks a stored page so that, served offline, it says it is the copy saved on `savedAt`. */
export function markOfflineCopy(html: string, savedAt: Date): string {
  return html.replace(/<html\b/, `<html ${OFFLINE_COPY_ATTRIBUTE}="${savedAt.toISOString()}"`);
}

/** Same-origin images, stylesheets and scripts a page uses, stored with it. */
export function referencedAssets(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:img|script|link)\b[^>]*?\s(?:src|href)="(\/(?!\/)[^"#?]*)"/g)) {
    const path = match[1];
    if (path && /\.(css|js|png|jpe?g|webp|avif|svg|gif)$/.test(path)) found.add(path);
  }
  return [...found];
}
