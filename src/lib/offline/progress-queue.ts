/**
 * Browser side of offline progress (docs/decisions/023-offline-lessons.md): beats and completion
 * requests made without network wait in localStorage under the signed-in account's id, and are
 * sent to /api/progreso/sincronizar when the network returns. A shared phone never sends one
 * person's queue as another's: each page sends only the queue of the account it was rendered for,
 * and the server refuses a queue tagged with another id.
 */

const KEY_PREFIX = 'aula.cola.';
/** About a day of study at one beat every 30 s; older beats are dropped first. */
const MAX_BEATS = 3000;
const SYNC_URL = '/api/progreso/sincronizar';
/** The key OfflineStatus.astro keeps the last signed-in account under, to notice a change of person. */
export const LAST_ACCOUNT_KEY = 'aula.cuenta';

interface Queue {
  /** [lessonId, the phone's instant in ms] */
  beats: [string, number][];
  completions: string[];
}

export interface SyncResult {
  summary: string;
  items: { lessonId: string; engagedSeconds: number; creditedSeconds: number; completion: { accepted: boolean } | null }[];
}

function read(userId: string): Queue {
  try {
    const queue = JSON.parse(localStorage.getItem(KEY_PREFIX + userId) ?? '') as Queue;
    if (Array.isArray(queue.beats) && Array.isArray(queue.completions)) return queue;
  } catch {
    // No queue yet, or one this version cannot read: start afresh.
  }
  return { beats: [], completions: [] };
}

function write(userId: string, queue: Queue): void {
  if (queue.beats.length === 0 && queue.completions.length === 0) localStorage.removeItem(KEY_PREFIX + userId);
  else localStorage.setItem(KEY_PREFIX + userId, JSON.stringify(queue));
}

export function hasQueued(userId: string): boolean {
  return localStorage.getItem(KEY_PREFIX + userId) !== null;
}

export function queueBeat(userId: string, lessonId: string, at = Date.now()): void {
  const queue = read(userId);
  queue.beats.push([lessonId, at]);
  write(userId, { ...queue, beats: queue.beats.slice(-MAX_BEATS) });
}

export function queueCompletion(userId: string, lessonId: string): void {
  const queue = read(userId);
  if (!queue.completions.includes(lessonId)) queue.completions.push(lessonId);
  write(userId, queue);
}

/**
 * Sends this account's queue; resolves with the server's answer, or null when there was nothing
 * to send or the network failed (the queue stays for next time). What was sent leaves the queue
 * only once the server answered; a batch sent again after a lost answer credits nothing twice.
 * One caller (OfflineStatus.astro) sends, one batch at a time.
 */
export async function sendQueued(userId: string): Promise<SyncResult | null> {
  const queue = read(userId);
  if (queue.beats.length === 0 && queue.completions.length === 0) return null;
  let response: Response;
  try {
    response = await fetch(SYNC_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: Number(userId),
        beats: queue.beats.map(([lessonId, at]) => ({ lessonId, at })),
        completions: queue.completions.map((lessonId) => ({ lessonId })),
      }),
    });
  } catch {
    return null;
  }
  // A session that ended (401) or a server error: keep the queue for later.
  if (response.status === 401 || response.redirected || response.status >= 500) return null;
  const answer = (await response.json().catch(() => null)) as (SyncResult & { error?: string }) | null;
  // Another account's session on this phone: the queue waits for its owner to sign in again.
  if (response.status === 403) return answer?.error ? { summary: answer.error, items: [] } : null;
  // Sent: drop what was sent, keep what was queued meanwhile. A malformed batch (400) would be
  // refused again, so it is dropped too, and the page shows why.
  const now = read(userId);
  write(userId, { beats: now.beats.slice(queue.beats.length), completions: now.completions.filter((c) => !queue.completions.includes(c)) });
  if (!answer) return null;
  return { summary: answer.error ?? answer.summary, items: answer.items ?? [] };
}

/**
 * What the page says after another batch of one sync: the first batch's answer, then what a later
 * batch adds (a beat that joined the queue meanwhile goes in a batch of its own). A later batch
 * with nothing new ("already credited") never replaces a completion or the minutes credited.
 */
export function syncSummary(said: string, answer: SyncResult): string {
  if (said === '') return answer.summary;
  const news = answer.items.some((item) => item.creditedSeconds > 0 || item.completion !== null);
  return news ? `${said} ${answer.summary}` : said;
}

/** Sign-out on a shared phone: nothing of the person stays behind. */
export function clearAllQueues(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(KEY_PREFIX)) localStorage.removeItem(key);
}
