/**
 * Aula's service worker (docs/decisions/023-offline-lessons.md), bundled by
 * src/integrations/service-worker.ts into dist/client/sw.js with the shell's precache list.
 * It stores only what a learner asked for ("Guardar en este dispositivo" on a module page) and
 * the public shell (styles, icons, the offline page). Lesson pages are personal: they are stored
 * only when the page asks, only as 200 same-origin GET answers that were not redirected (a
 * redirect means the session ended), and the sign-out page deletes them.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isNeverStored, MODULE_CACHE_PREFIX, markOfflineCopy, OFFLINE_PAGE, referencedAssets } from '../lib/offline/cache-rules.ts';

declare const self: {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: StoreMessageEvent) => void): void;
};

interface StoreMessageEvent {
  data: unknown;
  ports: readonly MessagePort[];
  waitUntil(promise: Promise<unknown>): void;
}

/** A stored page is shown after this long without an answer: a link too slow to read on. */
const NETWORK_TIMEOUT_MS = 6000;

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Hashed build assets never change under the same name: cache first, and keep a bounded number.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname.startsWith('/_astro/') && request.method === 'GET',
  new CacheFirst({ cacheName: 'aula-recursos', plugins: [new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 60 * 60 * 24 * 60 })] }),
);

// Pages: the network first, so an online learner always sees fresh progress; the stored copy when
// the network fails or is too slow to read on; the offline page for anything not stored (quizzes,
// practice, exports).
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin,
  async ({ request, url, event }) => {
    const stored = await matchStored(url);
    const network = fetch(request);
    // A page the learner stored is refreshed with what they just saw online.
    if (stored) {
      event.waitUntil(
        network.then((response) => (isStorable(response, url) ? refresh(url, response.clone()) : undefined)).catch(() => undefined),
      );
    }
    try {
      if (!stored) return await network;
      return (await Promise.race([network, delay(NETWORK_TIMEOUT_MS)])) ?? stored;
    } catch {
      return stored ?? (await matchPrecache(OFFLINE_PAGE)) ?? Response.error();
    }
  },
);

// Images stored with a module are served from the device when the network fails.
registerRoute(
  ({ request, url }) => request.destination === 'image' && url.origin === self.location.origin,
  async ({ request, url }) => {
    try {
      return await fetch(request);
    } catch {
      return (await matchStored(url)) ?? Response.error();
    }
  },
);

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string; cache?: string; urls?: unknown } | null;
  const port = event.ports[0];
  if (data?.type !== 'store' || !port || typeof data.cache !== 'string' || !Array.isArray(data.urls)) return;
  const cache = data.cache;
  const urls = data.urls.filter((u): u is string => typeof u === 'string');
  event.waitUntil(
    store(cache, urls).then(
      (stored) => port.postMessage({ ok: true, stored }),
      () => port.postMessage({ ok: false }),
    ),
  );
});

/** Fetches and stores a module's pages and the assets they use; all or nothing. */
async function store(cacheName: string, urls: string[]): Promise<number> {
  if (!cacheName.startsWith(MODULE_CACHE_PREFIX)) throw new Error(`not a module cache: ${cacheName}`);
  const entries: [string, Response][] = [];
  const assets = new Set<string>();
  for (const path of urls) {
    const url = new URL(path, self.location.origin);
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { 'X-Aula-Sin-Conexion': '1' } });
    if (!isStorable(response, url)) throw new Error(`not storable: ${url.pathname} (${response.status})`);
    const html = await response.text();
    for (const asset of referencedAssets(html)) assets.add(asset);
    entries.push([url.pathname, pageResponse(html, response)]);
  }
  for (const path of assets) {
    const response = await fetch(new URL(path, self.location.origin));
    if (response.ok && !response.redirected) entries.push([path, response]);
  }
  await caches.delete(cacheName);
  const cache = await caches.open(cacheName);
  await Promise.all(entries.map(([path, response]) => cache.put(new URL(path, self.location.origin).href, response)));
  return urls.length;
}

/** Only a signed-in learner's own 200 page: never a redirect (to /ingresar), an error or a never-stored path. */
function isStorable(response: Response, url: URL): boolean {
  return (
    response.status === 200 &&
    !response.redirected &&
    response.type === 'basic' &&
    url.origin === self.location.origin &&
    (response.headers.get('Content-Type') ?? '').startsWith('text/html') &&
    !isNeverStored(url.pathname)
  );
}

function pageResponse(html: string, from: Response): Response {
  return new Response(markOfflineCopy(html, new Date()), {
    status: 200,
    headers: { 'Content-Type': from.headers.get('Content-Type') ?? 'text/html' },
  });
}

async function refresh(url: URL, response: Response): Promise<void> {
  const names = await moduleCaches();
  const html = await response.text();
  for (const name of names) {
    const cache = await caches.open(name);
    if (await cache.match(url.pathname)) await cache.put(new URL(url.pathname, self.location.origin).href, pageResponse(html, response));
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

async function matchStored(url: URL): Promise<Response | undefined> {
  for (const name of await moduleCaches()) {
    const hit = await (await caches.open(name)).match(url.pathname);
    if (hit) return hit;
  }
  return undefined;
}

async function moduleCaches(): Promise<string[]> {
  return (await caches.keys()).filter((name) => name.startsWith(MODULE_CACHE_PREFIX));
}
