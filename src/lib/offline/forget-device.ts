import { clearAllQueues, LAST_ACCOUNT_KEY } from './progress-queue.ts';

/**
 * Sign-out on a shared phone: the lessons stored for offline reading (personal pages), the other
 * caches of Aula and the offline queues go; only the service worker's public shell stays.
 */
export async function forgetOfflineData(): Promise<void> {
  clearAllQueues();
  localStorage.removeItem(LAST_ACCOUNT_KEY);
  if (!('caches' in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith('aula-')).map((name) => caches.delete(name)));
}
