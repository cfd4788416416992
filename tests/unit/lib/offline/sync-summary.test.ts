import { describe, expect, test } from 'vitest';
import { type SyncResult, syncSummary } from '../../../../src/lib/offline/progress-queue.ts';
import { t } from '../../../../src/i18n/index.ts';

const title = 'Función de la inspección del trabajo';
const item = (over: Partial<SyncResult['items'][number]> = {}): SyncResult['items'][number] => ({
  lessonId: '01-fundamentos-inspeccion/01-funcion-de-la-inspeccion',
  engagedSeconds: 2400,
  creditedSeconds: 0,
  completion: null,
  ...over,
});
const completed: SyncResult = {
  summary: t('offline.sync.completed', { title }),
  items: [item({ creditedSeconds: 60, completion: { accepted: true } })],
};
const nothingNew: SyncResult = { summary: 'Lo estudiado sin conexión ya estaba acreditado; no había tiempo nuevo.', items: [item()] };
const thirtySeconds: SyncResult = {
  summary: t('offline.sync.credited', { minutes: 0, seconds: 30 }),
  items: [item({ creditedSeconds: 30 })],
};

describe('what the page says after each batch of one sync', () => {
  test('the first batch says its own answer', () => {
    expect(syncSummary('', nothingNew)).toBe(nothingNew.summary);
    expect(syncSummary('', completed)).toBe(completed.summary);
  });

  test('a later batch with nothing new never hides a completion (a beat that joined the queue meanwhile)', () => {
    expect(syncSummary(completed.summary, nothingNew)).toBe(completed.summary);
  });

  test('a later batch that credited time is said after the first', () => {
    expect(syncSummary(completed.summary, thirtySeconds)).toBe(`${completed.summary} ${thirtySeconds.summary}`);
  });
});
